import Link from 'next/link';
import { describeGrade } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { StatusLabel } from '@/components/commitments/status-chip';
import { FactDate } from '@/components/ui/day';
import { formatDay } from '@/lib/domain/dates';
import type { RecentFollowUp } from '@/lib/data/dashboard';
import { formatDistanceToNowStrict } from 'date-fns';

/**
 * The latest follow-ups (as logged, or the newest news by the day shown): what was said about which commitment, on
 * what evidence (its grade, spelled out in the tooltip and for screen readers, and its type), by whom. Rows that do
 * not set the status (a corroboration, context, a withdrawn row) say so. Plain text rather than badges: eight rows
 * of three badges each weighed more than the news they carry.
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
    <ol
      aria-labelledby={labelledBy}
      className="divide-y divide-slate-200 *:px-4 *:py-3 sm:*:px-5 [&_p]:mt-1 [&_p]:text-xs"
    >
      {items.map((item) => (
        <li key={item.id}>
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
            <Link
              href={`/commitments/${item.commitment.id}${suffix}`}
              className="min-w-0 flex-1 text-sm font-medium text-slate-900 hover:underline"
            >
              {item.commitment.title}
            </Link>
            <span className="text-xs">
              {item.withdrawnAt ? (
                <span className="font-medium text-amber-900">Withdrawn · </span>
              ) : item.kind !== 'assessment' ? (
                <span className="text-slate-600">
                  {item.kind === 'corroboration' ? 'Corroboration' : 'Context'}
                  {' · '}
                </span>
              ) : null}
              <StatusLabel status={item.status} />
            </span>
          </div>
          {item.evidence ? (
            <p className="text-slate-700">
              <span
                title={describeGrade(item.evidence.reliability, item.evidence.credibility)}
                className="font-mono font-semibold"
              >
                <span className="sr-only">Grade </span>
                {item.evidence.reliability}
                {item.evidence.credibility}
                <span className="sr-only">
                  : {describeGrade(item.evidence.reliability, item.evidence.credibility)}
                </span>
              </span>
              {' · '}
              {EVIDENCE_TYPE_LABELS[item.evidence.type]}
              {' · '}
              <span className="font-medium">{item.evidence.outlet.name}</span>: {item.evidence.title}
            </p>
          ) : (
            <p className="text-slate-500">No evidence cited</p>
          )}
          <p className="text-slate-500">
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
