// The current-status cache: Commitment.status / statusSince / lastEvidenceOn, the history-based attention flags
// (Commitment.contradicted / weaklySupported), the CommitmentPartyStatus rows and, through them, the per-party
// statuses at kept past days (ResponsibilitySnapshot, lib/data/snapshots.ts).
// Dashboards and lists read these columns instead of deriving status per row; they are written only here, from
// StatusUpdate history, with the rules of lib/domain/status.ts (countsForStatus, isNews) expressed in SQL (set-based, so a refresh of many
// commitments is a few statements). tests/status-cache.test.ts checks this SQL against the pure functions.
//
// Call refreshStatusCache inside the transaction that writes status updates, and after any change to a
// commitment's responsible parties (per-party rows depend on them). rebuildStatusCache recomputes everything.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { attentionSql, statusProbes } from './attention-sql.ts';
import { runProbes } from './compliance-sql.ts';
import { snapshotRefreshStatements } from './snapshots.ts';
import { formatDay } from '../domain/dates.ts';
import { countingUpdate, newestFirst, oldestFirst, updateKey } from './sql.ts';

type Tx = Prisma.TransactionClient;

function normaliseIds(commitmentIds: readonly number[]): number[] {
  return [...new Set(commitmentIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
}

/**
 * Recomputes the cache of the given commitments from their updates (missing ids are ignored), in one call of
 * pactwatch_refresh_status_cache (below): one round trip, and plans the function keeps for the connection.
 *
 * Concurrency: the commitment rows are locked first (FOR NO KEY UPDATE, in id order), so two transactions
 * refreshing the same commitment run one after the other, and the second, reading with a fresh READ COMMITTED
 * snapshot, sees the first one's updates. NO KEY UPDATE does not conflict with the KEY SHARE lock that inserting
 * a StatusUpdate takes on its commitment, so "insert, then refresh" in two transactions cannot deadlock.
 */
export async function refreshStatusCache(
  tx: Tx,
  commitmentIds: readonly number[],
  options: {
    /**
     * The earliest observedFrom among the rows this change added, when all it did was add rows (appendStatusUpdates):
     * the kept past days before it cannot change and are not rewritten. Absent: everything is recomputed.
     */
    changedFrom?: Date;
    /**
     * A data-modifying statement of the same write (INSERT, UPDATE or DELETE, without RETURNING) sent in the same
     * round trip, as a WITH of the refresh's statement: it runs exactly once, and the refresh does not see its rows
     * (it must not need to: the audit events of a follow-up, lib/data/status-updates.ts). Run even when there is
     * nothing to refresh.
     */
    alongside?: Prisma.Sql;
  } = {},
): Promise<void> {
  const ids = normaliseIds(commitmentIds);
  const alongside = options.alongside;
  if (!ids.length) {
    if (alongside) await tx.$executeRaw(alongside);
    return;
  }
  const from = options.changedFrom ? formatDay(options.changedFrom) : null;
  const refresh = Prisma.sql`SELECT ${Prisma.raw(REFRESH_FUNCTION)}(${ids}::int[], ${from}::date)`;
  await tx.$executeRaw(alongside ? Prisma.sql`WITH alongside AS (${alongside}) ${refresh}` : refresh);
}

/** The function that refreshes the cache; its body is statusCacheFunctionBody(), installed by a migration. */
const REFRESH_FUNCTION = 'pactwatch_refresh_status_cache';

/** The function's parameters: the commitment ids, deduplicated and sorted; refreshStatusCache's changedFrom. */
const IDS = Prisma.raw('commitment_ids');
const CHANGED_FROM = Prisma.raw('changed_from');
/** The commitment of one turn of the function's loop. */
const ONE_ID = Prisma.raw('one_id');

/**
 * The statements of a refresh, in order, as PL/pgSQL over the int[] `ids`: the function's body. Written here, with
 * the rules' SQL (lib/data/sql.ts, attention-sql.ts, snapshots.ts), and installed by a migration; tests/status-cache
 * .test.ts fails when the installed body differs from statusCacheFunctionBody(), and `npm run db:status-cache` prints
 * the migration that installs the current one.
 */
function refreshStatements(
  ids: Prisma.Sql,
  one: Prisma.Sql,
  changedFrom: Prisma.Sql,
): { first: Prisma.Sql[]; each: Prisma.Sql[]; last: Prisma.Sql[] } {
  return {
    // The rows locked first, all of them, in id order (see refreshStatusCache).
    first: [Prisma.sql`PERFORM 1 FROM "Commitment" WHERE id = ANY(${ids}) ORDER BY id FOR NO KEY UPDATE`],
    // Then each commitment on its own, over a one-element array: PostgreSQL keeps one plan per statement for the
    // connection's life, where a plan over an array of any length was planned again on every call (half of a
    // single follow-up's refresh, and a batch runs no slower this way).
    each: commitmentStatements(Prisma.sql`ARRAY[${one}]`, changedFrom),
    // The per-party statuses at the kept past days (lib/data/snapshots.ts), from the rows just written.
    last: snapshotRefreshStatements(ids, changedFrom),
  };
}

/** The statements that refresh the commitments of `ids` (an int[]), every statement scoped to them. */
function commitmentStatements(ids: Prisma.Sql, changedFrom: Prisma.Sql): Prisma.Sql[] {
  const derived = attentionSql({ source: 'history' });
  return [
    // Per commitment, from its counting updates (countingUpdate: assessments not withdrawn) newest first
    // (observedFrom, observedOn, createdAt, id: compareUpdates in reverse): the status is the first row's; the
    // current run is the rows before the first one with a different status (the breaker), and statusSince is their
    // earliest observedOn (currentStatus, statusSince). lastEvidenceOn is the observedOn of the newest news row
    // (newsUpdate: a counting row or a corroboration citing evidence; lastObservedOn). Commitments without counting
    // updates fall back to no_evidence. Read by index probes that stop at the rows they need (statusProbes, the
    // as-of dashboards' derivation over the whole history), not by ranking every row of the history.
    Prisma.sql`
    UPDATE "Commitment" target
       SET status = d.status, "statusSince" = d.since, "lastEvidenceOn" = d.last_on
      FROM (SELECT c.id, st.status, st.since, st.last_on FROM "Commitment" c ${statusProbes(Prisma.empty)}
             WHERE c.id = ANY(${ids})) d
     WHERE target.id = d.id
       AND (target.status, target."statusSince", target."lastEvidenceOn")
           IS DISTINCT FROM (d.status, d.since, d.last_on)`,

    // The flags that need history (contradicted, weak), derived by the same SQL that tests/attention-sql.test.ts
    // proves equal to lib/domain/attention.ts, over the status just written.
    Prisma.sql`
    UPDATE "Commitment" target
       SET contradicted = f.contradicted, "weaklySupported" = f.weak
      FROM (
        SELECT c.id, ${derived.flags.contradicted} AS contradicted, ${derived.flags.weak} AS weak
          FROM "Commitment" c
          ${derived.joins}
         WHERE c.id = ANY(${ids})
      ) f
     WHERE target.id = f.id
       AND (target.contradicted, target."weaklySupported") IS DISTINCT FROM (f.contradicted, f.weak)`,

    // A change that only added rows from changedFrom on leaves the previous status of every row before it as it
    // was: only the rows from there on are looked at, each by probes of the rows before it (previousStatusFrom).
    // Anything else replays the whole history.
    Prisma.sql`IF ${changedFrom} IS NULL THEN
    ${previousStatusRefresh(Prisma.sql`su."commitmentId" = ANY(${ids})`)};
    ELSE
    ${previousStatusFrom(ids, changedFrom)};
    END IF`,

    // Per responsible party: the same rule over the counting updates that assess that party or the whole commitment.
    // A party with no applicable update gets no row (its status is no_evidence). Only what differs is written: the
    // rows no longer wanted deleted, the new ones inserted, the changed ones updated (a follow-up changes one or two
    // of a commitment's parties; deleting and inserting all of them cost each row its index entries, foreign key
    // checks and WAL).
    Prisma.sql`
    WITH wanted AS (
      SELECT cp."commitmentId" AS cid, cp."partyId" AS pid, lt.status, fr.since
        FROM "CommitmentParty" cp
        ${runProbes(Prisma.sql`su."commitmentId" = cp."commitmentId" AND (su."partyId" IS NULL OR su."partyId" = cp."partyId")`)}
       WHERE cp.role = 'responsible' AND cp."commitmentId" = ANY(${ids}) AND lt.status IS NOT NULL
    ), unwanted AS (
      DELETE FROM "CommitmentPartyStatus" cps
       WHERE cps."commitmentId" = ANY(${ids})
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.cid = cps."commitmentId" AND w.pid = cps."partyId")
    )
    INSERT INTO "CommitmentPartyStatus" AS cps ("commitmentId", "partyId", status, "statusSince")
    SELECT cid, pid, status, since FROM wanted
    ON CONFLICT ("commitmentId", "partyId") DO UPDATE
       SET status = excluded.status, "statusSince" = excluded."statusSince"
     WHERE (cps.status, cps."statusSince") IS DISTINCT FROM (excluded.status, excluded."statusSince")`,
  ];
}

/** The PL/pgSQL body of pactwatch_refresh_status_cache: refreshStatements with every value written in. */
export function statusCacheFunctionBody(): string {
  const { first, each, last } = refreshStatements(IDS, ONE_ID, CHANGED_FROM);
  const lines = (statements: Prisma.Sql[]) =>
    statements.map((statement) => `${inlineSql(statement).trim()};`).join('\n');
  return (
    `\nDECLARE\n  ${ONE_ID.text} INTEGER;\nBEGIN\n${lines(first)}\n` +
    `FOREACH ${ONE_ID.text} IN ARRAY ${IDS.text} LOOP\n${lines(each)}\nEND LOOP;\n${lines(last)}\nEND\n`
  );
}

/** The migration statement that installs statusCacheFunctionBody(). */
export function statusCacheFunctionSql(): string {
  return (
    // The one-parameter form of decision 023, replaced (a new parameter list would add an overload).
    `DROP FUNCTION IF EXISTS "${REFRESH_FUNCTION}"(INTEGER[]);\n` +
    `CREATE OR REPLACE FUNCTION "${REFRESH_FUNCTION}"("commitment_ids" INTEGER[], "changed_from" DATE DEFAULT NULL)\n` +
    '  RETURNS void\n' +
    `  LANGUAGE plpgsql\nAS $refresh$${statusCacheFunctionBody()}$refresh$;\n`
  );
}

/** SQL text with its parameters written in as literals: only numbers, strings and booleans occur in these rules. */
function inlineSql(statement: Prisma.Sql): string {
  return statement.strings.reduce((text, part, index) => {
    if (index === 0) return part;
    const value: unknown = statement.values[index - 1];
    let literal: string;
    if (typeof value === 'number' && Number.isFinite(value)) literal = String(value);
    else if (typeof value === 'boolean') literal = value ? 'true' : 'false';
    else if (typeof value === 'string') literal = `'${value.replaceAll("'", "''")}'`;
    else throw new Error(`a status cache statement has a value that cannot be written in: ${String(value)}`);
    return `${text}${literal}${part}`;
  }, '');
}

/**
 * Rebuilds the cache of every commitment (archived ones included), a batch per transaction so a large
 * database is never locked as a whole. Returns how many commitments were refreshed.
 * Commitments added meanwhile are refreshed by their own writes, so a rebuild needs no global lock.
 */
export async function rebuildStatusCache(
  client: PrismaClient,
  options: { batchSize?: number; afterId?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  // Resuming an interrupted rebuild: start after the last id it reported.
  let afterId = options.afterId ?? 0;
  let total = 0;
  for (;;) {
    const batch = await client.commitment.findMany({
      where: { id: { gt: afterId } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (!batch.length) break;
    const ids = batch.map((row) => row.id);
    await client.$transaction((tx) => refreshStatusCache(tx, ids));
    total += ids.length;
    afterId = ids[ids.length - 1];
    options.log?.(`status cache: ${total} commitment(s) refreshed`);
  }
  return total;
}

/**
 * The CTEs `logged` and `replayed (id, previous)`: each row's previous status among the rows `from` and `where`
 * give (over `su`; whole commitments), by the rules of lib/csv/previous-status.ts (StatusReplay): for an update on
 * the whole commitment, the status of the latest earlier counting update on that commitment; for one assessing a
 * party, the newer of the latest earlier counting update on the whole commitment and the party's own; no_evidence
 * before any. "Earlier" is the report's order (oldestFirst: observedFrom, observedOn, createdAt, id); a position,
 * zero-padded so that text order is number order, is kept in front of each status so `max` finds the latest.
 * Used to keep StatusUpdate.previousStatus, and by updates.csv as of a day (lib/csv/updates-copy.ts).
 */
export function previousStatusReplay(from: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    logged AS (
      SELECT su.id, su."commitmentId" AS commitment_id, su."partyId" AS party_id, su.status::text AS status,
             su."previousStatus"::text AS kept, ${countingUpdate('su')} AS counts,
             row_number() OVER (PARTITION BY su."commitmentId" ORDER BY ${oldestFirst('su')}) AS position
        FROM ${from}
       WHERE ${where}
    ), replayed AS (
      SELECT id, kept,
             coalesce(substr(CASE WHEN party_id IS NULL
                  THEN max(CASE WHEN counts THEN lpad(position::text, 12, '0') || status END)
                         OVER (by_commitment ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                  ELSE greatest(
                         max(CASE WHEN counts AND party_id IS NULL THEN lpad(position::text, 12, '0') || status END)
                           OVER (by_commitment ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                         max(CASE WHEN counts THEN lpad(position::text, 12, '0') || status END)
                           OVER (PARTITION BY commitment_id, party_id ORDER BY position
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
             END, 13), 'no_evidence') AS previous
        FROM logged
      WINDOW by_commitment AS (PARTITION BY commitment_id ORDER BY position)
    )`;
}

/**
 * previousStatusRefresh for the rows of `ids` whose observedFrom is `changedFrom` or later, the only ones whose
 * previous status a change that only added rows from there on can move (every row before them is before every added
 * row). Each row's previous status by the same rules (previousStatusReplay), read by index probes of the counting rows
 * before it: the latest on the commitment for a row on the whole commitment; for a row assessing a party, the later
 * of the latest on the whole commitment and the party's own. Writes only rows whose value changes.
 */
function previousStatusFrom(ids: Prisma.Sql, changedFrom: Prisma.Sql): Prisma.Sql {
  // The latest counting row before `r` among those `scope` selects (over `su`). The redundant bound on observedFrom
  // lets the probe start in the index at r's place.
  const latestBefore = (scope: Prisma.Sql) => Prisma.sql`
    SELECT su.status::text AS status, ${updateKey('su')} AS key FROM "StatusUpdate" su
     WHERE su."commitmentId" = r."commitmentId" AND su."observedFrom" <= r."observedFrom" AND ${scope}
       AND ${countingUpdate('su')} AND ${updateKey('su')} < ${updateKey('r')}
     ORDER BY ${newestFirst('su')} LIMIT 1`;
  return Prisma.sql`
    UPDATE "StatusUpdate" target
       SET "previousStatus" = p.previous::"CommitmentStatus"
      FROM (
        SELECT r.id, r."previousStatus"::text AS kept,
               coalesce(CASE WHEN r."partyId" IS NULL THEN anyone.status
                             WHEN own.key IS NULL OR whole.key > own.key THEN whole.status
                             ELSE own.status END, 'no_evidence') AS previous
          FROM "StatusUpdate" r
          LEFT JOIN LATERAL (${latestBefore(Prisma.sql`true`)}) anyone ON r."partyId" IS NULL
          LEFT JOIN LATERAL (${latestBefore(Prisma.sql`su."partyId" IS NULL`)}) whole ON r."partyId" IS NOT NULL
          LEFT JOIN LATERAL (${latestBefore(Prisma.sql`su."partyId" = r."partyId"`)}) own ON r."partyId" IS NOT NULL
         WHERE r."commitmentId" = ANY(${ids}) AND r."observedFrom" >= ${changedFrom}
      ) p
     WHERE p.kept IS DISTINCT FROM p.previous
       AND target.id = p.id AND target."previousStatus"::text IS DISTINCT FROM p.previous`;
}

/**
 * Sets StatusUpdate.previousStatus of the rows `where` selects (over `su`; whole commitments) from their whole
 * history (previousStatusReplay), writing only rows whose value changes. tests/csv-export.test.ts proves updates.csv
 * read from this column equal to the replay in TypeScript.
 */
function previousStatusRefresh(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH ${previousStatusReplay(Prisma.sql`"StatusUpdate" su`, where)}
    UPDATE "StatusUpdate" target
       SET "previousStatus" = replayed.previous::"CommitmentStatus"
      FROM replayed
     WHERE replayed.kept IS DISTINCT FROM replayed.previous
       AND target.id = replayed.id AND target."previousStatus"::text IS DISTINCT FROM replayed.previous`;
}
