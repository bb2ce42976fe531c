import clsx from 'clsx';
import { STATUS_STYLES } from '@/components/commitments/status-chip';
import { STATUSES, STATUS_LABELS, type CommitmentStatus } from '@/lib/domain/status';

/** A thin stacked bar of commitments by status, with the same counts in text for screen readers and on hover. */
export function StatusBreakdown({ counts }: { counts: Partial<Record<CommitmentStatus, number>> }) {
  const present = STATUSES.filter((status) => counts[status]);
  const total = present.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  if (!total) return null;
  const text = present.map((status) => `${STATUS_LABELS[status]}: ${counts[status]}`).join(', ');
  return (
    <div title={text} className="mt-1.5 w-full max-w-48">
      <div aria-hidden className="flex h-1.5 overflow-hidden rounded-full bg-slate-100">
        {present.map((status) => (
          <span
            key={status}
            className={clsx('h-full', STATUS_STYLES[status].bar)}
            style={{ width: `${((counts[status] ?? 0) / total) * 100}%` }}
          />
        ))}
      </div>
      <span className="sr-only">{text}</span>
    </div>
  );
}
