// Aggregates for the overview: a couple of GROUP BY / COUNT queries, never a query per commitment. Each takes an
// optional `asOf` day: without it, today's state from the status cache (the fast path); with it, the state at the
// end of that day from history (lib/data/compliance-sql.ts), as the commitment page shows it.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { STATUSES, type CommitmentStatus } from '../domain/status.ts';
import { getCommitmentStates } from './attention.ts';
import { commitmentWhere, type CommitmentFilter } from './commitments.ts';
import { statusAsOfSql } from './compliance-sql.ts';
import {
  CITED_ITEM_COLUMNS,
  citedItem,
  type CitedItemColumns,
  type evidenceSummarySelect,
} from './selects.ts';
import { and, commitmentScope, day } from './sql.ts';

export type StatusCounts = Record<CommitmentStatus, number>;

/** As of a day (from history), or today (from the cache) when `asOf` is absent. */
export type AsOfOption = { asOf?: Date | null };

function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusCounts;
}

/**
 * Live commitments per status, today's (cached) or as of a day; every status is present, zero when none has it.
 * As of a day: one statement, an index probe per commitment for its newest counting update by then.
 */
export async function countCommitmentsByStatus(
  filter: CommitmentFilter & AsOfOption = {},
): Promise<StatusCounts> {
  const counts = emptyCounts();
  if (filter.asOf) {
    const rows = await db.$queryRaw<{ status: CommitmentStatus; n: bigint }[]>`
      SELECT coalesce(${statusAsOfSql(Prisma.sql`c.id`, day(filter.asOf))}, 'no_evidence')::text AS status,
             count(*) AS n
        FROM "Commitment" c
       WHERE ${and(commitmentScope({ agreement: filter.agreementId }))}
       GROUP BY 1`;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }
  const groups = await db.commitment.groupBy({
    by: ['status'],
    where: commitmentWhere(filter),
    _count: { _all: true },
  });
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export type OverviewSummary = { agreementCount: number; commitmentCount: number; statusCounts: StatusCounts };

export async function getOverviewSummary(options: AsOfOption = {}): Promise<OverviewSummary> {
  const [agreementCount, statusCounts] = await Promise.all([
    db.agreement.count({ where: { archivedAt: null } }),
    countCommitmentsByStatus({ asOf: options.asOf }),
  ]);
  const commitmentCount = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { agreementCount, commitmentCount, statusCounts };
}

/**
 * Rows of a commitment table (cached status) with the status and since as of `asOf` instead: one statement for
 * the whole page of rows. Without `asOf`, the rows as they are.
 */
export async function withStatusesAsOf<
  T extends { id: number; status: CommitmentStatus; statusSince: Date | null },
>(rows: readonly T[], asOf: Date | null | undefined): Promise<T[]> {
  if (!asOf || !rows.length) return [...rows];
  const states = await getCommitmentStates(
    rows.map((row) => row.id),
    { asOf },
  );
  return rows.map((row) => {
    const state = states.get(row.id);
    return state ? { ...row, status: state.status, statusSince: state.since } : row;
  });
}

const RECENT_FOLLOW_UPS = 8;

/** What a recent follow-up row shows (the select of the findMany listRecentFollowUps replaced). */
export type RecentFollowUp = Prisma.StatusUpdateGetPayload<{
  select: {
    id: true;
    status: true;
    kind: true;
    withdrawnAt: true;
    observedOn: true;
    observedPrecision: true;
    createdAt: true;
    reason: true;
    party: { select: { id: true; name: true } };
    author: { select: { name: true } };
    commitment: { select: { id: true; title: true } };
    evidence: { select: typeof evidenceSummarySelect & { url: true } };
  };
}>;

/** A row of listRecentFollowUps's statement: the follow-up's columns and its relations' flattened. */
type RecentFollowUpRow = Omit<RecentFollowUp, 'party' | 'author' | 'commitment' | 'evidence'> &
  CitedItemColumns & {
    partyId: number | null;
    partyName: string | null;
    authorName: string | null;
    commitmentId: number;
    commitmentTitle: string;
  };

/**
 * The latest follow-ups, with their commitment, status, evidence and author: one query with joins. Today: as
 * logged (by createdAt, whatever day they describe). As of a day: only those whose fact held by then (observedOn
 * <= the day, the rule the statuses as of that day follow), newest news first (compareUpdates reversed, the order
 * of StatusUpdate_news_order_idx), whenever they were logged.
 */
export async function listRecentFollowUps(
  { limit = RECENT_FOLLOW_UPS, asOf }: AsOfOption & { limit?: number } = {},
  client: Pick<PrismaClient, '$queryRaw'> = db,
): Promise<RecentFollowUp[]> {
  // Raw, one statement with its joins: the findMany (recentFollowUpSelect) it replaced sent one more statement per
  // relation (party, author, commitment, evidence, outlet), over half of the overview's, each costing server CPU.
  // tests/recent-follow-ups-query.test.ts holds the result equal to that findMany.
  const heldBy = asOf
    ? Prisma.sql`c."archivedAt" IS NULL AND su."observedFrom" <= ${day(asOf)} AND su."observedOn" <= ${day(asOf)}`
    : Prisma.sql`c."archivedAt" IS NULL`;
  const order = asOf
    ? Prisma.sql`su."observedFrom" DESC, su."observedOn" DESC, su."createdAt" DESC, su.id DESC`
    : Prisma.sql`su."createdAt" DESC, su.id DESC`;
  const rows = await client.$queryRaw<RecentFollowUpRow[]>`
    SELECT su.id, su.status::text AS status, su.kind::text AS kind, su."withdrawnAt", su."observedOn",
           su."observedPrecision"::text AS "observedPrecision", su."createdAt", su.reason,
           su."partyId", p.name AS "partyName", au.name AS "authorName",
           c.id AS "commitmentId", c.title AS "commitmentTitle",
           ${CITED_ITEM_COLUMNS}
      FROM "StatusUpdate" su
      JOIN "Commitment" c ON c.id = su."commitmentId"
      LEFT JOIN "Party" p ON p.id = su."partyId"
      LEFT JOIN "User" au ON au.id = su."authorId"
      LEFT JOIN "Evidence" e ON e.id = su."evidenceId"
      LEFT JOIN "Outlet" o ON o.id = e."outletId"
     WHERE ${heldBy}
     ORDER BY ${order}
     LIMIT ${limit}`;
  return rows.map(recentFollowUp);
}

function recentFollowUp(row: RecentFollowUpRow): RecentFollowUp {
  // Field by field, not with rest and spread (see historyEntry in ./commitments.ts).
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    withdrawnAt: row.withdrawnAt,
    observedOn: row.observedOn,
    observedPrecision: row.observedPrecision,
    createdAt: row.createdAt,
    reason: row.reason,
    party: row.partyId === null ? null : { id: row.partyId, name: row.partyName! },
    author: row.authorName === null ? null : { name: row.authorName },
    commitment: { id: row.commitmentId, title: row.commitmentTitle },
    evidence: citedItem(row),
  };
}
