// "Needs attention": the four flags that surface commitments on their own (DESIGN.md). Like the status rules,
// they are stated once here as plain functions; SQL that computes them for lists must agree (tested).
import type { EvidenceType, Reliability } from '../generated/prisma/enums.ts';
import { compareDays, daysBetween } from './dates.ts';
import { isOccurrenceEvidence, recurrenceOverdue, type Recurrence } from './recurrence.ts';
import {
  compareUpdates,
  countingUpdates,
  isNews,
  lastObservedOn,
  sortUpdates,
  type CommitmentStatus,
  type StatusUpdateLike,
} from './status.ts';

export const ATTENTION_FLAGS = ['overdue', 'stale', 'contradicted', 'weak'] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];

export const ATTENTION_LABELS: Record<AttentionFlag, string> = {
  overdue: 'Overdue',
  stale: 'Stale',
  contradicted: 'Contradicted',
  weak: 'Weakly supported',
};

export const ATTENTION_DESCRIPTIONS: Record<AttentionFlag, string> = {
  overdue:
    'The due date has passed and the commitment is not fulfilled, or, for a recurring one, its last period ended without evidence that it was held.',
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
  /** How the cited item bears on this commitment; null or absent: the item's own type (`evidence.type`). */
  evidenceType?: EvidenceType | null;
  /** The cited item (set exactly when `evidenceId` is). */
  evidence: (Grade & { type: EvidenceType }) | null;
};

/**
 * The type of the evidence a row cites, as it bears on this commitment: the row's own `evidenceType` when set,
 * else the item's type; null when neither. SQL: `effectiveEvidenceType` in lib/data/sql.ts.
 */
export function effectiveEvidenceType(
  update: Pick<AttentionUpdate, 'evidenceType' | 'evidence'>,
): EvidenceType | null {
  return update.evidenceType ?? update.evidence?.type ?? null;
}

/**
 * The rows that are evidence for the flags (docs/decisions/010-what-counts.md): news (isNews: counting rows, and
 * corroborations that cite evidence) that cites an item. Withdrawn rows and context rows never are.
 */
function citesEvidence(update: AttentionUpdate): boolean {
  return update.evidence != null && isNews(update);
}

/**
 * The newest row that is evidence (citesEvidence), in compareUpdates order: what "contradicted" looks at.
 * Undefined when none.
 */
export function latestEvidenceUpdate<T extends AttentionUpdate>(updates: readonly T[]): T | undefined {
  return sortUpdates(updates).findLast(citesEvidence);
}

/**
 * What the current status rests on, for "weak": the current run of counting updates (currentRun), and the
 * corroborations (not withdrawn) of the same status dated within it, that is after the newest counting update with
 * another status (the "breaker"). Empty when no update counts. In compareUpdates order.
 */
export function supportingUpdates<T extends AttentionUpdate>(updates: readonly T[]): T[] {
  const counting = sortUpdates(countingUpdates(updates));
  const latest = counting.at(-1);
  if (!latest) return [];
  const breaker = counting.findLast((update) => update.status !== latest.status);
  return sortUpdates(updates).filter(
    (update) =>
      update.withdrawnAt == null &&
      ((update.kind ?? 'assessment') === 'assessment' || update.kind === 'corroboration') &&
      update.status === latest.status &&
      (!breaker || compareUpdates(update, breaker) > 0),
  );
}

/**
 * The days a recurring commitment was evidenced as held: the `observedOn` of the rows that pass
 * isOccurrenceEvidence (lib/domain/recurrence.ts) with the row's effective evidence type.
 */
function occurrenceDays(updates: readonly AttentionUpdate[]): Date[] {
  return updates
    .filter((update) =>
      isOccurrenceEvidence({
        kind: update.kind ?? 'assessment',
        withdrawnAt: update.withdrawnAt ?? null,
        status: update.status,
        evidenceType: effectiveEvidenceType(update),
      }),
    )
    .map((update) => update.observedOn);
}

export type AttentionInput = {
  dueOn: Date | null;
  /** A recurring commitment's rule (recurrenceOf in lib/domain/recurrence.ts): "overdue" then follows it. */
  recurrence?: Recurrence | null;
  /** The day the commitment was recorded: "stale" counts from here while it has no update. */
  createdOn: Date;
  /** Rows of every kind: each flag picks the ones that count for it (docs/decisions/010-what-counts.md). */
  updates: readonly AttentionUpdate[];
};

export type AttentionOptions = { today: Date; staleAfterDays: number };

/**
 * The flags that hold on `today` for a commitment with these updates. For an "as of" view pass the as-of day as
 * `today` and only the updates observed by then. SQL: lib/data/attention-sql.ts (tests/attention-sql.test.ts).
 */
export function attentionFlags(input: AttentionInput, options: AttentionOptions): AttentionFlag[] {
  const counting = sortUpdates(countingUpdates(input.updates));
  const latest = counting.at(-1);
  const status: CommitmentStatus = latest?.status ?? 'no_evidence';
  const flags: AttentionFlag[] = [];

  // A recurring commitment is overdue when its latest period that is over (or already held) has no evidence of
  // being held;
  // a one-off one when its due day has passed and it is not fulfilled.
  const overdue = input.recurrence
    ? recurrenceOverdue(input.recurrence, occurrenceDays(input.updates), options.today)
    : input.dueOn !== null && compareDays(input.dueOn, options.today) < 0 && status !== 'fulfilled';
  if (overdue) flags.push('overdue');

  // News: counting rows and corroborations citing evidence (lastObservedOn).
  const lastNews = lastObservedOn(input.updates) ?? input.createdOn;
  if (!END_STATES.has(status) && daysBetween(lastNews, options.today) > options.staleAfterDays)
    flags.push('stale');

  const latestEvidence = latestEvidenceUpdate(input.updates);
  if (latestEvidence && effectiveEvidenceType(latestEvidence) === 'contradiction') flags.push('contradicted');

  if (latest) {
    // The current status rests on its run of counting updates and the corroborations of it dated within the run.
    const support = supportingUpdates(input.updates);
    if (!support.some((update) => update.evidence && isStrongGrade(update.evidence))) flags.push('weak');
  }
  return flags;
}
