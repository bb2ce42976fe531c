import { StatusMarker } from '@/components/commitments/status-chip';
import { statusLabel, type CommitmentStatus } from '@/lib/domain/status';

/**
 * A status as its marker (shaped as well as coloured) and label, without the chip's pill: the overview repeats it
 * on every row of four lists, and the pill's classes cost more bytes than the row's own text.
 */
export function StatusLabel({ status }: { status: CommitmentStatus }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium whitespace-nowrap">
      <StatusMarker status={status} />
      {statusLabel(status)}
    </span>
  );
}
