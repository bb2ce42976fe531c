// Queries for agreements: the paginated list and one agreement with its parties, people, sources and commitments.
import { db } from '../db.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { clampPage, evidenceSelect, listAgreementCommitments, type Page } from './commitments.ts';
import { NotFoundError } from '../errors.ts';

export const AGREEMENTS_PAGE_SIZE = 20;

const agreementRowSelect = {
  id: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  parties: { select: { party: { select: { id: true, name: true } } }, orderBy: { party: { name: 'asc' } } },
  _count: { select: { commitments: { where: { archivedAt: null } } } },
} satisfies Prisma.AgreementSelect;

type AgreementRowPayload = Prisma.AgreementGetPayload<{ select: typeof agreementRowSelect }>;

function toAgreementRow({ parties, _count, ...row }: AgreementRowPayload) {
  return { ...row, parties: parties.map(({ party }) => party), commitmentCount: _count.commitments };
}

export type AgreementRow = ReturnType<typeof toAgreementRow>;

/** Live agreements, most recently concluded first; those of unknown date after the dated ones. */
export async function listAgreements({
  page = 1,
  pageSize = AGREEMENTS_PAGE_SIZE,
}: { page?: number; pageSize?: number } = {}): Promise<Page<AgreementRow>> {
  const where = { archivedAt: null } satisfies Prisma.AgreementWhereInput;
  const total = await db.agreement.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const rows = await db.agreement.findMany({
    where,
    select: agreementRowSelect,
    orderBy: [{ concludedOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    skip: (clamped.page - 1) * pageSize,
    take: pageSize,
  });
  return { items: rows.map(toAgreementRow), ...clamped, pageSize, total };
}

const agreementDetailSelect = {
  id: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  summary: true,
  archivedAt: true,
  parties: {
    select: { role: true, party: { select: { id: true, name: true, kind: true } } },
    orderBy: { party: { name: 'asc' } },
  },
  people: {
    select: {
      role: true,
      person: { select: { id: true, name: true, title: true, party: { select: { id: true, name: true } } } },
    },
    orderBy: { person: { name: 'asc' } },
  },
  sources: { select: { evidence: { select: evidenceSelect } }, orderBy: { evidenceId: 'asc' } },
} satisfies Prisma.AgreementSelect;

/** One agreement with its parties (and roles), the people who spoke for them, its sources and commitments. */
export async function getAgreementOrThrow(id: number) {
  const [agreement, commitments] = await Promise.all([
    db.agreement.findUnique({ where: { id }, select: agreementDetailSelect }),
    listAgreementCommitments(id),
  ]);
  if (!agreement) throw new NotFoundError('agreement');
  const { people, sources, ...rest } = agreement;
  return {
    ...rest,
    people: people.map(({ role, person }) => ({ ...person, role })),
    sources: sources.map(({ evidence }) => evidence),
    commitments,
  };
}

export type AgreementDetail = Awaited<ReturnType<typeof getAgreementOrThrow>>;
