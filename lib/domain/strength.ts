// How firm a commitment is, as the source words it: a firm commitment ("will"), a pledge or stated intent ("intends
// to", "will strive to"), or a proposal floated for later agreement ("proposed", "explored the possibility").
// A proposal counts in compliance only from the day an update records its adoption (lib/domain/compliance.ts).
import type { CommitmentStrength } from '../generated/prisma/enums.ts';

export type { CommitmentStrength };

export const STRENGTHS: readonly CommitmentStrength[] = ['firm', 'intent', 'proposal'];

export const STRENGTH_LABELS: Record<CommitmentStrength, string> = {
  firm: 'Firm commitment',
  intent: 'Pledge or intent',
  proposal: 'Proposal',
};

/** What each choice means, for the form's help text. */
export const STRENGTH_HELP: Record<CommitmentStrength, string> = {
  firm: 'The parties said they will do it (“will”, “agreed to”, “shall”).',
  intent: 'A pledge or stated intention short of a firm undertaking (“intend to”, “will strive to”).',
  proposal:
    'An idea floated or proposed, not yet agreed (“proposed”, “explored”). Not counted in compliance until an update records its adoption.',
};

export function isCommitmentStrength(value: unknown): value is CommitmentStrength {
  return typeof value === 'string' && (STRENGTHS as readonly string[]).includes(value);
}
