// updates.csv: the follow-up log, one row per status update, of the commitments the filters select, read row by
// row through Prisma. The app serves the same bytes written by PostgreSQL (./updates-copy.ts, much faster); this
// is the reference they are tested against, and what a client without a pg pool (a transaction, a test) gets.
//
// Rows come oldest news first across all commitments: by observedFrom, observedOn, createdAt, then id (the order
// of compareUpdates in lib/domain/status.ts: an undated fact before every dated one), read in keyset batches on the
// StatusUpdate (observedFrom, observedOn, createdAt, id) index. That order makes the file a timeline, is the same in any database the log is imported into (it depends
// on no id of another table), and lets one pass work out each row's previous status from the rows before it
// (./previous-status.ts) instead of a lookup per row. Memory holds one batch and a small state per commitment.
//
// Filters: `to` and `asOf` bound observedOn from above (the log as it stood that day), `from` from below (the
// rows before it are read and replayed but not written, so previous statuses stay right: a month or an undated
// fact observed after `from` may sort before a day before it, so there is no cut in the order to start from); `status` keeps the updates that recorded
// it; `party` keeps, of the commitments involving it, the updates on the whole commitment or assessing it (or a
// party under it). Rows filtered out by status or party still count for the previous status of later rows.
// Only rows that count for status (countsForStatus) change a previous status; every row, counting or not, is
// written, with its kind and withdrawal (docs/decisions/010-what-counts.md).
//
// With `proposed` (updates.csv?proposed=1), the updates proposed and still waiting for review
// (ProposedStatusUpdate, docs/decisions/018-review.md) are written too, in the same order, marked `proposed` in
// an extra last column (REVIEW_COLUMN); they never count, so they change no previous status. Only this reader
// does that: the COPY path (./updates-copy.ts) writes the log alone, the default.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentStatus, DatePrecision } from '../generated/prisma/enums.ts';
import { compareDays, formatDay } from '../domain/dates.ts';
import { countsForStatus } from '../domain/status.ts';
import { numberCell, textCell } from './cells.ts';
import { reportDay, type ReportFilters } from './filters.ts';
import { StatusReplay } from './previous-status.ts';
import {
  and,
  commitmentScope,
  day,
  inPartyTree,
  oldestFirst,
  updateKey,
  withPartyTree,
} from '../data/sql.ts';
import type { Queryable } from './scope.ts';
import type { CsvRow } from './stream.ts';

const UPDATES_BATCH = 5_000;

type HistoryRow = {
  id: number;
  commitment_id: number;
  party_id: number | null;
  status: CommitmentStatus;
  /** YYYY-MM-DD and ISO 8601 UTC, formatted by PostgreSQL: parsing to Date and back costs more than the query. */
  observed_on: string;
  observed_from: string;
  observed_precision: DatePrecision;
  created_at: string;
  reason: string | null;
  author: string | null;
  agreement: string;
  commitment: string;
  party: string | null;
  url: string | null;
  outlet: string | null;
  reliability: string | null;
  credibility: number | null;
  evidence_type: string | null;
  language: string | null;
  title: string | null;
  original_title: string | null;
  kind: 'assessment' | 'corroboration' | 'context';
  row_evidence_type: string | null;
  adopts_proposal: boolean;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  corrected_by: number | null;
  /** 'proposed' for a proposal waiting for review (only with `proposed`), null for a row of the log. */
  review: string | null;
};

type Cursor = Pick<HistoryRow, 'observed_from' | 'observed_on' | 'created_at' | 'id'>;

export type UpdateReportOptions = {
  now?: Date;
  batchSize?: number;
  /** Also the proposals waiting for review, marked in a last column (see above). */
  proposed?: boolean;
};

/**
 * The rows the report reads, as `su`: the log, or with `proposed` the log and the proposals still waiting (ids
 * negated so they never meet a log row's id: the order's last key, and the correction join). A proposal's
 * observedFrom is the log's trigger "StatusUpdate_observed_from" (factFrom in lib/domain/dates.ts) in SQL.
 */
function updateSource(proposed: boolean): Prisma.Sql {
  if (!proposed) return Prisma.sql`"StatusUpdate" su`;
  return Prisma.sql`(
      SELECT s.id, s."commitmentId", s."partyId", s.status, s."observedOn", s."observedFrom",
             s."observedPrecision", s."createdAt", s.reason, s."authorId", s."evidenceId", s.kind,
             s."evidenceType", s."adoptsProposal", s."withdrawnAt", s."withdrawnById", s."withdrawnReason",
             NULL::text AS review
        FROM "StatusUpdate" s
      UNION ALL
      SELECT -p.id, p."commitmentId", p."partyId", p.status, p."observedOn",
             CASE p."observedPrecision"
               WHEN 'day' THEN p."observedOn"
               WHEN 'month' THEN date_trunc('month', p."observedOn"::timestamp)::date
               WHEN 'year' THEN date_trunc('year', p."observedOn"::timestamp)::date
               ELSE DATE '0001-01-01'
             END,
             p."observedPrecision", p."createdAt", p.reason, p."authorId", p."evidenceId", p.kind,
             p."evidenceType", p."adoptsProposal", NULL::timestamptz, NULL::text, NULL::text, 'proposed'
        FROM "ProposedStatusUpdate" p
       WHERE p.state = 'proposed') su`;
}

/** What a row of the report names, joined to `"StatusUpdate" su` (updates-copy.ts writes the same columns). */
export const UPDATE_JOINS = Prisma.sql`
      JOIN "Commitment" c ON c.id = su."commitmentId"
      JOIN "Agreement" a ON a.id = c."agreementId"
      LEFT JOIN "Party" p ON p.id = su."partyId"
      LEFT JOIN "User" u ON u.id = su."authorId"
      LEFT JOIN "Evidence" e ON e.id = su."evidenceId"
      LEFT JOIN "Outlet" o ON o.id = e."outletId"
      LEFT JOIN "User" wu ON wu.id = su."withdrawnById"
      LEFT JOIN "StatusUpdate" corr ON corr."supersedesId" = su.id`;

/** The last day whose updates the report reads: `to` or the report day, whichever is earlier. */
export function lastDay(filters: ReportFilters, now?: Date): Date {
  const reportOn = reportDay(filters, now);
  return filters.to && compareDays(filters.to, reportOn) < 0 ? filters.to : reportOn;
}

function readBatch(
  client: Queryable,
  filters: ReportFilters,
  upTo: Date,
  after: Cursor | null,
  limit: number,
  proposed = false,
): Promise<HistoryRow[]> {
  const conditions = commitmentScope(filters, { dueWindow: false });
  conditions.push(Prisma.sql`su."observedOn" <= ${day(upTo)}`);
  if (after) {
    conditions.push(Prisma.sql`${updateKey('su')} >
      (${after.observed_from}::date, ${after.observed_on}::date, ${after.created_at}::timestamptz, ${after.id}::int)`);
  }
  const query = Prisma.sql`
    ${withPartyTree(filters.party)}
    SELECT su.id, su."commitmentId" AS commitment_id, su."partyId" AS party_id, su.status::text AS status,
           to_char(su."observedOn", 'YYYY-MM-DD') AS observed_on,
           to_char(su."observedFrom", 'YYYY-MM-DD') AS observed_from,
           su."observedPrecision"::text AS observed_precision,
           to_char(su."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           su.reason, u.name AS author, a.title AS agreement, c.title AS commitment, p.name AS party,
           e.url, o.name AS outlet, e.reliability::text AS reliability, e.credibility::int AS credibility,
           e.type::text AS evidence_type, e.language, e.title, e."originalTitle" AS original_title,
           su.kind::text AS kind, su."evidenceType"::text AS row_evidence_type,
           su."adoptsProposal" AS adopts_proposal,
           to_char(su."withdrawnAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS withdrawn_at,
           wu.name AS withdrawn_by, su."withdrawnReason" AS withdrawn_reason, corr.id AS corrected_by,
           ${proposed ? Prisma.sql`su.review` : Prisma.sql`NULL::text`} AS review
      FROM ${updateSource(proposed)}
      ${UPDATE_JOINS}
     WHERE ${and(conditions)}
     ORDER BY ${oldestFirst('su')}
     LIMIT ${limit}`;
  return withoutParallelWorkers(client, query);
}

/**
 * A batch read by one backend. Walking the log's index for a few thousand rows with a lookup or five each, a
 * parallel plan spends more starting and merging its workers than it saves (170–200 ms against 60–70 ms for
 * 5,000 rows at scale 100), and its workers compete with the app for the same cores. SET LOCAL needs a
 * transaction of its own: a short one per batch, so nothing is held open between batches. A client without
 * transactions (one already in a transaction, a test's stand-in) runs the query as it is.
 */
function withoutParallelWorkers(client: Queryable, query: Prisma.Sql): Promise<HistoryRow[]> {
  const full = client as Partial<Pick<PrismaClient, '$transaction' | '$executeRaw'>> & Queryable;
  if (typeof full.$transaction !== 'function' || typeof full.$executeRaw !== 'function') {
    return client.$queryRaw<HistoryRow[]>(query);
  }
  return full
    .$transaction([
      full.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`,
      full.$queryRaw<HistoryRow[]>(query),
    ])
    .then(([, rows]) => rows);
}

async function partiesInScope(client: Queryable, filters: ReportFilters): Promise<Set<number> | null> {
  if (filters.party === undefined) return null;
  const rows = await client.$queryRaw<{ id: number }[]>`
    ${withPartyTree(filters.party)} SELECT member AS id FROM party_tree`;
  return new Set(rows.map((row) => row.id));
}

function toCells(row: HistoryRow, previous: CommitmentStatus, proposed: boolean): CsvRow {
  const cells: CsvRow = [
    row.observed_on,
    row.created_at,
    textCell(row.author),
    textCell(row.agreement),
    textCell(row.commitment),
    textCell(row.party),
    row.status,
    previous,
    textCell(row.reason),
    textCell(row.url),
    textCell(row.outlet),
    row.reliability ?? '',
    numberCell(row.credibility),
    row.evidence_type ?? '',
    textCell(row.language),
    textCell(row.title),
    textCell(row.original_title),
    row.observed_precision,
    row.kind,
    row.row_evidence_type ?? '',
    row.adopts_proposal ? 'true' : 'false',
    row.withdrawn_at ?? '',
    textCell(row.withdrawn_by),
    textCell(row.withdrawn_reason),
    numberCell(row.corrected_by),
  ];
  if (proposed) cells.push(row.review ?? '');
  return cells;
}

/** The rows of updates.csv (without the header), a batch at a time. */
export async function* updateReportRows(
  client: Queryable,
  filters: ReportFilters,
  options: UpdateReportOptions = {},
): AsyncGenerator<CsvRow[]> {
  const limit = options.batchSize ?? UPDATES_BATCH;
  const upTo = lastDay(filters, options.now);
  const parties = await partiesInScope(client, filters);
  const states = new Map<number, StatusReplay>();
  const from = filters.from ? formatDay(filters.from) : null;
  const proposed = options.proposed ?? false;
  let pending = readBatch(client, filters, upTo, null, limit, proposed);
  for (;;) {
    const rows = await pending;
    // Ask for the next batch before working on this one, so the database and this process work side by side.
    const more = rows.length === limit;
    if (more) {
      pending = readBatch(client, filters, upTo, rows[rows.length - 1], limit, proposed);
      // If the download is abandoned while this runs, nobody awaits it: its failure must not go unhandled.
      pending.catch(() => {});
    }
    const out: CsvRow[] = [];
    for (const row of rows) {
      let state = states.get(row.commitment_id);
      if (!state) states.set(row.commitment_id, (state = new StatusReplay()));
      const previous = state.previous(row.party_id);
      const withdrawnAt = row.withdrawn_at === null ? null : new Date(row.withdrawn_at);
      // A proposal never counts (docs/decisions/018-review.md).
      const counts = row.review === null && countsForStatus({ kind: row.kind, withdrawnAt });
      state.record(row.party_id, row.status, counts);
      if (from && row.observed_on < from) continue;
      if (filters.status && row.status !== filters.status) continue;
      if (parties && row.party_id !== null && !parties.has(row.party_id)) continue;
      out.push(toCells(row, previous, proposed));
    }
    if (out.length) yield out;
    if (!more) return;
  }
}

/** How many rows updates.csv has for these filters. */
export async function countUpdateReport(
  client: Queryable,
  filters: ReportFilters,
  options: { now?: Date } = {},
): Promise<number> {
  const conditions = commitmentScope(filters, { dueWindow: false });
  conditions.push(Prisma.sql`su."observedOn" <= ${day(lastDay(filters, options.now))}`);
  if (filters.from) conditions.push(Prisma.sql`su."observedOn" >= ${day(filters.from)}`);
  if (filters.status) conditions.push(Prisma.sql`su.status = ${filters.status}::"CommitmentStatus"`);
  if (filters.party !== undefined) {
    conditions.push(Prisma.sql`(su."partyId" IS NULL OR ${inPartyTree(Prisma.sql`su."partyId"`)})`);
  }
  const [row] = await client.$queryRaw<{ count: number }[]>`
    ${withPartyTree(filters.party)}
    SELECT count(*)::int AS count
      FROM "StatusUpdate" su
      JOIN "Commitment" c ON c.id = su."commitmentId"
     WHERE ${and(conditions)}`;
  return row.count;
}
