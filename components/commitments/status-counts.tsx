import clsx from 'clsx';
import { STATUSES, statusLabel, type CommitmentStatus } from '@/lib/domain/status';
import { STATUS_STYLES, StatusMarker } from './status-chip';

/**
 * One card per status, in the order of the scale, each with its count and share of all commitments. The cards'
 * shared styles are set once on the list.
 */
export function StatusCounts({
  counts,
  labelledBy,
}: {
  counts: Record<CommitmentStatus, number>;
  labelledBy?: string;
}) {
  const total = STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return (
    <ul
      aria-labelledby={labelledBy}
      className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7 *:relative *:overflow-hidden *:rounded-lg *:border *:border-slate-200 *:bg-white *:px-4 *:pt-4 *:pb-3 *:shadow-xs"
    >
      {STATUSES.map((status) => {
        const count = counts[status];
        const share = total ? Math.round((count / total) * 100) : 0;
        return (
          <li key={status}>
            <span aria-hidden className={clsx('absolute inset-x-0 top-0 h-1', STATUS_STYLES[status].bar)} />
            <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
              <StatusMarker status={status} />
              {statusLabel(status)}
              <span className="sr-only">{': '}</span>
            </p>
            <p className="mt-2 flex items-baseline gap-2 tabular-nums">
              <span className={clsx('text-2xl font-semibold', count ? 'text-slate-900' : 'text-slate-500')}>
                {count}
              </span>
              <span className="sr-only">{count === 1 ? ' commitment, ' : ' commitments, '}</span>
              <span className="text-xs text-slate-500">{share}%</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
