// Compliance per party, scored as the G20/G7 Research Group does: each commitment the party is responsible for
// scores +1 (fulfilled), 0 (partially fulfilled or in progress) or -1 (not started, stalled, broken);
// commitments with no evidence are left out. The average (-1…+1) is shown as a percentage: (avg + 1) / 2.
import type { CommitmentStatus, CommitmentStrength } from '../generated/prisma/enums.ts';
import { addDays, compareDays, endOf, toDay } from './dates.ts';
import {
  countsForStatus,
  partyStatusAsOf,
  statusAsOf,
  type StatusUpdateLike,
  type UpdateKind,
} from './status.ts';

export const COMPLIANCE_SCORE: Record<CommitmentStatus, -1 | 0 | 1 | null> = {
  no_evidence: null,
  not_started: -1,
  in_progress: 0,
  stalled: -1,
  partially_fulfilled: 0,
  fulfilled: 1,
  broken: -1,
};

export type Compliance = {
  /** Commitments that count (those with evidence). */
  scored: number;
  /** Sum of scores, -scored … +scored. */
  total: number;
  /** Mean score, -1 … +1; null when nothing is scored. */
  average: number | null;
  /** The G20-style percentage, 0 … 100; null when nothing is scored. */
  percent: number | null;
};

export function complianceOf(statuses: Iterable<CommitmentStatus>): Compliance {
  let scored = 0;
  let total = 0;
  for (const status of statuses) {
    const score = COMPLIANCE_SCORE[status];
    if (score === null) continue;
    scored += 1;
    total += score;
  }
  return complianceFromTotals(scored, total);
}

/** The same figures from counts already aggregated in SQL. */
export function complianceFromTotals(scored: number, total: number): Compliance {
  if (scored === 0) return { scored, total, average: null, percent: null };
  const average = total / scored;
  return { scored, total, average, percent: Math.round(((average + 1) / 2) * 1000) / 10 };
}

// ---------------------------------------------------------------------------------------------------------------
// What counts, as of a day. Every compliance figure (overview, party, agreement, compliance over time) applies these
// rules in SQL (lib/data/compliance-sql.ts); tests/as-of-dashboards.test.ts proves the SQL equal to them.

/** How binding a commitment is (Commitment.strength). */
export type { CommitmentStrength };

/** What the adoption rule needs of a follow-up log row. */
export type AdoptionLike = StatusUpdateLike & {
  kind?: UpdateKind | null;
  withdrawnAt?: Date | null;
  adoptsProposal?: boolean | null;
};

/**
 * Whether a proposal had been adopted by the end of day `day`: a counting update (lib/domain/status.ts
 * countsForStatus: an assessment, not withdrawn) marked `adoptsProposal` whose fact held by then (observedOn <=
 * day). Any such row adopts it, whether it assesses the commitment as a whole or one responsible party.
 */
export function adoptedBy(updates: readonly AdoptionLike[], day: Date): boolean {
  return updates.some(
    (update) =>
      update.adoptsProposal === true && countsForStatus(update) && compareDays(update.observedOn, day) <= 0,
  );
}

/**
 * Whether a commitment counts in compliance on day `day`. Firm commitments and statements of intent always do. A
 * proposal (an idea floated) is shown as such and is left out of compliance (its score and its count) unless it
 * had been adopted by that day (adoptedBy): an adoption is a follow-up with its evidence, and counts from its
 * fact date on.
 */
export function countsInCompliance(
  commitment: { strength: CommitmentStrength },
  updates: readonly AdoptionLike[],
  day: Date,
): boolean {
  return commitment.strength !== 'proposal' || adoptedBy(updates, day);
}

/** A commitment with its whole follow-up log, for the reference computations below. */
export type CommitmentHistory = { strength: CommitmentStrength; updates: readonly AdoptionLike[] };

/**
 * Compliance of a set of commitments as of day `day`, by each one's status as a whole as of that day (the
 * agreement page and its compliance over time): counting rows with observedOn <= day, the newest by
 * compareUpdates; unadopted proposals left out. `commitments` in the result is how many count.
 */
export function complianceAsOf(
  histories: readonly CommitmentHistory[],
  day: Date,
): Compliance & { commitments: number } {
  const counted = histories.filter((history) => countsInCompliance(history, history.updates, day));
  return {
    ...complianceOf(counted.map((history) => statusAsOf(history.updates.filter(countsForStatus), day))),
    commitments: counted.length,
  };
}

/**
 * A party's compliance as of day `day` over its responsibilities (each a commitment and the responsible party it
 * is about), by the per-party status (the party's own updates and the whole-commitment ones) as of that day.
 */
export function partyComplianceAsOf(
  responsibilities: readonly (CommitmentHistory & { partyId: number })[],
  day: Date,
): Compliance & { commitments: number } {
  const counted = responsibilities.filter((entry) => countsInCompliance(entry, entry.updates, day));
  return {
    ...complianceOf(
      counted.map((entry) => partyStatusAsOf(entry.updates.filter(countsForStatus), entry.partyId, day)),
    ),
    commitments: counted.length,
  };
}

/**
 * The days compliance over time is shown on: the last day of each month from the month of `from` to the month
 * before `to`'s, then `to` itself (the month in course is shown as it stands on `to`, not at its end). At most
 * `months` points, the latest kept. `from` after `to` gives `to` alone.
 */
export function monthEnds(from: Date, to: Date, months = 12): Date[] {
  const days: Date[] = [];
  let month = endOf(from, 'month');
  const last = endOf(to, 'month');
  while (compareDays(month, last) < 0) {
    days.push(month);
    month = endOf(addDays(month, 1), 'month');
  }
  days.push(toDay(to));
  return days.slice(-months);
}
