// "Needs attention" in SQL: the four flags of lib/domain/attention.ts (overdue, stale, contradicted, weak) for many
// commitments in one statement, for the overview queue, the list filter and the dashboards.
// tests/attention-sql.test.ts proves that these expressions say exactly what `attentionFlags()` says, current and
// as of a day.
//
// How it stays cheap at 10,000 commitments and 1,000,000 updates:
// - Today's view reads the status cache on Commitment (status, statusSince, lastEvidenceOn): overdue and stale are
//   plain column tests.
// - "contradicted" and "weak" need history, but only its newest end: each is an index probe on StatusUpdate
//   (commitmentId, observedOn DESC, createdAt DESC) that stops at the first row it needs (LIMIT 1 / EXISTS).
// - "weak" looks at the run of updates the current status rests on (see statusSince in lib/domain/status.ts):
//   those after the newest update with a different status (the "breaker"). Today the breaker is found starting at
//   statusSince, so the probe skips the run itself.
// - As of a day D nothing cached applies: the status is the newest update with observedOn <= D (one probe), the
//   breaker a second probe, and the start of the run a third.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { ATTENTION_FLAGS, type AttentionFlag } from '../domain/attention.ts';
import { formatDay, today as todayUtc } from '../domain/dates.ts';
import { staleAfterDays as configuredStaleAfterDays } from '../config.ts';

export type AttentionOptions = {
  /** Flags (and status) as they stood at the end of this day, from history up to it; absent: today, from the cache. */
  asOf?: Date | null;
  /** The day "overdue" and "stale" are judged on when there is no `asOf` (default: today, UTC). */
  today?: Date;
  /** Days without news after which a commitment is stale (default: lib/config.ts staleAfterDays()). */
  staleAfterDays?: number;
};

type Context = { asOf: Date | null; today: Date; staleAfterDays: number };

function context(options: AttentionOptions = {}): Context {
  const asOf = options.asOf ?? null;
  const staleAfterDays = options.staleAfterDays ?? configuredStaleAfterDays();
  if (!Number.isInteger(staleAfterDays) || staleAfterDays < 0)
    throw new RangeError('staleAfterDays must be a whole number of days, 0 or more.');
  // As of D, D is "today": a commitment due before D was overdue then, and staleness counts up to D.
  return { asOf, today: asOf ?? options.today ?? todayUtc(), staleAfterDays };
}

const day = (value: Date) => Prisma.sql`${formatDay(value)}::date`;

/** The newest-news-first order of lib/domain/status.ts compareUpdates, reversed. */
const NEWEST_FIRST = Prisma.sql`ORDER BY su."observedOn" DESC, su."createdAt" DESC, su.id DESC`;

/** Strong evidence as isStrongGrade() says: reliability A–C and credibility 1–3. */
const STRONG_GRADE = Prisma.sql`e.reliability IN ('A', 'B', 'C') AND e.credibility BETWEEN 1 AND 3`;

/**
 * SQL pieces for a query over `"Commitment" c`: `joins` go after `FROM "Commitment" c` and make `st.status`,
 * `st.since` and `st.last_on` available (the status, since when, and the newest day of news: cached, or as of the
 * day); the rest are boolean expressions over them.
 */
export type AttentionSql = {
  joins: Prisma.Sql;
  status: Prisma.Sql;
  since: Prisma.Sql;
  lastOn: Prisma.Sql;
  flags: Record<AttentionFlag, Prisma.Sql>;
  /** True when at least one flag holds. */
  any: Prisma.Sql;
};

export function attentionSql(options: AttentionOptions = {}): AttentionSql {
  const ctx = context(options);
  const { asOf } = ctx;
  const upTo = asOf ? Prisma.sql`AND su."observedOn" <= ${day(asOf)}` : Prisma.empty;

  const joins = asOf
    ? Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT su.status, su."observedOn" FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} ${NEWEST_FIRST} LIMIT 1
      ) lt ON true
      LEFT JOIN LATERAL (
        SELECT su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} AND su.status <> lt.status ${NEWEST_FIRST} LIMIT 1
      ) brk ON true
      LEFT JOIN LATERAL (
        SELECT su."observedOn" AS since FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} AND lt.status IS NOT NULL
           AND (brk.id IS NULL OR (su."observedOn", su."createdAt", su.id) > (brk."observedOn", brk."createdAt", brk.id))
         ORDER BY su."observedOn", su."createdAt", su.id LIMIT 1
      ) fr ON true
      CROSS JOIN LATERAL (
        SELECT coalesce(lt.status, 'no_evidence'::"CommitmentStatus") AS status, fr.since, lt."observedOn" AS last_on
      ) st`
    : Prisma.sql`
      CROSS JOIN LATERAL (SELECT c.status, c."statusSince" AS since, c."lastEvidenceOn" AS last_on) st
      LEFT JOIN LATERAL (
        SELECT su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id AND su."observedOn" <= st.since AND su.status <> st.status
         ${NEWEST_FIRST} LIMIT 1
      ) brk ON true`;

  const today = day(ctx.today);
  const createdOn = Prisma.sql`(c."createdAt" AT TIME ZONE 'UTC')::date`;

  const flags: Record<AttentionFlag, Prisma.Sql> = {
    overdue: Prisma.sql`(coalesce(c."dueOn" < ${today}, false) AND st.status <> 'fulfilled')`,
    // End states need no fresh news; otherwise count from the newest news, or from when it was recorded.
    stale: Prisma.sql`(st.status NOT IN ('fulfilled', 'broken')
      AND ${today} - coalesce(st.last_on, ${createdOn}) > ${ctx.staleAfterDays}::int)`,
    // The newest update that cites evidence cites a contradiction.
    contradicted: Prisma.sql`coalesce((
      SELECT e.type = 'contradiction' FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo} ${NEWEST_FIRST} LIMIT 1), false)`,
    // There is a status resting on updates, and none of the run it rests on cites strong evidence.
    weak: Prisma.sql`(st.last_on IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo} AND su."observedOn" >= st.since
         AND (brk.id IS NULL OR (su."observedOn", su."createdAt", su.id) > (brk."observedOn", brk."createdAt", brk.id))
         AND ${STRONG_GRADE}))`,
  };

  return {
    joins,
    status: Prisma.sql`st.status`,
    since: Prisma.sql`st.since`,
    lastOn: Prisma.sql`st.last_on`,
    flags,
    any: Prisma.sql`(${Prisma.join(
      ATTENTION_FLAGS.map((flag) => flags[flag]),
      ' OR ',
    )})`,
  };
}

export type CommitmentState = {
  id: number;
  status: CommitmentStatus;
  since: Date | null;
  lastEvidenceOn: Date | null;
  flags: AttentionFlag[];
};

/** A commitment's state with the day it was recorded (what "stale" counts from before any news). */
export type CommitmentStateDetail = CommitmentState & { createdOn: Date };

type StateRow = {
  id: number;
  status: CommitmentStatus;
  since: Date | null;
  last_on: Date | null;
  overdue: boolean;
  stale: boolean;
  contradicted: boolean;
  weak: boolean;
};

function flagsOf(row: Pick<StateRow, AttentionFlag>): AttentionFlag[] {
  return ATTENTION_FLAGS.filter((flag) => row[flag]);
}

/**
 * Status, since, newest news and attention flags of each commitment (archived ones too), today or as of a day,
 * in one statement. Ids that do not exist are missing from the map.
 */
export async function getCommitmentStates(
  ids: readonly number[],
  options: AttentionOptions = {},
): Promise<Map<number, CommitmentStateDetail>> {
  const unique = [...new Set(ids)].filter(Number.isSafeInteger);
  if (!unique.length) return new Map();
  const sql = attentionSql(options);
  const rows = await db.$queryRaw<(StateRow & { created_on: Date })[]>`
    SELECT c.id, ${sql.status}::text AS status, ${sql.since} AS since, ${sql.lastOn} AS last_on,
           (c."createdAt" AT TIME ZONE 'UTC')::date AS created_on,
           ${sql.flags.overdue} AS overdue, ${sql.flags.stale} AS stale,
           ${sql.flags.contradicted} AS contradicted, ${sql.flags.weak} AS weak
      FROM "Commitment" c
      ${sql.joins}
     WHERE c.id = ANY(${unique}::int[])`;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        since: row.since,
        lastEvidenceOn: row.last_on,
        flags: flagsOf(row),
        createdOn: row.created_on,
      },
    ]),
  );
}

/** Only the flags (see getCommitmentStates). */
export async function getAttentionFlags(
  ids: readonly number[],
  options: AttentionOptions = {},
): Promise<Map<number, AttentionFlag[]>> {
  const states = await getCommitmentStates(ids, options);
  return new Map([...states].map(([id, state]) => [id, state.flags]));
}

/** Which live commitments a queue or count covers: all, or one agreement's. */
export type ScopeOptions = { agreementId?: number };

function scope({ agreementId }: ScopeOptions): Prisma.Sql {
  return agreementId === undefined
    ? Prisma.sql`c."archivedAt" IS NULL`
    : Prisma.sql`c."archivedAt" IS NULL AND c."agreementId" = ${agreementId}::int`;
}

export type NeedsAttentionItem = CommitmentState & {
  title: string;
  dueOn: Date | null;
  agreement: { id: number; title: string };
};

/**
 * The needs-attention queue: live commitments with at least one flag, most urgent first (overdue, then
 * contradicted, stale, weak; within a rank, the longest overdue, then the longest without news), with how many
 * there are in all.
 */
export async function listNeedsAttention({
  limit = 10,
  offset = 0,
  ...options
}: AttentionOptions & ScopeOptions & { limit?: number; offset?: number } = {}): Promise<{
  total: number;
  items: NeedsAttentionItem[];
}> {
  const sql = attentionSql(options);
  const rows = await db.$queryRaw<
    (StateRow & {
      title: string;
      due_on: Date | null;
      agreement_id: number;
      agreement_title: string;
      total: bigint;
    })[]
  >`
    WITH flagged AS MATERIALIZED (
      SELECT c.id, c.title, c."dueOn" AS due_on, c."agreementId" AS agreement_id,
             ${sql.status}::text AS status, ${sql.since} AS since, ${sql.lastOn} AS last_on,
             ${sql.flags.overdue} AS overdue, ${sql.flags.stale} AS stale,
             ${sql.flags.contradicted} AS contradicted, ${sql.flags.weak} AS weak
        FROM "Commitment" c
        ${sql.joins}
       WHERE ${scope(options)}
    )
    SELECT f.*, a.title AS agreement_title, count(*) OVER () AS total
      FROM flagged f JOIN "Agreement" a ON a.id = f.agreement_id
     WHERE f.overdue OR f.stale OR f.contradicted OR f.weak
     ORDER BY (f.overdue::int * 8 + f.contradicted::int * 4 + f.stale::int * 2 + f.weak::int) DESC,
              f.due_on ASC NULLS LAST, f.last_on ASC NULLS FIRST, f.id ASC
     LIMIT ${limit} OFFSET ${offset}`;
  return {
    total: rows.length ? Number(rows[0].total) : await countNeedsAttention(options),
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      dueOn: row.due_on,
      agreement: { id: row.agreement_id, title: row.agreement_title },
      status: row.status,
      since: row.since,
      lastEvidenceOn: row.last_on,
      flags: flagsOf(row),
    })),
  };
}

/** How many live commitments carry at least one flag. */
export async function countNeedsAttention(options: AttentionOptions & ScopeOptions = {}): Promise<number> {
  return (await countAttentionFlags(options)).any;
}

export type AttentionCounts = Record<AttentionFlag | 'any', number>;

/** How many live commitments carry each flag, and any flag, in one pass. */
export async function countAttentionFlags(
  options: AttentionOptions & ScopeOptions = {},
): Promise<AttentionCounts> {
  const sql = attentionSql(options);
  // Materialized, so each flag's subqueries run once per commitment (not again for "any").
  const [row] = await db.$queryRaw<Record<AttentionFlag | 'any', bigint>[]>`
    WITH flagged AS MATERIALIZED (
      SELECT ${sql.flags.overdue} AS overdue, ${sql.flags.stale} AS stale,
             ${sql.flags.contradicted} AS contradicted, ${sql.flags.weak} AS weak
        FROM "Commitment" c
        ${sql.joins}
       WHERE ${scope(options)}
    )
    SELECT count(*) FILTER (WHERE overdue) AS overdue,
           count(*) FILTER (WHERE stale) AS stale,
           count(*) FILTER (WHERE contradicted) AS contradicted,
           count(*) FILTER (WHERE weak) AS weak,
           count(*) FILTER (WHERE overdue OR stale OR contradicted OR weak) AS any
      FROM flagged`;
  return {
    overdue: Number(row.overdue),
    stale: Number(row.stale),
    contradicted: Number(row.contradicted),
    weak: Number(row.weak),
    any: Number(row.any),
  };
}
