import { Badge, type BadgeTone } from '@/components/ui/badge';
import { STRENGTH_LABELS, type CommitmentStrength } from '@/lib/domain/strength';

const TONES: Record<CommitmentStrength, BadgeTone> = { firm: 'slate', intent: 'blue', proposal: 'amber' };

/**
 * How firm a commitment is, as a badge whose text says it ("Proposal"), with "Strength:" for screen readers.
 * `hideFirm` leaves firm commitments unmarked, for lists where firm is the norm.
 */
export function StrengthBadge({
  strength,
  hideFirm = false,
}: {
  strength: CommitmentStrength;
  hideFirm?: boolean;
}) {
  if (hideFirm && strength === 'firm') return null;
  return (
    <Badge tone={TONES[strength]} data-strength={strength}>
      <span className="sr-only">Strength: </span>
      {STRENGTH_LABELS[strength]}
    </Badge>
  );
}
