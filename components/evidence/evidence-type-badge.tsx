import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { EvidenceType } from '@/lib/generated/prisma/enums';

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  announcement: 'Announcement',
  concrete_action: 'Concrete action',
  contradiction: 'Contradiction',
};

const tones: Record<EvidenceType, BadgeTone> = {
  announcement: 'slate',
  concrete_action: 'green',
  contradiction: 'red',
};

/** Whether the item reports words, deeds, or something that goes against the commitment. */
export function EvidenceTypeBadge({ type }: { type: EvidenceType }) {
  return <Badge tone={tones[type]}>{EVIDENCE_TYPE_LABELS[type]}</Badge>;
}
