// The agreement page's figures: how its commitments stand (counts by status), its compliance as a whole and per
// responsible party, and its compliance at month ends. Today from the status cache, or as of a day from history
// (lib/data/compliance-sql.ts); each panel one statement, never a query per commitment.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { complianceFromTotals, type Compliance } from '../domain/compliance.ts';
import { today as todayUtc } from '../domain/dates.ts';
import {
  countsInComplianceByRowSql,
  countsInComplianceSql,
  scoreSql,
  statusAsOfCachedSql,
  statusAsOfSql,
} from './compliance-sql.ts';
import { countCommitmentsByStatus, type AsOfOption, type StatusCounts } from './dashboard.ts';
import { complianceSeries, type ComplianceAt, type ComplianceOverTimeRow } from './party-dashboard.ts';
import { day, dayArray } from './sql.ts';

export type { ComplianceAt };

/** Live commitments of the agreement per status, today's or as of a day. */
export function countAgreementCommitmentsByStatus(
  agreementId: number,
  options: AsOfOption = {},
): Promise<StatusCounts> {
  return countCommitmentsByStatus({ agreementId, asOf: options.asOf });
}

type CountedCompliance = Compliance & { commitments: number };

export type AgreementCompliance = {
  /** Over the agreement's live commitments, each by its status as a whole. */
  overall: CountedCompliance;
  /** Per responsible party, each commitment by that party's own status; parties A–Z. */
  parties: { party: { id: number; name: string }; compliance: CountedCompliance }[];
};

type Row = { party_id: number | null; party_name: string | null; n: bigint; scored: bigint; total: bigint };

function counted(row: Pick<Row, 'n' | 'scored' | 'total'> | undefined): CountedCompliance {
  return {
    ...complianceFromTotals(Number(row?.scored ?? 0), Number(row?.total ?? 0)),
    commitments: Number(row?.n ?? 0),
  };
}

/**
 * The agreement's compliance (lib/domain/compliance.ts complianceAsOf / partyComplianceAsOf): as a whole and per
 * responsible party, in one statement. Proposals count only once adopted (by today, or by `asOf`).
 */
export async function getAgreementCompliance(
  agreementId: number,
  { asOf, today }: AsOfOption & { today?: Date } = {},
): Promise<AgreementCompliance> {
  const on = day(asOf ?? today ?? todayUtc());
  const whole = asOf ? statusAsOfSql(Prisma.sql`c.id`, on) : Prisma.sql`c.status`;
  const ofParty = asOf
    ? statusAsOfSql(Prisma.sql`c.id`, on, Prisma.sql`cp."partyId"`)
    : Prisma.sql`(SELECT ps.status FROM "CommitmentPartyStatus" ps
                   WHERE ps."commitmentId" = c.id AND ps."partyId" = cp."partyId")`;
  const rows = await db.$queryRaw<Row[]>`
    WITH counted AS MATERIALIZED (
      SELECT c.id, c.status, c."statusSince" FROM "Commitment" c
       WHERE c."agreementId" = ${agreementId}::int AND c."archivedAt" IS NULL
         AND ${countsInComplianceSql('c', on)}
    )
    SELECT NULL::int AS party_id, NULL::text AS party_name,
           count(*) AS n, count(s.score) AS scored, coalesce(sum(s.score), 0)::bigint AS total
      FROM counted c CROSS JOIN LATERAL (SELECT ${scoreSql(whole)} AS score) s
    UNION ALL
    SELECT p.id, p.name, count(*), count(s.score), coalesce(sum(s.score), 0)::bigint
      FROM counted c
      JOIN "CommitmentParty" cp ON cp."commitmentId" = c.id AND cp.role = 'responsible'
      JOIN "Party" p ON p.id = cp."partyId"
      CROSS JOIN LATERAL (SELECT ${scoreSql(ofParty)} AS score) s
     GROUP BY p.id, p.name`;
  const overall = rows.find((row) => row.party_id === null);
  return {
    overall: counted(overall),
    parties: rows
      .filter((row): row is Row & { party_id: number; party_name: string } => row.party_id !== null)
      .sort((a, b) => a.party_name.localeCompare(b.party_name) || a.party_id - b.party_id)
      .map((row) => ({ party: { id: row.party_id, name: row.party_name }, compliance: counted(row) })),
  };
}

/**
 * The agreement's compliance as a whole at the end of each of `days`, in one GROUP BY over (commitment, day): an
 * index probe per pair, proposals counting from their adoption.
 */
export async function getAgreementComplianceOverTime(
  agreementId: number,
  days: readonly Date[],
): Promise<ComplianceAt[]> {
  if (!days.length) return [];
  const rows = await db.$queryRaw<ComplianceOverTimeRow[]>`
    SELECT d.day, count(*) AS n, count(s.score) AS scored, coalesce(sum(s.score), 0)::bigint AS total
      FROM "Commitment" c
      CROSS JOIN unnest(${dayArray(days)}) AS d(day)
      CROSS JOIN LATERAL (
        SELECT ${scoreSql(
          statusAsOfCachedSql({
            cachedStatus: Prisma.sql`c.status`,
            cachedSince: Prisma.sql`c."statusSince"`,
            commitment: Prisma.sql`c.id`,
            day: Prisma.sql`d.day`,
          }),
        )} AS score
      ) s
     WHERE c."agreementId" = ${agreementId}::int AND c."archivedAt" IS NULL
       AND ${countsInComplianceByRowSql('c', Prisma.sql`d.day`)}
     GROUP BY d.day`;
  return complianceSeries(days, rows);
}
