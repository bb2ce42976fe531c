// Queries for commitments and their follow-up log. Read-only for now; the edit flows add their mutations here.
import { db } from '../db.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentPartyRole } from '../generated/prisma/enums.ts';
import { NotFoundError } from '../errors.ts';

export const COMMITMENTS_PAGE_SIZE = 25;

export type PartyRef = { id: number; name: string };

/** What a table row of commitments shows, whichever screen it is on. */
const commitmentRowSelect = {
  id: true,
  title: true,
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
  id: true,
  url: true,
  title: true,
  originalTitle: true,
  language: true,
  publishedOn: true,
  excerpt: true,
  reliability: true,
  credibility: true,
  type: true,
  outlet: { select: { id: true, name: true } },
} satisfies Prisma.EvidenceSelect;

export type EvidenceItem = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

const commitmentDetailSelect = {
  id: true,
  title: true,
  description: true,
  dueOn: true,
  status: true,
  statusSince: true,
  lastEvidenceOn: true,
  archivedAt: true,
  agreement: { select: { id: true, title: true } },
  category: { select: { name: true } },
  parties: {
    select: { role: true, party: { select: { id: true, name: true } } },
    orderBy: { party: { name: 'asc' } },
  },
  reciprocalOf: { select: { id: true, title: true } },
  reciprocatedBy: { select: { id: true, title: true } },
  statusUpdates: {
    select: {
      id: true,
      status: true,
      reason: true,
      observedOn: true,
      createdAt: true,
      party: { select: { id: true, name: true } },
      evidence: { select: { id: true, title: true } },
    },
    // Newest news first: the reverse of compareUpdates in lib/domain/status.ts (observedOn, then createdAt, then
    // id), done in SQL on the (commitmentId, observedOn, createdAt) index; tests/screen-queries.test.ts checks
    // that the two agree.
    orderBy: [{ observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
  },
} satisfies Prisma.CommitmentSelect;

type CommitmentDetailPayload = Prisma.CommitmentGetPayload<{ select: typeof commitmentDetailSelect }>;

function partiesWithRole(parties: CommitmentDetailPayload['parties'], role: CommitmentPartyRole): PartyRef[] {
  return parties.filter((entry) => entry.role === role).map(({ party }) => party);
}

/**
 * One commitment with everything its page shows: facts, parties by role, the reciprocal commitment (whichever
 * side of the pair this is), its status history newest first, and the evidence its updates cite.
 */
export async function getCommitmentOrThrow(id: number) {
  const [commitment, evidence] = await Promise.all([
    db.commitment.findUnique({ where: { id }, select: commitmentDetailSelect }),
    listCommitmentEvidence(id),
  ]);
  if (!commitment) throw new NotFoundError('commitment');
  const { parties, reciprocalOf, reciprocatedBy, ...rest } = commitment;
  return {
    ...rest,
    responsibleParties: partiesWithRole(parties, 'responsible'),
    beneficiaryParties: partiesWithRole(parties, 'beneficiary'),
    reciprocal: reciprocalOf ?? reciprocatedBy,
    evidence,
  };
}

export type CommitmentDetail = Awaited<ReturnType<typeof getCommitmentOrThrow>>;

/** The evidence cited by a commitment's status updates, each item once, newest publication first (undated last). */
export async function listCommitmentEvidence(commitmentId: number): Promise<EvidenceItem[]> {
  return db.evidence.findMany({
    where: { statusUpdates: { some: { commitmentId } } },
    select: evidenceSelect,
    orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  });
}
