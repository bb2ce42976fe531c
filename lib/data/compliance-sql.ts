// The SQL forms of the as-of and compliance rules the dashboards share, written once:
// - a status as of a day (lib/domain/status.ts statusAsOf / partyStatusAsOf): the newest counting update
//   (countingUpdate, ./sql.ts) with observedOn <= the day, in compareUpdates order, one probe of
//   StatusUpdate_commitment_news_order_idx per row (LATERAL … LIMIT 1);
// - whether a commitment counts in compliance on a day (lib/domain/compliance.ts countsInCompliance): not an
//   unadopted proposal;
// - the compliance score of a status (COMPLIANCE_SCORE).
// tests/as-of-dashboards.test.ts proves each equal to its TypeScript reference on generated histories.
import { Prisma } from '../generated/prisma/client.ts';
import { COMPLIANCE_SCORE } from '../domain/compliance.ts';
import { STATUSES } from '../domain/status.ts';
import { countingUpdate, newestFirst, sqlName, updateKey } from './sql.ts';

const NEWEST_FIRST = Prisma.sql`ORDER BY ${newestFirst('su')}`;

/**
 * The status of commitment `commitment` (an SQL expression, e.g. `c.id`) as of `day` (an SQL date expression):
 * a scalar subquery, NULL when nothing counting held by then (no evidence). With `party`, the per-party status:
 * the updates that assess that party or the commitment as a whole. `observedFrom <= day` is implied by
 * `observedOn <= day`; stated, it lets the index scan start at the day.
 */
export function statusAsOfSql(commitment: Prisma.Sql, day: Prisma.Sql, party?: Prisma.Sql): Prisma.Sql {
  const ofParty = party ? Prisma.sql`AND (su."partyId" IS NULL OR su."partyId" = ${party})` : Prisma.empty;
  return Prisma.sql`(
    SELECT su.status FROM "StatusUpdate" su
     WHERE su."commitmentId" = ${commitment} AND ${countingUpdate('su')}
       AND su."observedFrom" <= ${day} AND su."observedOn" <= ${day} ${ofParty}
     ${NEWEST_FIRST} LIMIT 1)`;
}

/**
 * statusAsOfSql answered from the status cache where the cache decides it, probing history only where it cannot.
 * `cachedStatus`/`cachedSince` are the cache's status and statusSince for the same rows (Commitment.status and
 * statusSince; a CommitmentPartyStatus row, absent for no evidence). The cache's status is the newest of ALL counting
 * rows, and its since is the earliest observedOn of the run of rows newer than the newest one with another status
 * (refreshStatusCache). So on a day at or after that since, the rows that held by then include a run row, their
 * newest is a run row, and the status is the cached one; with no since there is no counting row at all, so no
 * status on any day. Only days before the since need the history probe. A year's chart of a long-standing status
 * needs none. Proven equal to statusAsOfSql (and to lib/domain) by tests/as-of-dashboards.test.ts.
 */
export function statusAsOfCachedSql({
  cachedStatus,
  cachedSince,
  commitment,
  day,
  party,
}: {
  cachedStatus: Prisma.Sql;
  cachedSince: Prisma.Sql;
  commitment: Prisma.Sql;
  day: Prisma.Sql;
  party?: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${cachedSince} IS NULL THEN NULL::"CommitmentStatus"
    WHEN ${day} >= ${cachedSince} THEN ${cachedStatus}
    ELSE ${statusAsOfSql(commitment, day, party)} END)`;
}

/**
 * The status and its run among the counting updates `scope` selects (over `su`), as three LATERAL probes named
 * with `prefix`: `<prefix>lt.status` the newest one's (null when there is none), `<prefix>brk` the newest with
 * another status (the breaker), `<prefix>fr.since` the earliest observedOn of the rows after the breaker (statusSince
 * in lib/domain/status.ts). The as-of dashboards (statusAsOfJoins), the attention flags as of a day and the status
 * cache's refresh (lib/data/attention-sql.ts statusProbes, lib/data/status-cache.ts) all read a status this way.
 * `prefix` is a fixed identifier of the caller's, never user input.
 */
export function runProbes(scope: Prisma.Sql, prefix = ''): Prisma.Sql {
  const lt = Prisma.raw(`${prefix}lt`);
  const brk = Prisma.raw(`${prefix}brk`);
  const fr = Prisma.raw(`${prefix}fr`);
  const counting = countingUpdate('su');
  return Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT su.status, su."observedOn" FROM "StatusUpdate" su
         WHERE ${scope} AND ${counting} ${NEWEST_FIRST} LIMIT 1
      ) ${lt} ON true
      LEFT JOIN LATERAL (
        SELECT su."observedFrom", su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE ${scope} AND ${counting} AND su.status <> ${lt}.status ${NEWEST_FIRST} LIMIT 1
      ) ${brk} ON true
      LEFT JOIN LATERAL (
        SELECT min(su."observedOn") AS since FROM "StatusUpdate" su
         WHERE ${scope} AND ${counting} AND ${lt}.status IS NOT NULL AND (${brk}.id IS NULL OR ${updateKey('su')} > ${updateKey(`${prefix}brk`)})
      ) ${fr} ON true`;
}

/**
 * Status and since as of `day` for `"Commitment" <alias>` (optionally per party), as LATERAL joins after the
 * commitment: `<name>.status` (no_evidence when nothing held) and `<name>.since` (the earliest observedOn of the
 * run the status rests on, statusSince in lib/domain/status.ts): runProbes over the rows held by `day`.
 */
export function statusAsOfJoins({
  commitment,
  day,
  party,
  name,
}: {
  commitment: Prisma.Sql;
  day: Prisma.Sql;
  party?: Prisma.Sql;
  name: string;
}): Prisma.Sql {
  const ofParty = party ? Prisma.sql`AND (su."partyId" IS NULL OR su."partyId" = ${party})` : Prisma.empty;
  const scope = Prisma.sql`su."commitmentId" = ${commitment}
       AND su."observedFrom" <= ${day} AND su."observedOn" <= ${day} ${ofParty}`;
  return Prisma.sql`${runProbes(scope, `${name}_`)}
    CROSS JOIN LATERAL (
      SELECT coalesce(${Prisma.raw(`${name}_lt`)}.status, 'no_evidence'::"CommitmentStatus") AS status, ${Prisma.raw(`${name}_fr`)}.since
    ) ${sqlName(name)}`;
}

/**
 * Commitment `<alias>` counts in compliance on `day` (lib/domain/compliance.ts countsInCompliance): it is not a
 * proposal, or a counting update adopting it held by then. `day` is one day for the whole statement (a parameter):
 * the adoptions up to it are read once, from the small partial index "StatusUpdate_adoptions_idx", into a set each
 * commitment is looked up in (a hashed subplan), so the planner joins the commitments by hash instead of probing
 * StatusUpdate once per commitment (the party compliance of every party: 37 -> 12 ms at scale 100). For a day that
 * differs by row, countsInComplianceByRowSql.
 */
export function countsInComplianceSql(alias: string, day: Prisma.Sql): Prisma.Sql {
  const c = sqlName(alias);
  return Prisma.sql`(${c}.strength <> 'proposal' OR ${c}.id IN (
    SELECT ad."commitmentId" FROM "StatusUpdate" ad
     WHERE ad."adoptsProposal" AND ${countingUpdate('ad')} AND ad."observedOn" <= ${day}))`;
}

/**
 * countsInComplianceSql for a `day` that is a column of the row (a series' `d.day`): the adoption is looked up per
 * row, in the same partial index by commitment.
 */
export function countsInComplianceByRowSql(alias: string, day: Prisma.Sql): Prisma.Sql {
  const c = sqlName(alias);
  return Prisma.sql`(${c}.strength <> 'proposal' OR EXISTS (
    SELECT 1 FROM "StatusUpdate" ad
     WHERE ad."commitmentId" = ${c}.id AND ad."adoptsProposal" AND ${countingUpdate('ad')}
       AND ad."observedOn" <= ${day}))`;
}

/**
 * The compliance score (COMPLIANCE_SCORE) of a status expression, NULL for no evidence (and for NULL, which the
 * status subqueries give when nothing held): so `count(score)` counts the scored and `sum(score)` totals them.
 */
export function scoreSql(status: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE ${status} ${Prisma.join(
    STATUSES.map(
      (status) => Prisma.sql`WHEN ${status}::"CommitmentStatus" THEN ${COMPLIANCE_SCORE[status]}::int`,
    ),
    ' ',
  )} END)`;
}
