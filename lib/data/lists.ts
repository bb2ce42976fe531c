// The filtered, sorted, paginated lists of commitments and agreements. Filters come from the URL
// (lib/validation/filters.ts) and are all applied in SQL; a page costs a fixed number of statements: one for the
// page of ids and the total, one for the rows' columns, one for status and attention flags (today or as of a day).
//
// Text search is ILIKE on title and description (summary and place for agreements). At 10,000 commitments a
// sequential scan of those columns is a few milliseconds; past that, a pg_trgm GIN index would serve the same
// ILIKE (see the report to the lead).
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type {
  AgreementKind,
  CommitmentStatus,
  CommitmentStrength,
  DatePrecision,
} from '../generated/prisma/enums.ts';
import type { AttentionFlag } from '../domain/attention.ts';
import type { AgreementListFilters, CommitmentListFilters, SortDirection } from '../validation/filters.ts';
import { attentionSql, getCommitmentStates } from './attention.ts';
import { and, commitmentScope, day, inPartyTree, withPartyTree } from './sql.ts';

const COMMITMENT_LIST_PAGE_SIZE = 25;
const AGREEMENT_LIST_PAGE_SIZE = 20;

export type ListPage<T> = { items: T[]; total: number; page: number; pageCount: number; pageSize: number };

/** `q` as an ILIKE pattern matching it anywhere, with its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Runs a page query (`LIMIT`/`OFFSET` appended by the caller's function) and, when the page is past the end (a
 * stale link), the last page instead. Rows carry the total as `total` (count(*) OVER ()).
 */
async function pageOf<T extends { total: bigint }>(
  page: number,
  pageSize: number,
  run: (limit: number, offset: number) => Promise<T[]>,
): Promise<{ rows: T[]; total: number; page: number; pageCount: number }> {
  let current = Math.max(1, page);
  let rows = await run(pageSize, (current - 1) * pageSize);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && current > 1) {
    const probe = await run(1, 0);
    total = probe.length ? Number(probe[0].total) : 0;
    current = Math.max(1, Math.ceil(total / pageSize));
    rows = total ? await run(pageSize, (current - 1) * pageSize) : [];
  }
  return { rows, total, page: current, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

// ---- commitments -----------------------------------------------------------------------------------------

export type CommitmentListRow = {
  id: number;
  title: string;
  strength: CommitmentStrength;
  dueOn: Date | null;
  agreement: { id: number; title: string };
  category: { id: number; name: string };
  responsibleParties: { id: number; name: string }[];
  /** Today's status, or as of the filters' `asOf`. */
  status: CommitmentStatus;
  statusSince: Date | null;
  lastEvidenceOn: Date | null;
  flags: AttentionFlag[];
};

function direction(dir: SortDirection | undefined, natural: SortDirection): Prisma.Sql {
  return (dir ?? natural) === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
}

function commitmentOrder(filters: CommitmentListFilters, state: { status: Prisma.Sql; since: Prisma.Sql }) {
  const { sort, dir } = filters;
  switch (sort) {
    case 'due':
      return Prisma.sql`c."dueOn" ${direction(dir, 'asc')} NULLS LAST, c.id ASC`;
    case 'status':
      // Enum order is the order of the scale (no evidence … broken); within a status, the longest-held first.
      return Prisma.sql`${state.status} ${direction(dir, 'asc')}, ${state.since} ASC NULLS LAST, c.id ASC`;
    case 'since':
      return Prisma.sql`${state.since} ${direction(dir, 'asc')} NULLS LAST, c.id ASC`;
    case 'title':
      return Prisma.sql`c.title ${direction(dir, 'asc')}, c.id ASC`;
    case 'agreement':
    default:
      // Newest agreement first, its commitments in the order they were entered (the order of the overview table).
      return Prisma.sql`c."agreementId" ${direction(dir, 'desc')}, c.id ASC`;
  }
}

/**
 * The SQL conditions for the commitment filters: the scope the reports share (lib/data/sql.ts commitmentScope),
 * then the list's own; `sql.status` is the status column (cached or as of a day). The API's list (lib/api) uses
 * them too.
 */
export function commitmentConditions(
  filters: CommitmentListFilters,
  sql: ReturnType<typeof attentionSql>,
): Prisma.Sql[] {
  const conditions = commitmentScope(filters);
  if (filters.status) conditions.push(Prisma.sql`${sql.status} = ${filters.status}::"CommitmentStatus"`);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(Prisma.sql`(c.title ILIKE ${pattern} OR c.description ILIKE ${pattern})`);
  }
  if (filters.overdue) conditions.push(sql.flags.overdue);
  if (filters.attention === 'any') conditions.push(sql.any);
  else if (filters.attention) conditions.push(sql.flags[filters.attention]);
  return conditions;
}

/**
 * Live commitments matching the filters, sorted and paginated in SQL. Status, status filter and sort, and the
 * attention flags are as of `filters.asOf` when it is set (from history), otherwise today's (from the cache).
 */
export async function listCommitmentsFiltered(
  filters: CommitmentListFilters,
  options: { pageSize?: number; today?: Date; staleAfterDays?: number } = {},
): Promise<ListPage<CommitmentListRow>> {
  const pageSize = options.pageSize ?? COMMITMENT_LIST_PAGE_SIZE;
  const attention = { asOf: filters.asOf, today: options.today, staleAfterDays: options.staleAfterDays };
  const sql = attentionSql(attention);
  // Today, status and since are cached columns; the lateral joins are only needed for history (as of a day) and
  // for the flags, so a list that filters on neither never pays for them.
  const needsFlags = filters.overdue || filters.attention !== undefined;
  const state = filters.asOf
    ? { joins: sql.joins, status: sql.status, since: sql.since }
    : {
        joins: needsFlags ? sql.joins : Prisma.empty,
        status: Prisma.sql`c.status`,
        since: Prisma.sql`c."statusSince"`,
      };
  const cte = withPartyTree(filters.party);
  const where = and(commitmentConditions(filters, { ...sql, status: state.status }));
  const order = commitmentOrder(filters, state);

  const { rows, total, page, pageCount } = await pageOf(
    filters.page,
    pageSize,
    (limit, offset) =>
      db.$queryRaw<{ id: number; total: bigint }[]>`
      ${cte}
      SELECT c.id, count(*) OVER () AS total
        FROM "Commitment" c
        ${state.joins}
       WHERE ${where}
       ORDER BY ${order}
       LIMIT ${limit} OFFSET ${offset}`,
  );
  const ids = rows.map((row) => row.id);
  const [details, states] = await Promise.all([
    db.commitment.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        title: true,
        strength: true,
        dueOn: true,
        agreement: { select: { id: true, title: true } },
        category: { select: { id: true, name: true } },
        parties: {
          where: { role: 'responsible' },
          select: { party: { select: { id: true, name: true } } },
          orderBy: { party: { name: 'asc' } },
        },
      },
    }),
    getCommitmentStates(ids, attention),
  ]);
  const byId = new Map(details.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    const current = states.get(id);
    if (!row || !current) return []; // deleted between the two statements
    const { parties, ...rest } = row;
    return [
      {
        ...rest,
        responsibleParties: parties.map(({ party }) => party),
        status: current.status,
        statusSince: current.since,
        lastEvidenceOn: current.lastEvidenceOn,
        flags: current.flags,
      },
    ];
  });
  return { items, total, page, pageCount, pageSize };
}

// ---- agreements ------------------------------------------------------------------------------------------

export type AgreementListRow = {
  id: number;
  title: string;
  kind: AgreementKind;
  concludedOn: Date | null;
  concludedPrecision: DatePrecision;
  place: string | null;
  parties: { id: number; name: string }[];
  commitmentCount: number;
  /** Live commitments per current status (only statuses that occur). */
  statusCounts: Partial<Record<CommitmentStatus, number>>;
};

function agreementOrder(filters: AgreementListFilters): Prisma.Sql {
  const { sort, dir } = filters;
  switch (sort) {
    case 'title':
      return Prisma.sql`a.title ${direction(dir, 'asc')}, a.id DESC`;
    case 'commitments':
      return Prisma.sql`(SELECT count(*) FROM "Commitment" c WHERE c."agreementId" = a.id AND c."archivedAt" IS NULL)
        ${direction(dir, 'desc')}, a.id DESC`;
    case 'concluded':
    default:
      // Most recently concluded first; unknown dates after the dated ones either way.
      return Prisma.sql`a."concludedOn" ${direction(dir, 'desc')} NULLS LAST, a.id DESC`;
  }
}

/**
 * The agreement list's conditions on `a` (the list and the API's list use them); `party` needs
 * withPartyTree(filters.party) ahead of the query.
 */
export function agreementConditions(
  filters: Omit<AgreementListFilters, 'sort' | 'dir' | 'page'>,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`a."archivedAt" IS NULL`];
  if (filters.party !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "AgreementParty" ap WHERE ap."agreementId" = a.id AND ${inPartyTree(Prisma.sql`ap."partyId"`)})`);
  }
  if (filters.status || filters.category !== undefined) {
    const commitmentConditions = [Prisma.sql`c."agreementId" = a.id`, Prisma.sql`c."archivedAt" IS NULL`];
    if (filters.status)
      commitmentConditions.push(Prisma.sql`c.status = ${filters.status}::"CommitmentStatus"`);
    if (filters.category !== undefined)
      commitmentConditions.push(Prisma.sql`c."categoryId" = ${filters.category}::int`);
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Commitment" c WHERE ${and(commitmentConditions)})`);
  }
  if (filters.kind) conditions.push(Prisma.sql`a.kind = ${filters.kind}::"AgreementKind"`);
  if (filters.from) conditions.push(Prisma.sql`a."concludedOn" >= ${day(filters.from)}`);
  if (filters.to) conditions.push(Prisma.sql`a."concludedOn" <= ${day(filters.to)}`);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(
      Prisma.sql`(a.title ILIKE ${pattern} OR a.summary ILIKE ${pattern} OR a.place ILIKE ${pattern})`,
    );
  }
  return conditions;
}

/** Live agreements matching the filters, sorted and paginated in SQL, with a status breakdown of each. */
export async function listAgreementsFiltered(
  filters: AgreementListFilters,
  options: { pageSize?: number } = {},
): Promise<ListPage<AgreementListRow>> {
  const pageSize = options.pageSize ?? AGREEMENT_LIST_PAGE_SIZE;
  const conditions = agreementConditions(filters);
  const cte = withPartyTree(filters.party);

  const { rows, total, page, pageCount } = await pageOf(
    filters.page,
    pageSize,
    (limit, offset) =>
      db.$queryRaw<{ id: number; total: bigint }[]>`
      ${cte}
      SELECT a.id, count(*) OVER () AS total
        FROM "Agreement" a
       WHERE ${and(conditions)}
       ORDER BY ${agreementOrder(filters)}
       LIMIT ${limit} OFFSET ${offset}`,
  );
  const ids = rows.map((row) => row.id);
  const [details, counts] = await Promise.all([
    db.agreement.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        title: true,
        kind: true,
        concludedOn: true,
        concludedPrecision: true,
        place: true,
        parties: {
          select: { party: { select: { id: true, name: true } } },
          orderBy: { party: { name: 'asc' } },
        },
      },
    }),
    db.commitment.groupBy({
      by: ['agreementId', 'status'],
      where: { agreementId: { in: ids }, archivedAt: null },
      _count: { _all: true },
    }),
  ]);
  const byId = new Map(details.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const statusCounts: Partial<Record<CommitmentStatus, number>> = {};
    let commitmentCount = 0;
    for (const group of counts) {
      if (group.agreementId !== id) continue;
      statusCounts[group.status] = group._count._all;
      commitmentCount += group._count._all;
    }
    return [{ ...row, parties: row.parties.map(({ party }) => party), commitmentCount, statusCounts }];
  });
  return { items, total, page, pageCount, pageSize };
}

// ---- filter choices --------------------------------------------------------------------------------------

export type FilterOption = { id: number; name: string; depth?: number };

/**
 * The live categories, for the list filters (a short list, offered whole). Agreements, parties and outlets, whose
 * lists grow, are searched as the analyst types (components/filters/record-filters.tsx).
 */
export async function listFilterCategories(): Promise<FilterOption[]> {
  return db.category.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true },
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
  });
}
