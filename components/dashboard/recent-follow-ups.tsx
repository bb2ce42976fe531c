import Link from 'next/link';
import { StatusLabel } from '@/components/commitments/status-chip';
import { describeGrade } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { FactDate } from '@/components/ui/day';
import { formatDay } from '@/lib/domain/dates';
import type { RecentFollowUp } from '@/lib/data/dashboard';
import type { Reliability } from '@/lib/generated/prisma/enums';
import { formatDistanceToNowStrict } from 'date-fns';

/**
 * The latest follow-ups (as logged, or the newest news by the day shown): what was said about which commitment, on
 * what evidence (its grade, spelled out in the tooltip and for screen readers, and its type), by whom. Rows that do
 * not set the status (a corroboration, context, a withdrawn row) say so. Plain text rather than badges: eight rows
 * of three badges each weighed more than the news they carry. The items' styles are the feed-* classes
 * (app/styles/dashboards.css), set once rather than per item.
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
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  return (
    <ol aria-labelledby={labelledBy} className="feed [&_p]:mt-1 [&_p]:text-xs">
      {items.map((item) => (
        <li key={item.id}>
          <div className="feed-head">
            <Link href={`/commitments/${item.commitment.id}${suffix}`} className="feed-title min-w-0 flex-1">
              {item.commitment.title}
            </Link>
            <span className="text-xs">
              {item.withdrawnAt ? (
                <span className="font-medium text-amber-900">Withdrawn · </span>
              ) : item.kind !== 'assessment' ? (
                <span className="text-slate-600">
                  {`${item.kind === 'corroboration' ? 'Corroboration' : 'Context'} · `}
                </span>
              ) : null}
              <StatusLabel status={item.status} />
            </span>
          </div>
          {/* Adjacent texts as one string: React separates neighbouring text nodes with a comment in the HTML. */}
          {item.evidence ? (
            <p className="text-slate-700">
              <Grade reliability={item.evidence.reliability} credibility={item.evidence.credibility} />
              {` · ${EVIDENCE_TYPE_LABELS[item.evidence.type]} · `}
              <span className="font-medium">{item.evidence.outlet.name}</span>
              {`: ${item.evidence.title}`}
            </p>
          ) : (
            <p className="text-slate-500">No evidence cited</p>
          )}
          <p className="text-slate-500">
            {`${item.party ? `On ${item.party.name} · ` : ''}Observed `}
            <FactDate date={item.observedOn} precision={item.observedPrecision} />
            {' · Logged '}
            <time dateTime={item.createdAt.toISOString()} title={item.createdAt.toISOString()}>
              {formatDistanceToNowStrict(item.createdAt, { addSuffix: true })}
            </time>
            {` by ${item.author?.name ?? 'the system'}`}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** An evidence grade ("B2"), spelled out in its tooltip and for screen readers. */
function Grade({ reliability, credibility }: { reliability: Reliability; credibility: number }) {
  const description = describeGrade(reliability, credibility);
  return (
    <span title={description} className="font-mono font-semibold">
      <span className="sr-only">Grade </span>
      {`${reliability}${credibility}`}
      <span className="sr-only">{`: ${description}`}</span>
    </span>
  );
}
