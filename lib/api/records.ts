import 'server-only';
// The plain lists and records of /api/v1 (agreements, parties, people, outlets, evidence, status updates): Prisma
// reads in id order a page at a time (lib/api/pagination.ts), archived records left out of lists. Days are
// YYYY-MM-DD, as in the CSV reports.
import * as z from 'zod';
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { formatDay } from '../domain/dates.ts';
import { agreementConditions } from '../data/lists.ts';
import { outletWhere } from '../data/outlets.ts';
import { and, withPartyTree } from '../data/sql.ts';
import type { AgreementListFilters } from '../validation/filters.ts';
import type { outletListFiltersSchema, partyListFiltersSchema, personListFiltersSchema } from './filters.ts';
import { takePage, type PageRequest } from './pagination.ts';

type Page = PageRequest<number>;

function dayOrNull(value: Date | null): string | null {
  return value ? formatDay(value) : null;
}

function keyset(page: Page) {
  return {
    where: { id: { gt: page.after ?? 0 } },
    orderBy: { id: 'asc' as const },
    take: page.limit + 1,
  };
}

const agreementSelect = {
  id: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  summary: true,
  version: true,
  archivedAt: true,
  parties: { select: { role: true, party: { select: { id: true, name: true } } } },
} as const;

type AgreementRow = Awaited<
  ReturnType<typeof db.agreement.findMany<{ select: typeof agreementSelect }>>
>[number];

function toAgreement({ parties, concludedOn, ...row }: AgreementRow) {
  return {
    ...row,
    concludedOn: dayOrNull(concludedOn),
    parties: parties.map(({ role, party }) => ({ ...party, role })),
  };
}

/** Live agreements matching the agreement list's filters (lib/data/lists.ts agreementConditions), in id order. */
export async function listApiAgreements(page: Page, filters: AgreementListFilters) {
  const ids = await db.$queryRaw<{ id: number }[]>`
    ${withPartyTree(filters.party)}
    SELECT a.id FROM "Agreement" a
     WHERE ${and([...agreementConditions(filters), Prisma.sql`a.id > ${page.after ?? 0}::int`])}
     ORDER BY a.id
     LIMIT ${page.limit + 1}`;
  const rows = await db.agreement.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    orderBy: { id: 'asc' },
    select: agreementSelect,
  });
  return takePage(rows.map(toAgreement), page.limit);
}

export async function getApiAgreement(id: number) {
  const row = await db.agreement.findUnique({ where: { id }, select: agreementSelect });
  return row && toAgreement(row);
}

const partySelect = {
  id: true,
  name: true,
  shortName: true,
  kind: true,
  countryCode: true,
  parentId: true,
  version: true,
} as const;

// The app has no searched list of parties or people (its pages list them all), so these conditions are the API's.
const contains = (text: string) => ({ contains: text, mode: 'insensitive' as const });

function partyWhere({ q, kind, parent }: z.output<typeof partyListFiltersSchema>): Prisma.PartyWhereInput {
  return {
    ...(q ? { OR: [{ name: contains(q) }, { shortName: contains(q) }] } : {}),
    ...(kind ? { kind } : {}),
    ...(parent ? { parentId: parent } : {}),
  };
}

function personWhere({ q, party }: z.output<typeof personListFiltersSchema>): Prisma.PersonWhereInput {
  return {
    ...(q ? { OR: [{ name: contains(q) }, { title: contains(q) }] } : {}),
    ...(party ? { partyId: party } : {}),
  };
}

export async function listApiParties(page: Page, filters: z.output<typeof partyListFiltersSchema>) {
  const { where, ...rest } = keyset(page);
  const rows = await db.party.findMany({
    ...rest,
    where: { ...where, archivedAt: null, ...partyWhere(filters) },
    select: partySelect,
  });
  return takePage(rows, page.limit);
}

export async function getApiParty(id: number) {
  return db.party.findUnique({ where: { id }, select: { ...partySelect, archivedAt: true } });
}

const personSelect = { id: true, name: true, title: true, partyId: true, version: true } as const;

export async function listApiPeople(page: Page, filters: z.output<typeof personListFiltersSchema>) {
  const { where, ...rest } = keyset(page);
  const rows = await db.person.findMany({
    ...rest,
    where: { ...where, archivedAt: null, ...personWhere(filters) },
    select: personSelect,
  });
  return takePage(rows, page.limit);
}

const outletSelect = {
  id: true,
  name: true,
  website: true,
  defaultReliability: true,
  version: true,
} as const;

export async function listApiOutlets(page: Page, filters: z.output<typeof outletListFiltersSchema>) {
  const { where, ...rest } = keyset(page);
  const rows = await db.outlet.findMany({
    ...rest,
    where: { ...where, ...outletWhere({ q: filters.q }) },
    select: outletSelect,
  });
  return takePage(rows, page.limit);
}

const evidenceSelect = {
  id: true,
  url: true,
  title: true,
  originalTitle: true,
  language: true,
  publishedOn: true,
  reliability: true,
  credibility: true,
  type: true,
  version: true,
  outlet: { select: { id: true, name: true } },
} as const;

type EvidenceRow = Awaited<
  ReturnType<typeof db.evidence.findMany<{ select: typeof evidenceSelect }>>
>[number];

function toEvidence(row: EvidenceRow) {
  return { ...row, publishedOn: dayOrNull(row.publishedOn) };
}

export async function listApiEvidence(page: Page, filter: { outlet?: number }) {
  const { where, ...rest } = keyset(page);
  const rows = await db.evidence.findMany({
    ...rest,
    where: { ...where, ...(filter.outlet ? { outletId: filter.outlet } : {}) },
    select: evidenceSelect,
  });
  return takePage(rows.map(toEvidence), page.limit);
}

export async function getApiEvidence(id: number) {
  const row = await db.evidence.findUnique({ where: { id }, select: evidenceSelect });
  return row && toEvidence(row);
}

const statusUpdateSelect = {
  id: true,
  commitmentId: true,
  partyId: true,
  kind: true,
  status: true,
  reason: true,
  evidenceId: true,
  evidenceType: true,
  adoptsProposal: true,
  observedOn: true,
  observedPrecision: true,
  supersedesId: true,
  withdrawnAt: true,
  createdAt: true,
} as const;

/** Status updates, withdrawn ones too (marked by `withdrawnAt`): a client mirroring history needs both. */
export async function listApiStatusUpdates(page: Page, filter: { commitment?: number; agreement?: number }) {
  const { where, ...rest } = keyset(page);
  const rows = await db.statusUpdate.findMany({
    ...rest,
    where: {
      ...where,
      ...(filter.commitment ? { commitmentId: filter.commitment } : {}),
      ...(filter.agreement ? { commitment: { agreementId: filter.agreement } } : {}),
    },
    select: statusUpdateSelect,
  });
  return takePage(
    rows.map((row) => ({ ...row, observedOn: formatDay(row.observedOn) })),
    page.limit,
  );
}
