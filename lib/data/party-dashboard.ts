// Queries for parties seen as actors: compliance per party (G20-style, lib/domain/compliance.ts) and the
// commitments a party (and the parties under it) is responsible for or benefits from, across agreements.
// Everything is a few set-based statements over the status cache (CommitmentPartyStatus), never a query per row.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus, CommitmentStrength, PartyKind } from '../generated/prisma/enums.ts';
import { complianceFromTotals, type Compliance } from '../domain/compliance.ts';
import { formatDay, today as todayUtc } from '../domain/dates.ts';
import type { AttentionFlag } from '../domain/attention.ts';
import { NotFoundError } from '../errors.ts';
import { getAttentionFlags } from './attention.ts';
import { countsInComplianceSql, scoreSql, statusAsOfJoins, statusAsOfSql } from './compliance-sql.ts';
import { day, inPartyTree, partyTree } from './sql.ts';

/** Today from the status cache (`today` defaults to the current UTC day), or as of a day from history. */
export type ComplianceOptions = { asOf?: Date | null; today?: Date };

/**
 * Per party: how many live commitments it is responsible for that count in compliance (not an unadopted
 * proposal, lib/domain/compliance.ts countsInCompliance), how many of those are scored (have evidence) and the sum
 * of their scores, from its per-party status: cached (today) or as of the day. Restricted to the members of
 * `party_tree`.
 */
function perParty({ asOf, today }: ComplianceOptions): Prisma.Sql {
  const on = day(asOf ?? today ?? todayUtc());
  const status = asOf
    ? statusAsOfSql(Prisma.sql`cp."commitmentId"`, on, Prisma.sql`cp."partyId"`)
    : Prisma.sql`ps.status`;
  const cached = asOf
    ? Prisma.empty
    : Prisma.sql`LEFT JOIN "CommitmentPartyStatus" ps
        ON ps."commitmentId" = cp."commitmentId" AND ps."partyId" = cp."partyId"`;
  return Prisma.sql`
  per_party AS (
    SELECT s.party_id, count(*) AS n, count(s.score) AS scored, coalesce(sum(s.score), 0) AS total
      FROM (
        SELECT cp."partyId" AS party_id, ${scoreSql(status)} AS score
          FROM "CommitmentParty" cp
          JOIN "Commitment" c ON c.id = cp."commitmentId" AND c."archivedAt" IS NULL
          ${cached}
         WHERE cp.role = 'responsible' AND ${inPartyTree(Prisma.sql`cp."partyId"`)}
           AND ${countsInComplianceSql('c', on)}
      ) s
     GROUP BY s.party_id
  )`;
}

export type PartyCompliance = {
  /** Commitments the party itself is responsible for. */
  own: Compliance & { commitments: number };
  /** The same over the party and every party under it (each responsibility counted once). */
  withSubParties: Compliance & { commitments: number };
};

type ComplianceRow = {
  party_id: number;
  own_count: bigint;
  own_scored: bigint;
  own_total: bigint;
  all_count: bigint;
  all_scored: bigint;
  all_total: bigint;
};

const NO_COMPLIANCE: PartyCompliance = {
  own: { ...complianceFromTotals(0, 0), commitments: 0 },
  withSubParties: { ...complianceFromTotals(0, 0), commitments: 0 },
};

/**
 * Compliance per party, in one GROUP BY: of the live commitments each party is responsible for, scored by its
 * per-party status (fulfilled +1; partially fulfilled, in progress 0; not started, stalled, broken -1; no
 * evidence left out), today's or as of `options.asOf`; proposals count only once adopted. Parties without
 * responsibilities get zero counts and a null percentage.
 * With `partyIds`, only those parties (their sub-parties still count towards `withSubParties`).
 */
export async function getComplianceByParty(
  partyIds?: readonly number[],
  options: ComplianceOptions = {},
): Promise<Map<number, PartyCompliance>> {
  // Aggregated per party first, then summed up each tree: the same counts as joining every responsibility to
  // every ancestor, at the cost of one pass over the responsibilities.
  const rows = await db.$queryRaw<ComplianceRow[]>`
    WITH RECURSIVE ${partyTree(partyIds)}, ${perParty(options)}
    SELECT t.root AS party_id,
           coalesce(sum(pp.n) FILTER (WHERE t.member = t.root), 0)::bigint AS own_count,
           coalesce(sum(pp.scored) FILTER (WHERE t.member = t.root), 0)::bigint AS own_scored,
           coalesce(sum(pp.total) FILTER (WHERE t.member = t.root), 0)::bigint AS own_total,
           sum(pp.n)::bigint AS all_count,
           sum(pp.scored)::bigint AS all_scored,
           sum(pp.total)::bigint AS all_total
      FROM party_tree t
      JOIN per_party pp ON pp.party_id = t.member
     GROUP BY t.root`;
  const result = new Map<number, PartyCompliance>();
  for (const row of rows) {
    result.set(row.party_id, {
      own: {
        ...complianceFromTotals(Number(row.own_scored), Number(row.own_total)),
        commitments: Number(row.own_count),
      },
      withSubParties: {
        ...complianceFromTotals(Number(row.all_scored), Number(row.all_total)),
        commitments: Number(row.all_count),
      },
    });
  }
  return result;
}

export function complianceOrNone(map: Map<number, PartyCompliance>, partyId: number): PartyCompliance {
  return map.get(partyId) ?? NO_COMPLIANCE;
}

export type PartyListItem = {
  id: number;
  name: string;
  shortName: string | null;
  kind: PartyKind;
  countryCode: string | null;
  parentId: number | null;
  /** 0 for a top-level party, 1 for one under it, … (the list is in tree order). */
  depth: number;
  hasChildren: boolean;
  compliance: PartyCompliance;
};

/**
 * Live parties in tree order (each followed by the parties under it, names A–Z at every level), with their
 * compliance. Two statements whatever the number of parties.
 */
export async function listPartiesWithCompliance(options: ComplianceOptions = {}): Promise<PartyListItem[]> {
  const [parties, compliance] = await Promise.all([
    db.party.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true, shortName: true, kind: true, countryCode: true, parentId: true },
      orderBy: { name: 'asc' },
    }),
    getComplianceByParty(undefined, options),
  ]);
  const ids = new Set(parties.map((party) => party.id));
  const children = new Map<number | null, typeof parties>();
  for (const party of parties) {
    // A party whose parent is archived is shown at the top level rather than lost.
    const parent = party.parentId !== null && ids.has(party.parentId) ? party.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), party]);
  }
  const result: PartyListItem[] = [];
  const seen = new Set<number>();
  const visit = (party: (typeof parties)[number], depth: number) => {
    if (seen.has(party.id)) return;
    seen.add(party.id);
    result.push({
      ...party,
      depth,
      hasChildren: children.has(party.id),
      compliance: complianceOrNone(compliance, party.id),
    });
    for (const child of children.get(party.id) ?? []) visit(child, depth + 1);
  };
  for (const party of children.get(null) ?? []) visit(party, 0);
  // Parties caught in a parent cycle (a data error) have no top: list them rather than lose them.
  for (const party of parties) visit(party, 0);
  return result;
}

export type PartyRef = { id: number; name: string };

/** How many sub-parties, and how many people, a party's page lists at a time. */
const PARTY_LIST_PAGE_SIZE = 20;

/**
 * One party with the chain of parties above it (nearest last), and a page (`childrenPage`, `peoplePage`, of
 * `listSize`) of the parties directly under it and of its people, with their totals: a ministry of a large state
 * can have hundreds of agencies. A page past the end gives the last page.
 */
export async function getPartyOrThrow(
  id: number,
  {
    childrenPage = 1,
    peoplePage = 1,
    listSize = PARTY_LIST_PAGE_SIZE,
  }: { childrenPage?: number; peoplePage?: number; listSize?: number } = {},
) {
  const live = { archivedAt: null };
  const children = (page: number) => ({
    where: live,
    select: { id: true, name: true, shortName: true, kind: true },
    orderBy: { name: 'asc' as const },
    skip: (Math.max(1, page) - 1) * listSize,
    take: listSize,
  });
  const people = (page: number) => ({
    where: live,
    select: { id: true, name: true, title: true },
    orderBy: { name: 'asc' as const },
    skip: (Math.max(1, page) - 1) * listSize,
    take: listSize,
  });
  const party = await db.party.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      shortName: true,
      kind: true,
      countryCode: true,
      archivedAt: true,
      version: true,
      parentId: true,
      children: children(childrenPage),
      people: people(peoplePage),
      _count: { select: { children: { where: live }, people: { where: live } } },
    },
  });
  if (!party) throw new NotFoundError('party');
  const pageCount = (total: number) => Math.max(1, Math.ceil(total / listSize));
  const lastChildren = pageCount(party._count.children);
  const lastPeople = pageCount(party._count.people);
  // A stale link past the end: the last page instead (one more small query, only then).
  const [childrenItems, peopleItems, ancestors] = await Promise.all([
    childrenPage > lastChildren
      ? db.party.findMany({ ...children(lastChildren), where: { ...live, parentId: id } })
      : party.children,
    peoplePage > lastPeople
      ? db.person.findMany({ ...people(lastPeople), where: { ...live, partyId: id } })
      : party.people,
    db.$queryRaw<(PartyRef & { depth: number })[]>`
    WITH RECURSIVE up(id, name, "parentId", depth) AS (
      SELECT p.id, p.name, p."parentId", 1 FROM "Party" p WHERE p.id = ${party.parentId}::int
      UNION ALL
      SELECT p.id, p.name, p."parentId", up.depth + 1 FROM up JOIN "Party" p ON p.id = up."parentId"
       WHERE up.depth < 8
    )
    SELECT id, name, depth FROM up ORDER BY depth DESC`,
  ]);
  const { _count: counts, ...rest } = party;
  return {
    ...rest,
    children: childrenItems,
    people: peopleItems,
    childrenPage: {
      page: Math.min(Math.max(1, childrenPage), lastChildren),
      pageCount: lastChildren,
      total: counts.children,
    },
    peoplePage: {
      page: Math.min(Math.max(1, peoplePage), lastPeople),
      pageCount: lastPeople,
      total: counts.people,
    },
    ancestors: ancestors.map(({ id, name }) => ({ id, name })),
  };
}

const PARTY_COMMITMENTS_PAGE_SIZE = 25;

export type PartyCommitmentRow = {
  commitmentId: number;
  title: string;
  dueOn: Date | null;
  agreement: { id: number; title: string };
  category: string;
  strength: CommitmentStrength;
  /** The commitment's own (whole) status, today's or as of the day asked for. */
  status: CommitmentStatus;
  statusSince: Date | null;
  /** The party of the tree this row is about: the party itself, or one under it. */
  party: PartyRef;
  /** That party's own status on the commitment (responsibilities only; null for beneficiaries). */
  partyStatus: CommitmentStatus | null;
  partySince: Date | null;
  flags: AttentionFlag[];
};

type PartyCommitmentSqlRow = {
  commitment_id: number;
  title: string;
  due_on: Date | null;
  agreement_id: number;
  agreement_title: string;
  category: string;
  strength: CommitmentStrength;
  status: CommitmentStatus;
  status_since: Date | null;
  party_id: number;
  party_name: string;
  party_status: CommitmentStatus | null;
  party_since: Date | null;
  total: bigint;
};

/**
 * The live commitments a party, or any party under it, is responsible for (or, with role `beneficiary`, benefits
 * from), one row per (commitment, party), newest agreement first, paginated in SQL, with attention flags. Statuses
 * and flags are today's (from the cache) or, with `asOf`, as of that day (from history, three index probes per row
 * and status on the page's rows only).
 */
export async function listPartyCommitments(
  partyId: number,
  {
    role = 'responsible',
    page = 1,
    pageSize = PARTY_COMMITMENTS_PAGE_SIZE,
    asOf = null,
  }: { role?: 'responsible' | 'beneficiary'; page?: number; pageSize?: number; asOf?: Date | null } = {},
): Promise<{
  items: PartyCommitmentRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}> {
  const offset = (Math.max(1, page) - 1) * pageSize;
  // As of a day the statuses come from history, joined after the page is cut (the order never depends on them).
  const on = asOf ? day(asOf) : null;
  const state = on
    ? {
        joins: Prisma.sql`
          ${statusAsOfJoins({ commitment: Prisma.sql`pg.commitment_id`, day: on, name: 'cs' })}
          ${statusAsOfJoins({ commitment: Prisma.sql`pg.commitment_id`, day: on, party: Prisma.sql`pg.party_id`, name: 'pst' })}`,
        status: Prisma.sql`cs.status`,
        since: Prisma.sql`cs.since`,
        partyStatus: Prisma.sql`pst.status`,
        partySince: Prisma.sql`CASE WHEN pg.role = 'responsible' THEN pst.since END`,
      }
    : {
        joins: Prisma.sql`
          LEFT JOIN "CommitmentPartyStatus" ps
            ON ps."commitmentId" = pg.commitment_id AND ps."partyId" = pg.party_id`,
        status: Prisma.sql`pg.cached_status`,
        since: Prisma.sql`pg.cached_since`,
        partyStatus: Prisma.sql`coalesce(ps.status, 'no_evidence'::"CommitmentStatus")`,
        partySince: Prisma.sql`ps."statusSince"`,
      };
  const query = (limit: number, skip: number) => db.$queryRaw<PartyCommitmentSqlRow[]>`
    WITH RECURSIVE ${partyTree(partyId)},
    pg AS MATERIALIZED (
      SELECT c.id AS commitment_id, c.title, c."dueOn" AS due_on, c.strength, a.id AS agreement_id,
             a.title AS agreement_title, cat.name AS category, c.status AS cached_status,
             c."statusSince" AS cached_since, p.id AS party_id, p.name AS party_name, cp.role,
             count(*) OVER () AS total,
             row_number() OVER (ORDER BY a."concludedOn" DESC NULLS LAST, a.id DESC, c.id ASC,
                                          (p.id = t.root) DESC, p.name ASC) AS position
        FROM party_tree t
        JOIN "CommitmentParty" cp ON cp."partyId" = t.member AND cp.role = ${role}::"CommitmentPartyRole"
        JOIN "Commitment" c ON c.id = cp."commitmentId" AND c."archivedAt" IS NULL
        JOIN "Agreement" a ON a.id = c."agreementId"
        JOIN "Category" cat ON cat.id = c."categoryId"
        JOIN "Party" p ON p.id = cp."partyId"
       WHERE t.root = ${partyId}::int
       ORDER BY position
       LIMIT ${limit} OFFSET ${skip}
    )
    SELECT pg.commitment_id, pg.title, pg.due_on, pg.strength::text AS strength, pg.agreement_id,
           pg.agreement_title, pg.category, ${state.status}::text AS status, ${state.since} AS status_since,
           pg.party_id, pg.party_name,
           CASE WHEN pg.role = 'responsible' THEN ${state.partyStatus}::text END AS party_status,
           ${state.partySince} AS party_since, pg.total
      FROM pg
      ${state.joins}
     ORDER BY pg.position`;
  let rows = await query(pageSize, offset);
  let total = rows.length ? Number(rows[0].total) : 0;
  let current = Math.max(1, page);
  if (!rows.length && offset > 0) {
    // A stale link past the end: show the last page instead.
    const [probe] = await query(1, 0);
    total = probe ? Number(probe.total) : 0;
    current = Math.max(1, Math.ceil(total / pageSize));
    rows = total ? await query(pageSize, (current - 1) * pageSize) : [];
  }
  const flags = await getAttentionFlags(
    rows.map((row) => row.commitment_id),
    { asOf },
  );
  return {
    items: rows.map((row) => ({
      commitmentId: row.commitment_id,
      title: row.title,
      dueOn: row.due_on,
      agreement: { id: row.agreement_id, title: row.agreement_title },
      category: row.category,
      strength: row.strength,
      status: row.status,
      statusSince: row.status_since,
      party: { id: row.party_id, name: row.party_name },
      partyStatus: row.party_status,
      partySince: row.party_since,
      flags: flags.get(row.commitment_id) ?? [],
    })),
    total,
    page: current,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
  };
}

export type ComplianceAt = { day: Date; compliance: Compliance & { commitments: number } };

export type ComplianceOverTimeRow = { day: Date; n: bigint; scored: bigint; total: bigint };

/** The rows of a compliance-over-time GROUP BY, one per day asked for (zero where no row came back). */
export function complianceSeries(
  days: readonly Date[],
  rows: readonly ComplianceOverTimeRow[],
): ComplianceAt[] {
  const byDay = new Map(rows.map((row) => [formatDay(row.day), row]));
  return days.map((on) => {
    const row = byDay.get(formatDay(on));
    return {
      day: on,
      compliance: {
        ...complianceFromTotals(Number(row?.scored ?? 0), Number(row?.total ?? 0)),
        commitments: Number(row?.n ?? 0),
      },
    };
  });
}
