// Compliance per party, scored as the G20/G7 Research Group does: each commitment the party is responsible for
// scores +1 (fulfilled), 0 (partially fulfilled or in progress) or -1 (not started, stalled, broken);
// commitments with no evidence are left out. The average (-1…+1) is shown as a percentage: (avg + 1) / 2.
import type { CommitmentStatus } from '../generated/prisma/enums.ts';

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
