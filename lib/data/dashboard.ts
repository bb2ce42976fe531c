// Aggregates for the overview: a couple of GROUP BY / COUNT queries, never a query per commitment.
import { db } from '../db.ts';
import { STATUSES, type CommitmentStatus } from '../domain/status.ts';
import { commitmentWhere, type CommitmentFilter } from './commitments.ts';

export type StatusCounts = Record<CommitmentStatus, number>;

/** Live commitments per current (cached) status; every status is present, zero when none has it. */
export async function countCommitmentsByStatus(filter: CommitmentFilter = {}): Promise<StatusCounts> {
  const groups = await db.commitment.groupBy({
    by: ['status'],
    where: commitmentWhere(filter),
    _count: { _all: true },
  });
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export type OverviewSummary = { agreementCount: number; commitmentCount: number; statusCounts: StatusCounts };

export async function getOverviewSummary(): Promise<OverviewSummary> {
  const [agreementCount, statusCounts] = await Promise.all([
    db.agreement.count({ where: { archivedAt: null } }),
    countCommitmentsByStatus(),
  ]);
  const commitmentCount = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { agreementCount, commitmentCount, statusCounts };
}

export const RECENT_FOLLOW_UPS = 8;

/**
 * The latest follow-ups as logged (by createdAt, whatever day they describe), with their commitment, status,
 * evidence and author: one query with joins.
 */
export async function listRecentFollowUps(limit = RECENT_FOLLOW_UPS) {
  return db.statusUpdate.findMany({
    select: {
      id: true,
      status: true,
      observedOn: true,
      observedPrecision: true,
      createdAt: true,
      reason: true,
      party: { select: { id: true, name: true } },
      author: { select: { name: true } },
      commitment: { select: { id: true, title: true } },
      evidence: {
        select: {
          id: true,
          title: true,
          url: true,
          reliability: true,
          credibility: true,
          type: true,
          outlet: { select: { name: true } },
        },
      },
    },
    where: { commitment: { archivedAt: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}

export type RecentFollowUp = Awaited<ReturnType<typeof listRecentFollowUps>>[number];
