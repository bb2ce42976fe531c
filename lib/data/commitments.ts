// Commitments: the queries of the lists and pages, and the edit flows — create, edit (optimistic locking, see
// ./editing.ts), archive and unarchive — each in one transaction with its audit event. Mutations take the client
// last (default: the app's) so tests can pass their own.
import { db } from '../db.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentPartyRole } from '../generated/prisma/enums.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import { compareDays, formatDay } from '../domain/dates.ts';
import {
  isOccurrenceEvidence,
  occurrences,
  recurrenceOf,
  type Occurrence,
  type Recurrence,
  type Series,
} from '../domain/recurrence.ts';
import { countsForStatus, sortUpdates } from '../domain/status.ts';
import { effectiveEvidenceType } from '../domain/attention.ts';
import type {
  CommitmentFormValues,
  CommitmentInput,
  UpdateCommitmentInput,
} from '../validation/commitment.ts';
import type { ArchiveInput } from '../validation/editing.ts';
import { recordAudit } from './audit.ts';
import { archiveGuarded, checkPicks, guardedUpdate, text } from './editing.ts';
import { inIdOrder } from './in-id-order.ts';
import { refreshStatusCache } from './status-cache.ts';
import {
  CITED_ITEM_COLUMNS,
  citedItem,
  evidenceFieldsSelect,
  evidenceSummarySelect,
  followUpLogSelect,
  type CitedItemColumns,
} from './selects.ts';

import { COMMITMENTS_PAGE_SIZE } from './page-sizes.ts';

export type PartyRef = { id: number; name: string };

/** What a table row of commitments shows, whichever screen it is on. */
const commitmentRowSelect = {
  id: true,
  title: true,
  strength: true,
  status: true,
  statusSince: true,
  agreement: { select: { id: true, title: true } },
  category: { select: { name: true } },
  parties: {
    where: { role: 'responsible' },
    select: { party: { select: { id: true, name: true } } },
    orderBy: { party: { name: 'asc' } },
  },
} satisfies Prisma.CommitmentSelect;

type CommitmentRowPayload = Prisma.CommitmentGetPayload<{ select: typeof commitmentRowSelect }>;

function toCommitmentRow({ parties, ...row }: CommitmentRowPayload) {
  return { ...row, responsibleParties: parties.map(({ party }) => party) };
}

export type CommitmentRow = ReturnType<typeof toCommitmentRow>;

export type Page<T> = { items: T[]; page: number; pageCount: number; pageSize: number; total: number };

/** The requested page, moved back to the last page when it is past the end (a stale link after deletions). */
export function clampPage(
  page: number,
  total: number,
  pageSize: number,
): { page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, page), pageCount), pageCount };
}

export type CommitmentFilter = { agreementId?: number };

/** The SQL condition for live (not archived) commitments matching the filter; shared by lists and counts. */
export function commitmentWhere(filter: CommitmentFilter = {}): Prisma.CommitmentWhereInput {
  return {
    archivedAt: null,
    ...(filter.agreementId !== undefined ? { agreementId: filter.agreementId } : {}),
  };
}

/** Live commitments, newest agreement first and in the order they were entered within it. */
export async function listCommitments({
  page = 1,
  pageSize = COMMITMENTS_PAGE_SIZE,
  ...filter
}: CommitmentFilter & { page?: number; pageSize?: number } = {}): Promise<Page<CommitmentRow>> {
  const where = commitmentWhere(filter);
  const total = await db.commitment.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const rows = await db.commitment.findMany({
    where,
    select: commitmentRowSelect,
    orderBy: [{ agreementId: 'desc' }, { id: 'asc' }],
    skip: (clamped.page - 1) * pageSize,
    take: pageSize,
  });
  return { items: rows.map(toCommitmentRow), ...clamped, pageSize, total };
}

/** The commitments of one agreement, in the order they were entered. */
export async function listAgreementCommitments(agreementId: number): Promise<CommitmentRow[]> {
  const rows = await db.commitment.findMany({
    where: commitmentWhere({ agreementId }),
    select: commitmentRowSelect,
    orderBy: { id: 'asc' },
  });
  return rows.map(toCommitmentRow);
}

export const evidenceSelect = {
  ...evidenceFieldsSelect,
  outlet: { select: { id: true, name: true } },
} satisfies Prisma.EvidenceSelect;

export type EvidenceItem = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

/** What the page reads of the commitment itself: commitmentDetail's shape (tests/screen-queries.test.ts). */
export const commitmentDetailSelect = {
  id: true,
  title: true,
  description: true,
  dueOn: true,
  archivedAt: true,
  agreement: { select: { id: true, title: true } },
  category: { select: { name: true } },
  parties: {
    select: { role: true, party: { select: { id: true, name: true } } },
    orderBy: { party: { name: 'asc' } },
  },
  reciprocalOf: { select: { id: true, title: true } },
  reciprocatedBy: { select: { id: true, title: true } },
  strength: true,
  recurrenceMonths: true,
  recurrenceStartsOn: true,
} satisfies Prisma.CommitmentSelect;

type CommitmentDetailPayload = Prisma.CommitmentGetPayload<{ select: typeof commitmentDetailSelect }>;

function partiesWithRole(parties: CommitmentDetailPayload['parties'], role: CommitmentPartyRole): PartyRef[] {
  return parties.filter((entry) => entry.role === role).map(({ party }) => party);
}

/**
 * One commitment's facts as its page shows them: parties by role, the reciprocal commitment (whichever side of the
 * pair this is) and the evidence its updates cite. Status and history come from elsewhere
 * (lib/data/commitment-dashboard.ts: getCommitmentStates, listCommitmentHistory), so none are read here.
 */
export async function getCommitmentOrThrow(id: number) {
  const commitment = await commitmentDetail(id);
  if (!commitment) throw new NotFoundError('commitment');
  const { parties, reciprocalOf, reciprocatedBy, ...rest } = commitment;
  return {
    ...rest,
    responsibleParties: partiesWithRole(parties, 'responsible'),
    beneficiaryParties: partiesWithRole(parties, 'beneficiary'),
    reciprocal: reciprocalOf ?? reciprocatedBy,
  };
}

/**
 * The commitment with its agreement, category, parties (by party name) and reciprocal pair, as Prisma's findUnique
 * with commitmentDetailSelect gives it, in one statement: Prisma read each relation in a statement of its own
 * (seven for every render of the page). tests/screen-queries.test.ts holds the two equal.
 */
export async function commitmentDetail(
  id: number,
  client: Pick<PrismaClient, '$queryRaw'> = db,
): Promise<CommitmentDetailPayload | null> {
  const [row] = await client.$queryRaw<
    {
      id: number;
      title: string;
      description: string | null;
      dueOn: Date | null;
      archivedAt: Date | null;
      strength: CommitmentDetailPayload['strength'];
      recurrenceMonths: number | null;
      recurrenceStartsOn: Date | null;
      agreementId: number;
      agreementTitle: string;
      categoryName: string;
      reciprocalOfId: number | null;
      reciprocalOfTitle: string | null;
      reciprocatedById: number | null;
      reciprocatedByTitle: string | null;
      parties: { role: CommitmentPartyRole; id: number; name: string }[];
    }[]
  >`
    SELECT c.id, c.title, c.description, c."dueOn", c."archivedAt", c.strength::text AS strength,
           c."recurrenceMonths", c."recurrenceStartsOn",
           a.id AS "agreementId", a.title AS "agreementTitle", cat.name AS "categoryName",
           ro.id AS "reciprocalOfId", ro.title AS "reciprocalOfTitle",
           rb.id AS "reciprocatedById", rb.title AS "reciprocatedByTitle",
           coalesce((SELECT json_agg(json_build_object('role', cp.role, 'id', p.id, 'name', p.name)
                                     ORDER BY p.name, p.id, cp.role)
                       FROM "CommitmentParty" cp JOIN "Party" p ON p.id = cp."partyId"
                      WHERE cp."commitmentId" = c.id), '[]') AS parties
      FROM "Commitment" c
      JOIN "Agreement" a ON a.id = c."agreementId"
      JOIN "Category" cat ON cat.id = c."categoryId"
      LEFT JOIN "Commitment" ro ON ro.id = c."reciprocalOfId"
      LEFT JOIN "Commitment" rb ON rb."reciprocalOfId" = c.id
     WHERE c.id = ${id}`;
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    dueOn: row.dueOn,
    archivedAt: row.archivedAt,
    agreement: { id: row.agreementId, title: row.agreementTitle },
    category: { name: row.categoryName },
    parties: row.parties.map((entry) => ({ role: entry.role, party: { id: entry.id, name: entry.name } })),
    reciprocalOf:
      row.reciprocalOfId === null ? null : { id: row.reciprocalOfId, title: row.reciprocalOfTitle! },
    reciprocatedBy:
      row.reciprocatedById === null ? null : { id: row.reciprocatedById, title: row.reciprocatedByTitle! },
    strength: row.strength,
    recurrenceMonths: row.recurrenceMonths,
    recurrenceStartsOn: row.recurrenceStartsOn,
  };
}

/** An evidence item a commitment's follow-ups cite, as the history carries it: enough to order and page the list. */
export type CitedEvidenceRef = { id: number; publishedOn: Date | null };

/**
 * The evidence items `history` cites, each once, in the evidence list's order: newest publication first, undated
 * last, then the higher id first. The page lists a few at a time (listEvidenceItems reads those), so the items'
 * own columns (the excerpt above all) are never read for the hundreds a long history cites.
 */
export function citedEvidence(history: readonly { evidence: CitedEvidenceRef | null }[]): CitedEvidenceRef[] {
  const byId = new Map<number, CitedEvidenceRef>();
  for (const entry of history) {
    if (entry.evidence && !byId.has(entry.evidence.id))
      byId.set(entry.evidence.id, { id: entry.evidence.id, publishedOn: entry.evidence.publishedOn });
  }
  return [...byId.values()].sort(
    (a, b) =>
      (b.publishedOn?.getTime() ?? -Infinity) - (a.publishedOn?.getTime() ?? -Infinity) || b.id - a.id,
  );
}

/**
 * The evidence items with these ids, with their outlets, in the order of `ids`: one statement (a findMany with
 * evidenceSelect read the outlets in a second one). tests/screen-queries.test.ts holds it equal to that findMany.
 */
export async function listEvidenceItems(ids: readonly number[]): Promise<EvidenceItem[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<
    (Omit<EvidenceItem, 'outlet'> & { outletId: number; outletName: string })[]
  >`
    SELECT e.id, e.url, e.title, e."originalTitle", e.language, e."publishedOn", e.excerpt,
           e.reliability::text AS reliability, e.credibility, e.type::text AS type,
           o.id AS "outletId", o.name AS "outletName"
      FROM "Evidence" e JOIN "Outlet" o ON o.id = e."outletId"
     WHERE e.id = ANY(${[...ids]}::int[])`;
  return inIdOrder(
    ids,
    rows.map((row) => ({
      id: row.id,
      url: row.url,
      title: row.title,
      originalTitle: row.originalTitle,
      language: row.language,
      publishedOn: row.publishedOn,
      excerpt: row.excerpt,
      reliability: row.reliability,
      credibility: row.credibility,
      type: row.type,
      outlet: { id: row.outletId, name: row.outletName },
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The follow-up log of one commitment, every row (counting or not), for its page

/**
 * What the page shows of each follow-up row: everything the timeline chart and the attention explanations need,
 * plus what a reader needs to
 * see how the row bears on the status: its kind, its own evidence type, adoption of a proposal, and correction or
 * retraction (which row it corrects, which row corrected it, when, by whom, why).
 */
export const historySelect = {
  ...followUpLogSelect,
  supersededBy: { select: { id: true } },
  evidence: { select: { ...evidenceSummarySelect, url: true, publishedOn: true } },
} satisfies Prisma.StatusUpdateSelect;

export type HistoryEntry = Prisma.StatusUpdateGetPayload<{ select: typeof historySelect }>;

/**
 * Every follow-up row of a commitment, oldest news first (compareUpdates order, on the news-order index):
 * assessments, corroborations and context rows, withdrawn ones included. Only `countsForStatus` rows decide a
 * status; the page filters with it.
 */
export async function listCommitmentHistory(
  commitmentId: number,
  client: Reader = db,
): Promise<HistoryEntry[]> {
  // One statement with its joins: as a findMany with historySelect, Prisma read the six relations in six more and
  // assembled the rows in JavaScript, most of a commitment page's CPU for a long history (489 rows: ~25 ms).
  // tests/screen-queries.test.ts holds the result equal to that findMany.
  const rows = await client.$queryRaw<HistoryRow[]>`
    SELECT su.id, su.status::text AS status, su.reason, su."observedOn", su."observedPrecision"::text AS "observedPrecision",
           su."observedFrom", su."createdAt", su."partyId", su.kind::text AS kind,
           su."evidenceType"::text AS "evidenceType", su."adoptsProposal", su."supersedesId", su."withdrawnAt",
           su."withdrawnReason", wb.name AS "withdrawnByName", p.name AS "partyName", au.name AS "authorName",
           su."originallyLoggedBy", su."originallyLoggedAt", sb.id AS "supersededById",
           ${CITED_ITEM_COLUMNS}, e."publishedOn" AS "evidencePublishedOn"
      FROM "StatusUpdate" su
      LEFT JOIN "User" wb ON wb.id = su."withdrawnById"
      LEFT JOIN "Party" p ON p.id = su."partyId"
      LEFT JOIN "User" au ON au.id = su."authorId"
      LEFT JOIN "StatusUpdate" sb ON sb."supersedesId" = su.id
      LEFT JOIN "Evidence" e ON e.id = su."evidenceId"
      LEFT JOIN "Outlet" o ON o.id = e."outletId"
     WHERE su."commitmentId" = ${commitmentId}
     ORDER BY su."observedFrom", su."observedOn", su."createdAt", su.id`;
  return sortUpdates(rows.map(historyEntry));
}

/** A row of listCommitmentHistory's statement: the follow-up's columns and its relations' flattened. */
type HistoryRow = Omit<HistoryEntry, 'withdrawnBy' | 'party' | 'author' | 'supersededBy' | 'evidence'> &
  CitedItemColumns & {
    withdrawnByName: string | null;
    partyName: string | null;
    authorName: string | null;
    supersededById: number | null;
    evidencePublishedOn: Date | null;
  };

function historyEntry(row: HistoryRow): HistoryEntry {
  // Field by field, not with rest and spread: objects of one shape, built in a fraction of the time (a long
  // history maps hundreds of rows of 28 columns on every render of the page).
  const cited = citedItem(row);
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    observedOn: row.observedOn,
    observedPrecision: row.observedPrecision,
    observedFrom: row.observedFrom,
    createdAt: row.createdAt,
    partyId: row.partyId,
    kind: row.kind,
    evidenceId: row.evidenceId,
    evidenceType: row.evidenceType,
    adoptsProposal: row.adoptsProposal,
    supersedesId: row.supersedesId,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    originallyLoggedBy: row.originallyLoggedBy,
    originallyLoggedAt: row.originallyLoggedAt,
    withdrawnBy: row.withdrawnByName === null ? null : { name: row.withdrawnByName },
    party: row.partyId === null ? null : { id: row.partyId, name: row.partyName! },
    author: row.authorName === null ? null : { name: row.authorName },
    supersededBy: row.supersededById === null ? null : { id: row.supersededById },
    // The cited item as the recent follow-ups show it, and its published day.
    evidence: cited && { ...cited, publishedOn: row.evidencePublishedOn },
  };
}

/** An expected occurrence of a recurring commitment with the follow-ups (and their evidence) that held it. */
type SeriesOccurrence = Occurrence & {
  evidence: { updateId: number; observedOn: Date; evidence: { id: number; title: string } | null }[];
};

export type RecurrenceSeries = Omit<Series, 'occurrences'> & {
  rule: Recurrence;
  occurrences: SeriesOccurrence[];
};

/**
 * A recurring commitment's series up to day `asOf` (lib/domain/recurrence.ts occurrences), from the rows of its
 * history that evidence an occurrence (isOccurrenceEvidence, with the row's effective evidence type) and whose fact
 * held by then. Null for a one-off commitment.
 */
export function recurrenceSeries(
  commitment: { recurrenceMonths: number | null; recurrenceStartsOn: Date | null },
  history: readonly HistoryEntry[],
  asOf: Date,
): RecurrenceSeries | null {
  const rule = recurrenceOf(commitment);
  if (!rule) return null;
  const rows = history.filter(
    (row) =>
      compareDays(row.observedOn, asOf) <= 0 &&
      isOccurrenceEvidence({ ...row, evidenceType: effectiveEvidenceType(row) }),
  );
  const series = occurrences(
    rule,
    rows.map((row) => row.observedOn),
    asOf,
  );
  return {
    ...series,
    rule,
    occurrences: series.occurrences.map((occurrence) => ({
      ...occurrence,
      evidence: rows
        .filter(
          (row) =>
            compareDays(row.observedOn, occurrence.from) >= 0 &&
            compareDays(row.observedOn, occurrence.to) <= 0,
        )
        .map((row) => ({
          updateId: row.id,
          observedOn: row.observedOn,
          evidence: row.evidence && { id: row.evidence.id, title: row.evidence.title },
        })),
    })),
  };
}

/** The counting row that records a proposal's adoption by day `asOf` (the earliest by its fact), or null. */
export function adoptionOf(history: readonly HistoryEntry[], asOf: Date): HistoryEntry | null {
  return (
    history.find(
      (row) => row.adoptsProposal && countsForStatus(row) && compareDays(row.observedOn, asOf) <= 0,
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Editing

type Tx = Prisma.TransactionClient;
type Reader = Tx | PrismaClient;

const commitmentEditSelect = {
  id: true,
  agreementId: true,
  title: true,
  description: true,
  categoryId: true,
  dueOn: true,
  strength: true,
  recurrenceMonths: true,
  recurrenceStartsOn: true,
  version: true,
  archivedAt: true,
  reciprocalOfId: true,
  reciprocatedBy: { select: { id: true } },
  parties: { select: { partyId: true, role: true }, orderBy: [{ role: 'asc' }, { partyId: 'asc' }] },
} satisfies Prisma.CommitmentSelect;

type CommitmentEditPayload = Prisma.CommitmentGetPayload<{ select: typeof commitmentEditSelect }>;

/** A commitment's own columns plus its parties by role and its reciprocal (whichever side holds the link). */
export type CommitmentRecord = Omit<
  CommitmentEditPayload,
  'reciprocalOfId' | 'reciprocatedBy' | 'parties'
> & {
  reciprocalId: number | null;
  responsiblePartyIds: number[];
  beneficiaryPartyIds: number[];
};

function toCommitmentRecord({ reciprocalOfId, reciprocatedBy, parties, ...row }: CommitmentEditPayload) {
  const idsWith = (role: CommitmentPartyRole) =>
    parties.filter((entry) => entry.role === role).map((entry) => entry.partyId);
  return {
    ...row,
    reciprocalId: reciprocalOfId ?? reciprocatedBy?.id ?? null,
    responsiblePartyIds: idsWith('responsible'),
    beneficiaryPartyIds: idsWith('beneficiary'),
  } satisfies CommitmentRecord;
}

/** Reads one commitment for editing or auditing, inside a transaction or not. */
export async function loadCommitmentRecord(client: Reader, id: number): Promise<CommitmentRecord | null> {
  const row = await client.commitment.findUnique({ where: { id }, select: commitmentEditSelect });
  return row && toCommitmentRecord(row);
}

export function commitmentFormValues(commitment: CommitmentRecord): CommitmentFormValues {
  return {
    id: String(commitment.id),
    version: String(commitment.version),
    agreementId: String(commitment.agreementId),
    title: commitment.title,
    description: text(commitment.description),
    categoryId: String(commitment.categoryId),
    responsiblePartyId: commitment.responsiblePartyIds.map(String),
    beneficiaryPartyId: commitment.beneficiaryPartyIds.map(String),
    dueOn: commitment.dueOn ? formatDay(commitment.dueOn) : '',
    reciprocalId: text(commitment.reciprocalId),
    strength: commitment.strength,
    recurrenceMonths: text(commitment.recurrenceMonths),
    recurrenceStartsOn: commitment.recurrenceStartsOn ? formatDay(commitment.recurrenceStartsOn) : '',
    archived: commitment.archivedAt !== null,
  };
}

/** The commitment as its edit form needs it, or null. */
export function getCommitmentForEdit(
  id: number,
  client: PrismaClient = db,
): Promise<CommitmentRecord | null> {
  return loadCommitmentRecord(client, id);
}

/** Everything the form picked must exist, and be live unless the commitment already points at it. */
async function checkCommitmentPicks(
  tx: Tx,
  input: CommitmentInput & { id?: number },
  current: CommitmentRecord | null,
): Promise<void> {
  const named = { select: { id: true, title: true, archivedAt: true } } as const;
  const agreement = await tx.agreement.findUnique({ where: { id: input.agreementId }, ...named });
  checkPicks({
    ids: [input.agreementId],
    found: agreement ? [{ ...agreement, name: agreement.title }] : [],
    keep: current ? [current.agreementId] : [],
    field: 'agreementId',
    noun: 'agreement',
  });
  const category = await tx.category.findUnique({
    where: { id: input.categoryId },
    select: { id: true, name: true, archivedAt: true },
  });
  checkPicks({
    ids: [input.categoryId],
    found: category ? [category] : [],
    keep: current ? [current.categoryId] : [],
    field: 'categoryId',
    noun: 'category',
  });
  const partyIds = [...new Set([...input.responsiblePartyId, ...input.beneficiaryPartyId])];
  const parties = await tx.party.findMany({
    where: { id: { in: partyIds } },
    select: { id: true, name: true, archivedAt: true },
  });
  for (const [field, ids, kept] of [
    ['responsiblePartyId', input.responsiblePartyId, current?.responsiblePartyIds],
    ['beneficiaryPartyId', input.beneficiaryPartyId, current?.beneficiaryPartyIds],
  ] as const) {
    checkPicks({ ids, found: parties, keep: kept ?? [], field, noun: 'party' });
  }
  if (input.reciprocalId !== null) {
    if (input.reciprocalId === input.id) {
      const message = 'A commitment cannot be its own reciprocal.';
      throw new RuleViolationError(message, { reciprocalId: [message] });
    }
    const reciprocal = await tx.commitment.findUnique({ where: { id: input.reciprocalId }, ...named });
    checkPicks({
      ids: [input.reciprocalId],
      found: reciprocal ? [{ ...reciprocal, name: reciprocal.title }] : [],
      keep: current?.reciprocalId ? [current.reciprocalId] : [],
      field: 'reciprocalId',
      noun: 'commitment',
    });
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y).join(',');
  return sorted(a) === sorted(b);
}

async function writeParties(tx: Tx, commitmentId: number, responsible: number[], beneficiary: number[]) {
  await tx.commitmentParty.deleteMany({ where: { commitmentId } });
  await tx.commitmentParty.createMany({
    data: [
      ...responsible.map((partyId) => ({ commitmentId, partyId, role: 'responsible' as const })),
      ...beneficiary.map((partyId) => ({ commitmentId, partyId, role: 'beneficiary' as const })),
    ],
  });
}

/**
 * Makes `id` and `target` (or nobody) a reciprocal pair. A pair is stored once — `reciprocalOfId` on one side,
 * unique — so each commitment has at most one reciprocal: both sides' previous partners are released first, and
 * the new link is stored on `id`. Every OTHER commitment whose reciprocal changes gets a new version (a form
 * open on it is now stale, and must not silently undo this) and its own audit event, in this transaction.
 */
async function pairReciprocal(
  tx: Tx,
  actorId: string,
  id: number,
  target: number | null,
  currentPartner: number | null,
): Promise<void> {
  if (target === currentPartner) return;
  const targetPartner =
    target === null ? null : ((await loadCommitmentRecord(tx, target))?.reciprocalId ?? null);
  const others = [...new Set([currentPartner, target, targetPartner])].filter(
    (other): other is number => other !== null && other !== id,
  );
  // Lock the rows in id order before reading them for the audit, so two re-pairings wait for each other.
  await tx.$queryRaw`SELECT id FROM "Commitment" WHERE id = ANY(${others}::int[]) ORDER BY id FOR NO KEY UPDATE`;
  const before = new Map<number, CommitmentRecord>();
  for (const other of others) before.set(other, (await loadCommitmentRecord(tx, other))!);

  const release = (a: number, b: number) =>
    tx.commitment.updateMany({
      where: {
        OR: [
          { id: a, reciprocalOfId: b },
          { id: b, reciprocalOfId: a },
        ],
      },
      data: { reciprocalOfId: null },
    });
  if (currentPartner !== null) await release(id, currentPartner);
  if (target !== null) {
    if (targetPartner !== null) await release(target, targetPartner);
    await tx.commitment.update({ where: { id }, data: { reciprocalOfId: target } });
  }

  for (const other of others) {
    await tx.commitment.update({ where: { id: other }, data: { version: { increment: 1 } } });
    await recordAudit(tx, {
      actorId,
      action: 'update',
      entityType: 'Commitment',
      entityId: other,
      before: before.get(other),
      after: await loadCommitmentRecord(tx, other),
    });
  }
}

/** The columns of strength and recurrence as the form gives them (the schema makes recurrence both or neither). */
function strengthAndRecurrence(input: CommitmentInput) {
  return {
    strength: input.strength,
    recurrenceMonths: input.recurrenceMonths,
    recurrenceStartsOn: input.recurrenceStartsOn,
  };
}

/** Creates the commitment with its parties (and reciprocal pairing) in one transaction. */
export async function createCommitment(
  input: CommitmentInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<CommitmentRecord> {
  return client.$transaction((tx) => createCommitmentIn(tx, input, actorId));
}

/** createCommitment inside a transaction of the caller's (an agreement created with its drafted commitments). */
export async function createCommitmentIn(
  tx: Tx,
  input: CommitmentInput,
  actorId: string,
): Promise<CommitmentRecord> {
  await checkCommitmentPicks(tx, input, null);
  const { id } = await tx.commitment.create({
    data: {
      agreementId: input.agreementId,
      title: input.title,
      description: input.description,
      categoryId: input.categoryId,
      dueOn: input.dueOn,
      ...strengthAndRecurrence(input),
    },
    select: { id: true },
  });
  await writeParties(tx, id, input.responsiblePartyId, input.beneficiaryPartyId);
  await pairReciprocal(tx, actorId, id, input.reciprocalId, null);
  const after = (await loadCommitmentRecord(tx, id))!;
  await recordAudit(tx, {
    actorId,
    action: 'create',
    entityType: 'Commitment',
    entityId: id,
    before: null,
    after,
  });
  return after;
}

/**
 * Saves the form if it was loaded at the current version (else EditConflictError with the current values).
 * A change of responsible parties refreshes the per-party status cache in the same transaction.
 */
export async function updateCommitment(
  input: UpdateCommitmentInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<CommitmentRecord> {
  const { id, version } = input;
  return client.$transaction(async (tx) => {
    const load = () => loadCommitmentRecord(tx, id);
    const current = await load();
    if (current && current.version === version) await checkCommitmentPicks(tx, input, current);
    const before = await guardedUpdate({
      what: 'commitment',
      version,
      load,
      formValues: commitmentFormValues,
      write: () =>
        tx.commitment.updateMany({
          where: { id, version },
          data: {
            agreementId: input.agreementId,
            title: input.title,
            description: input.description,
            categoryId: input.categoryId,
            dueOn: input.dueOn,
            ...strengthAndRecurrence(input),
            version: { increment: 1 },
          },
        }),
    });
    const responsibleChanged = !sameIds(before.responsiblePartyIds, input.responsiblePartyId);
    if (responsibleChanged || !sameIds(before.beneficiaryPartyIds, input.beneficiaryPartyId)) {
      await writeParties(tx, id, input.responsiblePartyId, input.beneficiaryPartyId);
    }
    if (responsibleChanged) await refreshStatusCache(tx, [id]);
    await pairReciprocal(tx, actorId, id, input.reciprocalId, before.reciprocalId);
    const after = (await load())!;
    await recordAudit(tx, {
      actorId,
      action: 'update',
      entityType: 'Commitment',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

async function setCommitmentArchived(
  input: ArchiveInput,
  archived: boolean,
  actorId: string,
  client: PrismaClient,
): Promise<CommitmentRecord> {
  return client.$transaction(async (tx) => {
    const { after } = await archiveGuarded(tx, {
      what: 'commitment',
      entityType: 'Commitment',
      input,
      archived,
      actorId,
      load: () => loadCommitmentRecord(tx, input.id),
      formValues: commitmentFormValues,
      write: (where, data) => tx.commitment.updateMany({ where, data }),
    });
    return after;
  });
}

/**
 * Takes the commitment out of lists, dashboards and pickers. Its history, evidence and reciprocal link stay, and
 * its page still shows them.
 */
export function archiveCommitment(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setCommitmentArchived(input, true, actorId, client);
}

export function unarchiveCommitment(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setCommitmentArchived(input, false, actorId, client);
}
