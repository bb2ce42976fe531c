import { StatusChip } from '@/components/commitments/status-chip';
import { PARTY_KIND_LABELS } from '@/components/dashboard/party-labels';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatPartialDate } from '@/lib/format/date';
import type { SearchHit } from '@/lib/search/query';
import { Highlighted } from './highlighted';
import { hrefOf } from './quick-results';

/** What places the hit: its agreement and status, its outlet and date, the commitments it bears on… */
function Context({ hit }: { hit: SearchHit }) {
  switch (hit.kind) {
    case 'commitment':
      return (
        <>
          <StatusChip status={hit.status} />
          <span>
            in{' '}
            <a href={`/agreements/${hit.agreement.id}`} className="link">
              {hit.agreement.title}
            </a>
          </span>
        </>
      );
    case 'agreement':
      return (
        <>
          <span>Concluded {formatPartialDate(hit.concludedOn, hit.concludedPrecision)}</span>
          {hit.place ? <span>{hit.place}</span> : null}
        </>
      );
    case 'evidence':
      return (
        <>
          <a href={`/outlets/${hit.outlet.id}`} className="link">
            {hit.outlet.name}
          </a>
          <span>{hit.publishedOn ? formatDate(hit.publishedOn) : 'Undated'}</span>
          {hit.commitments.length ? (
            <span>
              Bears on{' '}
              {hit.commitments.map((commitment, index) => (
                <span key={commitment.id}>
                  {index ? '; ' : null}
                  <a href={`/commitments/${commitment.id}`} className="link">
                    {commitment.title}
                  </a>
                </span>
              ))}
            </span>
          ) : null}
        </>
      );
    case 'status_update':
      return (
        <>
          <StatusChip status={hit.status} />
          <span>Fact of {formatPartialDate(hit.observedOn, hit.observedPrecision)}</span>
          {hit.withdrawn ? <Badge tone="neutral">Withdrawn</Badge> : null}
        </>
      );
    case 'party':
      return (
        <>
          <span>{PARTY_KIND_LABELS[hit.partyKind]}</span>
          {hit.parent ? <span>under {hit.parent}</span> : null}
        </>
      );
    case 'person':
      return hit.party ? (
        <a href={`/parties/${hit.party.id}`} className="link">
          {hit.party.name}
        </a>
      ) : null;
    case 'outlet':
      return hit.website ? <span className="break-all">{hit.website}</span> : null;
  }
}

// Plain <a> links, not next/link: a page shows up to 35 hits with several links each, and every next/link is a
// client component to serialise and hydrate (the page cost about 40 ms of server CPU).

/** One search hit: its title with the matched words marked, where it belongs, and the passage that matched. */
export function SearchHitItem({ hit }: { hit: SearchHit }) {
  return (
    <li className="px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <a href={hrefOf(hit)} className="font-medium text-indigo-700 hover:underline">
          {hit.kind === 'status_update' ? 'Follow-up on ' : null}
          {/* dir=auto: an Urdu or Arabic title reads right to left inside the English page. */}
          <span dir="auto">
            <Highlighted segments={hit.title} />
          </span>
        </a>
        {hit.approximate ? (
          <Badge tone="amber" title="Found by a close spelling of your words">
            Close match
          </Badge>
        ) : null}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <Context hit={hit} />
      </div>
      {hit.snippet ? (
        <p dir="auto" className="mt-1 text-sm break-words text-slate-700">
          <Highlighted segments={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}
