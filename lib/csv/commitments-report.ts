// commitments.csv: one row per live commitment, as the dashboards show it today, or as of a day.
//
// Everything is computed in SQL a page of commitments at a time, with the same expressions the dashboards use
// (lib/data/attention.ts attentionSql: status, since, newest news and the four attention flags, from the status
// cache today and from history as of a day), so the report says exactly what the screens say. Each commitment costs
// a few index probes, whatever the length of its history, and memory holds one page.
//
// As of day D:
// - status, status since, last evidence (the day the news the status rests on surely held by), per-party statuses
//   and flags come from the updates observed on or before D (lib/domain/status.ts: an update counts from its
//   observedOn, the day its fact surely held by), flags judged on D (lib/domain/attention.ts);
// - evidence count and the grades of the latest evidence count only evidence cited by those updates and published
//   on or before D (an item without a publication date counts from the day its update observed).
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus, DatePrecision } from '../generated/prisma/enums.ts';
import { ATTENTION_FLAGS, type AttentionFlag } from '../domain/attention.ts';
import { COMPLIANCE_SCORE } from '../domain/compliance.ts';
import { daysBetween } from '../domain/dates.ts';
import { attentionSql } from '../data/attention.ts';
import { statusAsOfSql } from '../data/compliance-sql.ts';
import { and, commitmentScope, day, newestFirst, newsUpdate, withPartyTree } from '../data/sql.ts';
import { booleanCell, dayCell, listCell, numberCell, partialDateCell, textCell } from './cells.ts';
import { reportDay, type ReportFilters } from './filters.ts';
import { afterKey, SCOPE_ORDER, type CommitmentKey, type Queryable } from './scope.ts';
import type { CsvRow } from './stream.ts';

const COMMITMENTS_PAGE_SIZE = 500;

export type CommitmentReportOptions = {
  /** Where the dashboards live, e.g. https://pactwatch.example.org (no trailing slash). */
  baseUrl: string;
  /** Defaults to now; "today" is its UTC day. */
  now?: Date;
  staleAfterDays?: number;
  pageSize?: number;
};

type Row = {
  id: number;
  title: string;
  due_on: Date | null;
  agreement_id: number;
  agreement_title: string;
  concluded_on: Date | null;
  concluded_precision: DatePrecision;
  category: string;
  status: CommitmentStatus;
  since: Date | null;
  last_on: Date | null;
  overdue: boolean;
  stale: boolean;
  contradicted: boolean;
  weak: boolean;
  evidence_count: number;
  latest_reliability: string | null;
  latest_credibility: number | null;
  responsible: string[];
  beneficiary: string[];
  party_statuses: string[];
  strength: string;
};

function reportSql(filters: ReportFilters, options: CommitmentReportOptions) {
  const asOf = filters.asOf ?? null;
  const state = attentionSql({
    asOf,
    today: reportDay(filters, options.now),
    staleAfterDays: options.staleAfterDays,
  });
  const conditions = commitmentScope(filters);
  if (filters.status) conditions.push(Prisma.sql`${state.status} = ${filters.status}::"CommitmentStatus"`);
  return { asOf, state, cte: withPartyTree(filters.party), where: and(conditions) };
}

function namesWithRole(role: 'responsible' | 'beneficiary'): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT p.name FROM "CommitmentParty" cp JOIN "Party" p ON p.id = cp."partyId"
     WHERE cp."commitmentId" = c.id AND cp.role = ${role}::"CommitmentPartyRole"
     ORDER BY p.name COLLATE "C", p.id)`;
}

/** "Party: status" for each responsible party: the cache today, history up to the day otherwise. */
function partyStatuses(asOf: Date | null): Prisma.Sql {
  const status = asOf
    ? Prisma.sql`${statusAsOfSql(Prisma.sql`cp."commitmentId"`, day(asOf), Prisma.sql`cp."partyId"`)}::text`
    : Prisma.sql`(SELECT ps.status::text FROM "CommitmentPartyStatus" ps
         WHERE ps."commitmentId" = cp."commitmentId" AND ps."partyId" = cp."partyId")`;
  return Prisma.sql`ARRAY(
    SELECT p.name || ': ' || coalesce(${status}, 'no_evidence')
      FROM "CommitmentParty" cp JOIN "Party" p ON p.id = cp."partyId"
     WHERE cp."commitmentId" = c.id AND cp.role = 'responsible'
     ORDER BY p.name COLLATE "C", p.id)`;
}

function evidenceJoins(asOf: Date | null): Prisma.Sql {
  const by = asOf
    ? Prisma.sql`AND su."observedOn" <= ${day(asOf)} AND (e."publishedOn" IS NULL OR e."publishedOn" <= ${day(asOf)})`
    : Prisma.empty;
  return Prisma.sql`
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT su."evidenceId")::int AS count
        FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id AND su."withdrawnAt" IS NULL ${by}
    ) ev
    LEFT JOIN LATERAL (
      SELECT e.reliability::text AS reliability, e.credibility::int AS credibility
        FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id AND ${newsUpdate('su')} ${by}
       ORDER BY ${newestFirst('su')} LIMIT 1
    ) le ON true`;
}

async function readPage(
  client: Queryable,
  filters: ReportFilters,
  options: CommitmentReportOptions,
  after: CommitmentKey | null,
  limit: number,
): Promise<Row[]> {
  const { asOf, state, cte, where } = reportSql(filters, options);
  return client.$queryRaw<Row[]>`
    ${cte}
    SELECT c.id, c.title, c."dueOn" AS due_on,
           a.id AS agreement_id, a.title AS agreement_title,
           a."concludedOn" AS concluded_on, a."concludedPrecision"::text AS concluded_precision,
           cat.name AS category,
           ${state.status}::text AS status, ${state.since} AS since, ${state.lastOn} AS last_on,
           ${state.flags.overdue} AS overdue, ${state.flags.stale} AS stale,
           ${state.flags.contradicted} AS contradicted, ${state.flags.weak} AS weak,
           ev.count AS evidence_count, le.reliability AS latest_reliability, le.credibility AS latest_credibility,
           ${namesWithRole('responsible')} AS responsible,
           ${namesWithRole('beneficiary')} AS beneficiary,
           ${partyStatuses(asOf)} AS party_statuses,
           c.strength::text AS strength
      FROM "Commitment" c
      JOIN "Agreement" a ON a.id = c."agreementId"
      JOIN "Category" cat ON cat.id = c."categoryId"
      ${state.joins}
      ${evidenceJoins(asOf)}
     WHERE ${where} AND ${afterKey(after)}
     ORDER BY ${SCOPE_ORDER}
     LIMIT ${limit}`;
}

function toCells(row: Row, reportOn: Date, baseUrl: string): CsvRow {
  const flags: AttentionFlag[] = ATTENTION_FLAGS.filter((flag) => row[flag]);
  return [
    textCell(row.agreement_title),
    partialDateCell(row.concluded_on, row.concluded_precision),
    textCell(row.title),
    textCell(row.category),
    listCell(row.responsible),
    listCell(row.beneficiary),
    row.status,
    dayCell(row.since),
    listCell(row.party_statuses),
    dayCell(row.last_on),
    numberCell(row.evidence_count),
    row.latest_reliability ?? '',
    numberCell(row.latest_credibility),
    dayCell(row.due_on),
    booleanCell(row.overdue),
    numberCell(row.last_on ? daysBetween(row.last_on, reportOn) : null),
    flags.join('; '),
    numberCell(COMPLIANCE_SCORE[row.status]),
    `${baseUrl}/commitments/${row.id}`,
    row.strength,
  ];
}

/** The rows of commitments.csv (without the header), a page at a time. */
export async function* commitmentReportRows(
  client: Queryable,
  filters: ReportFilters,
  options: CommitmentReportOptions,
): AsyncGenerator<CsvRow[]> {
  const pageSize = options.pageSize ?? COMMITMENTS_PAGE_SIZE;
  const reportOn = reportDay(filters, options.now);
  let after: CommitmentKey | null = null;
  for (;;) {
    const rows = await readPage(client, filters, options, after, pageSize);
    if (rows.length) yield rows.map((row) => toCells(row, reportOn, options.baseUrl));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = {
      agreementTitle: last.agreement_title,
      agreementId: last.agreement_id,
      title: last.title,
      id: last.id,
    };
  }
}

/** How many rows commitments.csv has for these filters. */
export async function countCommitmentReport(
  client: Queryable,
  filters: ReportFilters,
  options: Pick<CommitmentReportOptions, 'now' | 'staleAfterDays'> = {},
): Promise<number> {
  const { state, cte, where } = reportSql(filters, { ...options, baseUrl: '' });
  // The status joins are needed only to filter on the status.
  const joins = filters.status ? state.joins : Prisma.empty;
  const [row] = await client.$queryRaw<{ count: number }[]>`
    ${cte}
    SELECT count(*)::int AS count
      FROM "Commitment" c
      JOIN "Agreement" a ON a.id = c."agreementId"
      ${joins}
     WHERE ${where}`;
  return row.count;
}
