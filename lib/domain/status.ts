// The status rules, stated once. A commitment's status is never edited: it is derived from its follow-up log
// (StatusUpdate rows). lib/data/status-cache.ts computes the same thing in SQL to keep a cache on Commitment and
// CommitmentPartyStatus; tests/status-cache.test.ts proves the two agree.
//
// Days are UTC-midnight Dates (see ./dates.ts); comparisons ignore any time of day.
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { compareDays } from './dates.ts';

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
  /** When the fact held (a day); may be back-dated. */
  observedOn: Date;
  /** When it was logged. */
  createdAt: Date;
  /** The responsible party assessed; null for the commitment as a whole. */
  partyId?: number | null;
};

/**
 * Orders updates from oldest to newest news: by `observedOn`, then `createdAt` (of two facts on the same day the
 * later-logged one wins), then `id` (rows written in one transaction share `createdAt`; insertion order decides).
 * Logging order never overrides the day a fact held: a back-dated item sorts before newer news.
 */
export function compareUpdates(a: StatusUpdateLike, b: StatusUpdateLike): number {
  return (
    compareDays(a.observedOn, b.observedOn) || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id
  );
}

/** Updates oldest news first (a new array). */
export function sortUpdates<T extends StatusUpdateLike>(updates: readonly T[]): T[] {
  return [...updates].sort(compareUpdates);
}

/** The update that decides the status: the newest by `compareUpdates`, or undefined when there is none. */
export function latestUpdate<T extends StatusUpdateLike>(updates: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const update of updates) {
    if (!latest || compareUpdates(update, latest) > 0) latest = update;
  }
  return latest;
}

/** Current status: that of the latest update; `no_evidence` when nothing was logged. */
export function currentStatus(updates: readonly StatusUpdateLike[]): CommitmentStatus {
  return latestUpdate(updates)?.status ?? 'no_evidence';
}

/** Only the updates whose fact held on or before day `asOf` (the boundary day included). */
export function updatesAsOf<T extends StatusUpdateLike>(updates: readonly T[], asOf: Date): T[] {
  return updates.filter((update) => compareDays(update.observedOn, asOf) <= 0);
}

/** Status as of day `asOf`: the same rule restricted to `observedOn <= asOf`. */
export function statusAsOf(updates: readonly StatusUpdateLike[], asOf: Date): CommitmentStatus {
  return currentStatus(updatesAsOf(updates, asOf));
}

/**
 * Since when the current status has held: the `observedOn` of the first update of the unbroken run of updates
 * (in `compareUpdates` order) that ends with the latest one and all carry its status. Repeating a status does not
 * restart the clock; a different status in between does. Null when nothing was logged.
 */
export function statusSince(updates: readonly StatusUpdateLike[]): Date | null {
  const ordered = sortUpdates(updates);
  const last = ordered.at(-1);
  if (!last) return null;
  let first = last;
  for (let i = ordered.length - 2; i >= 0 && ordered[i].status === last.status; i--) first = ordered[i];
  return first.observedOn;
}

/** The latest day any update speaks of (what "stale" is measured from); null when nothing was logged. */
export function lastObservedOn(updates: readonly StatusUpdateLike[]): Date | null {
  return latestUpdate(updates)?.observedOn ?? null;
}

export type DerivedStatus = { status: CommitmentStatus; since: Date | null; lastObservedOn: Date | null };

/** Everything the cache keeps for one commitment (or one party), from its updates. */
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
 * Status per responsible party, for the parties that have at least one applicable update (the others have
 * no evidence and get no entry), in the order of `responsiblePartyIds`. Updates on a party that is not
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
