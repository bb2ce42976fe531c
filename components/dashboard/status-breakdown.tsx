import { STATUS_STYLES } from '@/components/commitments/status-chip';
import { STATUSES, STATUS_LABELS, type CommitmentStatus } from '@/lib/domain/status';

/** A share as a CSS width, to a hundredth of a percent (a float's last digits are bytes, not pixels). */
function width(part: number, total: number): string {
  return `${Math.round((part / total) * 10000) / 100}%`;
}

/**
 * A thin stacked bar of commitments by status, with the same counts in text for screen readers and on hover;
 * right-aligned in its cell, its styles the breakdown class (app/styles/dashboards.css).
 */
export function StatusBreakdown({ counts }: { counts: Partial<Record<CommitmentStatus, number>> }) {
  const present = STATUSES.filter((status) => counts[status]);
  const total = present.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  if (!total) return null;
  const text = present.map((status) => `${STATUS_LABELS[status]}: ${counts[status]}`).join(', ');
  return (
    <div title={text} className="breakdown">
      <div aria-hidden>
        {present.map((status) => (
          <span
            key={status}
            className={STATUS_STYLES[status].bar}
            style={{ width: width(counts[status] ?? 0, total) }}
          />
        ))}
      </div>
      <span className="sr-only">{text}</span>
    </div>
  );
}
