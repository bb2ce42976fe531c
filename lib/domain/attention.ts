// "Needs attention": the four flags that surface commitments on their own (DESIGN.md). Like the status rules,
// they are stated once here as plain functions; SQL that computes them for lists must agree (tested).
import type { EvidenceType, Reliability } from '../generated/prisma/enums.ts';
import { compareDays, daysBetween } from './dates.ts';
import { currentRun, sortUpdates, type CommitmentStatus, type StatusUpdateLike } from './status.ts';

export const ATTENTION_FLAGS = ['overdue', 'stale', 'contradicted', 'weak'] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];

export const ATTENTION_LABELS: Record<AttentionFlag, string> = {
  overdue: 'Overdue',
  stale: 'Stale',
  contradicted: 'Contradicted',
  weak: 'Weakly supported',
};

export const ATTENTION_DESCRIPTIONS: Record<AttentionFlag, string> = {
  overdue: 'The due date has passed and the commitment is not fulfilled.',
  stale: 'No new evidence for longer than the stale period.',
  contradicted: 'The latest evidence contradicts the commitment.',
  weak: 'The current status rests only on evidence graded D–F or 4–6.',
};

/** End states need no fresh news: a fulfilled or broken commitment is never stale. */
const END_STATES: ReadonlySet<CommitmentStatus> = new Set(['fulfilled', 'broken']);

export type Grade = { reliability: Reliability; credibility: number };

/** Strong evidence: a usually reliable source or better (A–C) reporting probably true information or better (1–3). */
export function isStrongGrade(grade: Grade): boolean {
  return ['A', 'B', 'C'].includes(grade.reliability) && grade.credibility >= 1 && grade.credibility <= 3;
}

export type AttentionUpdate = StatusUpdateLike & {
  evidence: (Grade & { type: EvidenceType }) | null;
};

export type AttentionInput = {
  dueOn: Date | null;
  /** The day the commitment was recorded: "stale" counts from here while it has no update. */
  createdOn: Date;
  updates: readonly AttentionUpdate[];
};

export type AttentionOptions = { today: Date; staleAfterDays: number };

/**
 * The flags that hold on `today` for a commitment with these updates. For an "as of" view pass the as-of day as
 * `today` and only the updates observed by then.
 */
export function attentionFlags(input: AttentionInput, options: AttentionOptions): AttentionFlag[] {
  const ordered = sortUpdates(input.updates);
  const latest = ordered.at(-1);
  const status: CommitmentStatus = latest?.status ?? 'no_evidence';
  const flags: AttentionFlag[] = [];

  if (input.dueOn && compareDays(input.dueOn, options.today) < 0 && status !== 'fulfilled')
    flags.push('overdue');

  const lastNews = latest?.observedOn ?? input.createdOn;
  if (!END_STATES.has(status) && daysBetween(lastNews, options.today) > options.staleAfterDays)
    flags.push('stale');

  const latestWithEvidence = ordered.findLast((update) => update.evidence);
  if (latestWithEvidence?.evidence?.type === 'contradiction') flags.push('contradicted');

  if (latest) {
    // The current status rests on the unbroken run of updates that carry it (see statusSince).
    const run = currentRun(ordered);
    if (!run.some((update) => update.evidence && isStrongGrade(update.evidence))) flags.push('weak');
  }
  return flags;
}
