// "Needs attention", run: the four flags of lib/domain/attention.ts (overdue, stale, contradicted, weak) for many
// commitments in one statement, for the overview queue, the list filter and the dashboards. The SQL itself, and
// how it stays cheap at 10,000 commitments and 1,000,000 updates, is in lib/data/attention-sql.ts.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { ATTENTION_FLAGS, type AttentionFlag } from '../domain/attention.ts';
import { attentionSql, type AttentionOptions } from './attention-sql.ts';
import { and, commitmentScope, utcDay } from './sql.ts';

export { attentionSql, type AttentionOptions } from './attention-sql.ts';

type CommitmentState = {
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
           ${utcDay(Prisma.sql`c."createdAt"`)} AS created_on,
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
  return and(commitmentScope({ agreement: agreementId }));
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
async function countNeedsAttention(options: AttentionOptions & ScopeOptions = {}): Promise<number> {
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
