// The party dashboard's chart: a party's compliance, with the parties under it, at the end of each month of a year.
// Kept past days come from their snapshots (lib/data/snapshots.ts), others from the status cache or history.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { countsInComplianceByRowSql, scoreSql, statusAsOfCachedSql } from './compliance-sql.ts';
import { complianceSeries, type ComplianceAt, type ComplianceOverTimeRow } from './party-dashboard.ts';
import { dayArray, partyTree } from './sql.ts';

/**
 * A party's compliance with the parties under it (each responsibility once, per-party status) at the end of each
 * of `days`, in one GROUP BY over (responsibility, day): a listed day from its snapshot rows, any other from the
 * status cache or history (statusAsOfCachedSql); proposals counting from their adoption. The listed days and their
 * rows are read in one statement, so a fill committing meanwhile is seen whole or not at all.
 */
export async function getPartyComplianceOverTime(
  partyId: number,
  days: readonly Date[],
): Promise<ComplianceAt[]> {
  if (!days.length) return [];
  const rows = await db.$queryRaw<ComplianceOverTimeRow[]>`
    WITH RECURSIVE ${partyTree(partyId)},
    members AS MATERIALIZED (SELECT DISTINCT member FROM party_tree),
    -- The tree's snapshot rows on the days asked, through the (partyId, day) index: a few per responsibility,
    -- not the whole table.
    kept AS MATERIALIZED (
      SELECT rs."commitmentId", rs."partyId", rs.day, rs.status
        FROM "ResponsibilitySnapshot" rs
       WHERE rs."partyId" IN (SELECT member FROM members) AND rs.day = ANY(${dayArray(days)})
    )
    SELECT d.day, count(*) AS n, count(s.score) AS scored, coalesce(sum(s.score), 0)::bigint AS total
      FROM members t
      JOIN "CommitmentParty" cp ON cp."partyId" = t.member AND cp.role = 'responsible'
      JOIN "Commitment" c ON c.id = cp."commitmentId" AND c."archivedAt" IS NULL
      LEFT JOIN "CommitmentPartyStatus" ps ON ps."commitmentId" = c.id AND ps."partyId" = cp."partyId"
      CROSS JOIN unnest(${dayArray(days)}) AS d(day)
      LEFT JOIN "SnapshotDay" sd ON sd.day = d.day
      LEFT JOIN kept k ON k."commitmentId" = c.id AND k."partyId" = cp."partyId" AND k.day = d.day
      CROSS JOIN LATERAL (
        SELECT ${scoreSql(
          Prisma.sql`(CASE WHEN sd.day IS NOT NULL THEN k.status ELSE ${statusAsOfCachedSql({
            cachedStatus: Prisma.sql`ps.status`,
            cachedSince: Prisma.sql`ps."statusSince"`,
            commitment: Prisma.sql`c.id`,
            day: Prisma.sql`d.day`,
            party: Prisma.sql`cp."partyId"`,
          })} END)`,
        )} AS score
      ) s
     WHERE ${countsInComplianceByRowSql('c', Prisma.sql`d.day`)}
     GROUP BY d.day`;
  return complianceSeries(days, rows);
}
