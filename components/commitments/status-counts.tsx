import { STATUSES, statusLabel, type CommitmentStatus } from '@/lib/domain/status';

/**
 * One card per status, in the order of the scale, each with its count and share of all commitments. The cards'
 * styles are set once, by the list's status-counts class (app/styles/dashboards.css): the label's s-<status>
 * draws the status's marker before it and its colour bar along the card's top.
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
    <ul aria-labelledby={labelledBy} className="status-counts">
      {STATUSES.map((status) => {
        const count = counts[status];
        const share = total ? Math.round((count / total) * 100) : 0;
        return (
          <li key={status}>
            <p className={`s-${status}`}>
              {statusLabel(status)}
              <span className="sr-only">{': '}</span>
            </p>
            <p>
              {/* A count of none in grey (the class list gives the others their colour). */}
              <span {...(count ? {} : { className: 'text-slate-500' })}>{count}</span>
              <span className="sr-only">{count === 1 ? ' commitment, ' : ' commitments, '}</span>
              <span>{`${share}%`}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
