// The status rules, stated once. A commitment's status is never edited: it is derived from its follow-up log
// (StatusUpdate rows). lib/data/status-cache.ts computes the same thing in SQL to keep a cache on Commitment and
// CommitmentPartyStatus; tests/status-cache.test.ts proves the two agree.
//
// Days are UTC-midnight Dates (see ./dates.ts); comparisons ignore any time of day.
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { compareDays, describeFactDate, factFrom, type DatePrecision } from './dates.ts';

export type { CommitmentStatus };

/** The scale, in the order it is shown (from "nothing known" to the two end states). */
export const STATUSES: readonly CommitmentStatus[] = [
  'no_evidence',
  'not_started',
  'in_progress',
  'stalled',
  'partially_fulfilled',
  'fulfilled',
  'broken',
];

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  no_evidence: 'No evidence',
  not_started: 'Not started',
  in_progress: 'In progress',
  stalled: 'Stalled',
  partially_fulfilled: 'Partially fulfilled',
  fulfilled: 'Fulfilled',
  broken: 'Broken',
};

export function statusLabel(status: CommitmentStatus): string {
  return STATUS_LABELS[status];
}

export function isCommitmentStatus(value: unknown): value is CommitmentStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Stalled and broken are judgements that must say why; the other statuses speak for themselves. */
export function requiresReason(status: CommitmentStatus): boolean {
  return status === 'stalled' || status === 'broken';
}

/** What the rules need of a StatusUpdate row (a Prisma row fits as is). */
export type StatusUpdateLike = {
  id: number;
  status: CommitmentStatus;
  /** The day the fact is known to have held by (its `by` day, see ./dates.ts); may be back-dated. */
  observedOn: Date;
  /**
   * The earliest day the fact may have held: factFrom(observedOn, observedPrecision) (./dates.ts), the day itself
   * for a fact known to the day, the far past (UNDATED_FROM) for an undated one.
   */
  observedFrom: Date;
  /** When it was logged. */
  createdAt: Date;
  /** The responsible party assessed; null for the commitment as a whole. */
  partyId?: number | null;
  /** What the row is (absent: an assessment); only assessments set the status (countsForStatus). */
  kind?: UpdateKind | null;
  /** Set when the row was corrected or retracted: it stays in the history and counts for nothing. */
  withdrawnAt?: Date | null;
  /** The cited evidence item, if any (a corroboration citing one is news, see isNews). */
  evidenceId?: number | null;
};

/** What a follow-up log row is (StatusUpdateKind); rows from before this existed are assessments. */
export type UpdateKind = 'assessment' | 'corroboration' | 'context';

/**
 * Whether a follow-up log row counts for status: only an assessment that was not withdrawn. A corroboration cites
 * evidence without changing the status, a context row is background from before the agreement, and a corrected or
 * retracted row stays in the history marked as such. Every rule below is applied to counting rows only; the SQL
 * form is `countingUpdate` in lib/data/sql.ts.
 */
export function countsForStatus(update: { kind?: UpdateKind | null; withdrawnAt?: Date | null }): boolean {
  return (update.kind ?? 'assessment') === 'assessment' && update.withdrawnAt == null;
}

/** The rows that count for status (a new array, same order). */
export function countingUpdates<T extends StatusUpdateLike>(updates: readonly T[]): T[] {
  return updates.filter(countsForStatus);
}

/**
 * Whether a row is news for "stale" and lastObservedOn (docs/decisions/010-what-counts.md): a row that counts for
 * status, or a corroboration that cites evidence (fresh evidence the status still holds). Withdrawn rows and
 * context rows never are. The SQL form is `newsUpdate` in lib/data/sql.ts.
 */
export function isNews(update: Pick<StatusUpdateLike, 'kind' | 'withdrawnAt' | 'evidenceId'>): boolean {
  return (
    countsForStatus(update) ||
    (update.kind === 'corroboration' && update.withdrawnAt == null && update.evidenceId != null)
  );
}

/**
 * Orders updates from oldest to newest news: by `observedFrom` (the earliest day the fact may have held), then
 * `observedOn` (the day it surely held by), then `createdAt` (of two facts with the same dates the later-logged
 * one wins), then `id` (rows written in one transaction share `createdAt`; insertion order decides).
 * Logging order never overrides the day a fact held: a back-dated item sorts before newer news, an undated one
 * before every dated one, and "June 2025" before any day of June 2025 (the day is the more precise news).
 */
export function compareUpdates(a: StatusUpdateLike, b: StatusUpdateLike): number {
  return (
    compareDays(a.observedFrom, b.observedFrom) ||
    compareDays(a.observedOn, b.observedOn) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id - b.id
  );
}

/** Updates oldest news first (a new array). */
export function sortUpdates<T extends StatusUpdateLike>(updates: readonly T[]): T[] {
  return [...updates].sort(compareUpdates);
}

/** The newest of `updates` by `compareUpdates`, whatever their kind; undefined when there is none. */
function newestUpdate<T extends StatusUpdateLike>(updates: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const update of updates) {
    if (!latest || compareUpdates(update, latest) > 0) latest = update;
  }
  return latest;
}

/**
 * The update that decides the status: the newest counting one by `compareUpdates`, or undefined when none
 * counts.
 */
function latestUpdate<T extends StatusUpdateLike>(updates: readonly T[]): T | undefined {
  return newestUpdate(countingUpdates(updates));
}

/** Current status: that of the latest counting update; `no_evidence` when none counts. */
export function currentStatus(updates: readonly StatusUpdateLike[]): CommitmentStatus {
  return latestUpdate(updates)?.status ?? 'no_evidence';
}

/**
 * Only the updates (of any kind) whose fact surely held on or before day `asOf` (the boundary day included): `observedOn`, the
 * `by` day, so a month counts from its last day and an undated fact from its "no later than" day.
 */
export function updatesAsOf<T extends StatusUpdateLike>(updates: readonly T[], asOf: Date): T[] {
  return updates.filter((update) => compareDays(update.observedOn, asOf) <= 0);
}

/** Status as of day `asOf`: the same rule restricted to `observedOn <= asOf` (and so `observedFrom <= asOf`). */
export function statusAsOf(updates: readonly StatusUpdateLike[], asOf: Date): CommitmentStatus {
  return currentStatus(updatesAsOf(updates, asOf));
}

/**
 * The unbroken run of counting updates (in `compareUpdates` order) that ends with the latest one and all carry its
 * status: what the current status rests on. Rows that do not count neither join nor break it. Empty when none
 * counts.
 */
function currentRun<T extends StatusUpdateLike>(updates: readonly T[]): T[] {
  const ordered = sortUpdates(countingUpdates(updates));
  const last = ordered.at(-1);
  if (!last) return [];
  let start = ordered.length - 1;
  while (start > 0 && ordered[start - 1].status === last.status) start--;
  return ordered.slice(start);
}

/**
 * Since when the current status has held: the earliest `observedOn` of the current run (with day precision, the
 * day of its first update; an undated or vaguer update in the run counts from the day it surely held by).
 * Repeating a status does not restart the clock; a different status in between does. Null when nothing was
 * logged.
 */
export function statusSince(updates: readonly StatusUpdateLike[]): Date | null {
  let since: Date | null = null;
  for (const update of currentRun(updates)) {
    if (!since || compareDays(update.observedOn, since) < 0) since = update.observedOn;
  }
  return since;
}

/**
 * The day the newest news surely held by: the `observedOn` of the newest row that is news (isNews: a counting row,
 * or a corroboration citing evidence), what "stale" is measured from and the cache keeps as lastEvidenceOn; null
 * when there is none. An undated item logged after dated news is not fresh news (it sorts before it).
 */
export function lastObservedOn(updates: readonly StatusUpdateLike[]): Date | null {
  return newestUpdate(updates.filter(isNews))?.observedOn ?? null;
}

export type DerivedStatus = { status: CommitmentStatus; since: Date | null; lastObservedOn: Date | null };

/**
 * Everything the cache keeps for one commitment (or one party), from its updates (rows of every kind may be passed:
 * the rules pick the ones that count).
 */
export function deriveStatus(updates: readonly StatusUpdateLike[]): DerivedStatus {
  return {
    status: currentStatus(updates),
    since: statusSince(updates),
    lastObservedOn: lastObservedOn(updates),
  };
}

/** The updates that bear on a responsible party: those assessing it and those on the commitment as a whole. */
export function updatesForParty<T extends StatusUpdateLike>(updates: readonly T[], partyId: number): T[] {
  return updates.filter((update) => update.partyId == null || update.partyId === partyId);
}

/** A responsible party's status: the rule applied to its own updates and the whole-commitment ones. */
export function partyStatus(updates: readonly StatusUpdateLike[], partyId: number): CommitmentStatus {
  return currentStatus(updatesForParty(updates, partyId));
}

/** A responsible party's status as of day `asOf`. */
export function partyStatusAsOf(
  updates: readonly StatusUpdateLike[],
  partyId: number,
  asOf: Date,
): CommitmentStatus {
  return statusAsOf(updatesForParty(updates, partyId), asOf);
}

export type PartyStatus = { partyId: number; status: CommitmentStatus; since: Date };

/**
 * Status per responsible party, for the parties that have at least one applicable counting update (the others
 * have no evidence and get no entry), in the order of `responsiblePartyIds`. Updates on a party that is not
 * responsible are ignored here.
 */
export function partyStatuses(
  updates: readonly StatusUpdateLike[],
  responsiblePartyIds: readonly number[],
): PartyStatus[] {
  const result: PartyStatus[] = [];
  for (const partyId of new Set(responsiblePartyIds)) {
    const applicable = updatesForParty(updates, partyId);
    const since = statusSince(applicable);
    if (since) result.push({ partyId, status: currentStatus(applicable), since });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings before saving: an update that would not become current, or would move a status backwards. Neither is
// an error (back-dated news and reversals happen); the analyst confirms and saves anyway.

/** How far along a commitment is; broken is off the scale (a judgement, not a step back or forward). */
const PROGRESS: Partial<Record<CommitmentStatus, number>> = {
  not_started: 1,
  in_progress: 2,
  stalled: 2,
  partially_fulfilled: 3,
  fulfilled: 4,
};

/** Whether going from `from` to `to` is a step back: down the progress scale, or a fulfilled one found broken. */
export function isBackwards(from: CommitmentStatus, to: CommitmentStatus): boolean {
  if (from === 'fulfilled' && to === 'broken') return true;
  const [a, b] = [PROGRESS[from], PROGRESS[to]];
  return a !== undefined && b !== undefined && b < a;
}

/** The latest update a new one is compared with (what its scope's current status rests on). */
export type CurrentUpdate = Pick<StatusUpdateLike, 'status' | 'observedOn' | 'observedFrom'> & {
  observedPrecision: DatePrecision;
};

export type NewUpdate = { status: CommitmentStatus; observedOn: Date; observedPrecision: DatePrecision };

export type UpdateWarning = { kind: 'not_current' | 'backwards'; message: string };

/**
 * What to warn about before saving `next` (logged now, so after every stored update) where `current` is the update
 * its scope's status rests on (undefined: nothing logged yet). By compareUpdates, `next` becomes current unless it
 * sorts before `current` by its dates.
 */
export function updateWarning(current: CurrentUpdate | undefined, next: NewUpdate): UpdateWarning | null {
  if (!current) return null;
  const nextFrom = factFrom(next.observedOn, next.observedPrecision);
  const order =
    compareDays(nextFrom, current.observedFrom) || compareDays(next.observedOn, current.observedOn);
  const currentDate = describeFactDate(current.observedOn, current.observedPrecision);
  const nextDate = describeFactDate(next.observedOn, next.observedPrecision);
  if (order < 0) {
    const why =
      next.observedPrecision === 'unknown' && current.observedPrecision !== 'unknown'
        ? 'an undated item never outranks dated news'
        : 'its fact date is older';
    return {
      kind: 'not_current',
      message: `This will not become the current status: the current “${statusLabel(current.status)}” rests on news of ${currentDate}, and ${why} (${nextDate}). It is kept in the history.`,
    };
  }
  if (isBackwards(current.status, next.status)) {
    return {
      kind: 'backwards',
      message: `This moves the status backwards, from “${statusLabel(current.status)}” (${currentDate}) to “${statusLabel(next.status)}” (${nextDate}).`,
    };
  }
  return null;
}
