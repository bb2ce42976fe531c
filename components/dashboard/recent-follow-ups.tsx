import Link from 'next/link';
import { StatusChip } from '@/components/commitments/status-chip';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EvidenceTypeBadge } from '@/components/evidence/evidence-type-badge';
import { Badge } from '@/components/ui/badge';
import { FactDate } from '@/components/ui/day';
import { formatDay } from '@/lib/domain/dates';
import type { RecentFollowUp } from '@/lib/data/dashboard';
import { formatDistanceToNowStrict } from 'date-fns';

/**
 * The latest follow-ups (as logged, or the newest news by the day shown): what was said about which commitment, on
 * what evidence, by whom. Rows that do not set the status (a corroboration, context, a withdrawn row) say so.
 */
export function RecentFollowUps({
  items,
  labelledBy,
  asOf = null,
}: {
  items: RecentFollowUp[];
  labelledBy?: string;
  /** The day shown: links open the commitment as of it. */
  asOf?: Date | null;
}) {
  return (
    <ol aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.id} className="px-4 py-3 sm:px-5">
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1.5">
            <Link
              href={`/commitments/${item.commitment.id}${asOf ? `?asOf=${formatDay(asOf)}` : ''}`}
              className="min-w-0 flex-1 text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline"
            >
              {item.commitment.title}
            </Link>
            <span className="flex items-center gap-2">
              {item.withdrawnAt ? (
                <Badge tone="amber">Withdrawn</Badge>
              ) : item.kind !== 'assessment' ? (
                <Badge tone="neutral">{item.kind === 'corroboration' ? 'Corroboration' : 'Context'}</Badge>
              ) : null}
              <StatusChip status={item.status} />
            </span>
          </div>
          {item.evidence ? (
            <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-700">
              <AdmiraltyBadge
                reliability={item.evidence.reliability}
                credibility={item.evidence.credibility}
              />
              <EvidenceTypeBadge type={item.evidence.type} />
              <span className="min-w-0">
                <span className="font-medium">{item.evidence.outlet.name}</span>: {item.evidence.title}
              </span>
            </div>
          ) : (
            <p className="mt-1 text-xs text-slate-500">No evidence cited</p>
          )}
          <p className="mt-1.5 text-xs text-slate-500">
            {item.party ? <>On {item.party.name} · </> : null}
            Observed <FactDate date={item.observedOn} precision={item.observedPrecision} /> · Logged{' '}
            <time dateTime={item.createdAt.toISOString()} title={item.createdAt.toISOString()}>
              {formatDistanceToNowStrict(item.createdAt, { addSuffix: true })}
            </time>{' '}
            by {item.author?.name ?? 'the system'}
          </p>
        </li>
      ))}
    </ol>
  );
}
