// The commitment and agreement lists (lib/data/lists.ts): every filter applied in SQL returns exactly the rows a
// plain reading of the filter selects, sorting and pagination cover every row once, and the URL schema
// (lib/validation/filters.ts) turns what a GET form sends into those filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { listAgreementsFiltered, listCommitmentsFiltered, containsPattern } =
  await import('../lib/data/lists.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { parseDay } = await import('../lib/domain/dates.ts');
const {
  filtersToQuery,
  parseAgreementListFilters,
  parseCommitmentListFilters,
  reportQuery,
  strictReportFiltersSchema,
} = await import('../lib/validation/filters.ts');

import type { CommitmentStatus } from '../lib/generated/prisma/enums.ts';

const prisma = testPrisma();
const TODAY = parseDay('2025-06-01');

let token: string;
let agreementId: number;
let otherAgreementId: number;
let categoryA: number;
let categoryB: number;
let parent: number;
let child: number;
let outsider: number;
/** Title → id of the commitments made in beforeAll. */
const ids: Record<string, number> = {};

type Spec = {
  title: string;
  description?: string;
  category: 'A' | 'B';
  due: string | null;
  responsible: number[];
  beneficiary?: number[];
  history: { status: CommitmentStatus; on: string }[];
  archived?: boolean;
};

beforeAll(async () => {
  token = unique('lists').replace(/-/g, '');
  categoryA = (await prisma.category.create({ data: { slug: `${token}a`, name: `Cat A ${token}` } })).id;
  categoryB = (await prisma.category.create({ data: { slug: `${token}b`, name: `Cat B ${token}` } })).id;
  parent = (await prisma.party.create({ data: { name: `Parent ${token}`, kind: 'state' } })).id;
  child = (await prisma.party.create({ data: { name: `Child ${token}`, kind: 'agency', parentId: parent } }))
    .id;
  outsider = (await prisma.party.create({ data: { name: `Outsider ${token}`, kind: 'state' } })).id;
  agreementId = (
    await prisma.agreement.create({
      data: {
        title: `Pact ${token}`,
        kind: 'mou',
        concludedOn: parseDay('2025-01-10'),
        concludedPrecision: 'day',
        summary: 'On 100% cooperation',
        parties: { create: [{ partyId: child }] },
      },
    })
  ).id;
  otherAgreementId = (
    await prisma.agreement.create({
      data: {
        title: `Accord ${token}`,
        kind: 'treaty',
        place: 'Lahore',
        parties: { create: [{ partyId: outsider }] },
      },
    })
  ).id;

  const specs: Spec[] = [
    {
      title: `Alpha ${token}`,
      description: 'Training of 50% of officers',
      category: 'A',
      due: '2025-05-01',
      responsible: [child],
      history: [{ status: 'in_progress', on: '2025-02-01' }],
    },
    {
      title: `Bravo ${token}`,
      category: 'B',
      due: '2025-07-01',
      responsible: [parent],
      history: [
        { status: 'not_started', on: '2025-01-15' },
        { status: 'fulfilled', on: '2025-05-20' },
      ],
    },
    {
      title: `Charlie ${token}`,
      category: 'A',
      due: null,
      responsible: [outsider],
      beneficiary: [child],
      history: [],
    },
    {
      title: `Delta ${token}`,
      category: 'B',
      due: '2025-03-01',
      responsible: [outsider],
      history: [{ status: 'fulfilled', on: '2025-05-30' }],
    },
    {
      title: `Echo ${token}`,
      category: 'A',
      due: '2025-04-01',
      responsible: [child],
      history: [],
      archived: true,
    },
  ];
  for (const spec of specs) {
    const commitment = await prisma.commitment.create({
      data: {
        agreementId,
        categoryId: spec.category === 'A' ? categoryA : categoryB,
        title: spec.title,
        description: spec.description,
        dueOn: spec.due ? parseDay(spec.due) : null,
        createdAt: new Date('2025-01-10T12:00:00Z'),
        archivedAt: spec.archived ? new Date() : null,
        parties: {
          create: [
            ...spec.responsible.map((partyId) => ({ partyId, role: 'responsible' as const })),
            ...(spec.beneficiary ?? []).map((partyId) => ({ partyId, role: 'beneficiary' as const })),
          ],
        },
      },
    });
    ids[spec.title.split(' ')[0]] = commitment.id;
    if (spec.history.length) {
      await prisma.$transaction((tx) =>
        appendStatusUpdates(
          tx,
          null,
          spec.history.map((row) => ({
            commitmentId: commitment.id,
            status: row.status,
            observedOn: parseDay(row.on),
          })),
        ),
      );
    }
  }
  // One in another agreement, for the agreement filter.
  const foxtrot = await prisma.commitment.create({
    data: {
      agreementId: otherAgreementId,
      categoryId: categoryA,
      title: `Foxtrot ${token}`,
      dueOn: parseDay('2025-05-15'),
      createdAt: new Date('2025-01-10T12:00:00Z'),
    },
  });
  ids.Foxtrot = foxtrot.id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

/** Lists with the URL params given (plus the test's own search token, so other tests' rows never count). */
async function titles(params: Record<string, string>, options: { pageSize?: number } = {}) {
  const filters = parseCommitmentListFilters({ q: token, ...params });
  const page = await listCommitmentsFiltered(filters, { today: TODAY, staleAfterDays: 60, ...options });
  return page.items.map((item) => item.title.split(' ')[0]);
}

describe('the commitment list', () => {
  it('filters by agreement, party (with the parties under it), status, category and due window', async () => {
    expect(await titles({})).toEqual(['Foxtrot', 'Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await titles({ agreement: String(agreementId) })).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    // The parent takes in its child's responsibilities and the child's benefits.
    expect(await titles({ party: String(parent) })).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(await titles({ party: String(child) })).toEqual(['Alpha', 'Charlie']);
    expect(await titles({ status: 'fulfilled' })).toEqual(['Bravo', 'Delta']);
    expect(await titles({ status: 'no_evidence' })).toEqual(['Foxtrot', 'Charlie']);
    expect(await titles({ category: String(categoryB) })).toEqual(['Bravo', 'Delta']);
    expect(await titles({ from: '2025-04-01', to: '2025-05-15' })).toEqual(['Foxtrot', 'Alpha']);
    expect(await titles({ to: '2025-03-01' })).toEqual(['Delta']);
  });

  it('filters by text anywhere in title or description, taking % and _ literally', async () => {
    expect(await titles({ q: `alpha ${token}` })).toEqual(['Alpha']);
    expect(containsPattern('50%_x')).toBe('%50\\%\\_x%');
    const filters = parseCommitmentListFilters({ q: '50% of officers' });
    const page = await listCommitmentsFiltered(filters, { today: TODAY, pageSize: 100 });
    expect(page.items.map((item) => item.id)).toContain(ids.Alpha);
    const none = await listCommitmentsFiltered(parseCommitmentListFilters({ q: `${token}_%` }), {
      today: TODAY,
    });
    expect(none.total).toBe(0);
  });

  it('filters by attention flag and overdue, judged on the day given', async () => {
    // On 1 June: Alpha (due 1 May, in progress) is overdue; Foxtrot (due 15 May, nothing logged) too; Delta was
    // due 1 March but is fulfilled. Stale (60 days): Charlie and Foxtrot (nothing since 10 Jan), Alpha (1 Feb).
    expect(await titles({ overdue: 'on' })).toEqual(['Foxtrot', 'Alpha']);
    expect(await titles({ attention: 'overdue' })).toEqual(['Foxtrot', 'Alpha']);
    expect(await titles({ attention: 'stale' })).toEqual(['Foxtrot', 'Alpha', 'Charlie']);
    expect(await titles({ attention: 'weak' })).toEqual(['Alpha', 'Bravo', 'Delta']);
    expect(await titles({ attention: 'any' })).toEqual(['Foxtrot', 'Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await titles({ attention: 'contradicted' })).toEqual([]);
    const page = await listCommitmentsFiltered(parseCommitmentListFilters({ q: `alpha ${token}` }), {
      today: TODAY,
      staleAfterDays: 60,
    });
    expect(page.items[0].flags).toEqual(['overdue', 'stale', 'weak']);
  });

  it('shows, filters and sorts by the status as of a day', async () => {
    // On 1 March Bravo was "not started" and Delta had no evidence yet.
    expect(await titles({ asOf: '2025-03-01', status: 'not_started' })).toEqual(['Bravo']);
    expect(await titles({ asOf: '2025-03-01', status: 'fulfilled' })).toEqual([]);
    // The boundary day counts: Delta's update of 30 May is in force as of 30 May.
    expect(await titles({ asOf: '2025-05-30', status: 'fulfilled' })).toEqual(['Bravo', 'Delta']);
    expect(await titles({ asOf: '2025-05-29', status: 'fulfilled' })).toEqual(['Bravo']);
    const filters = parseCommitmentListFilters({ q: `bravo ${token}`, asOf: '2025-03-01' });
    const [bravo] = (await listCommitmentsFiltered(filters, { today: TODAY })).items;
    expect(bravo).toMatchObject({ status: 'not_started', statusSince: parseDay('2025-01-15') });
  });

  it('sorts by due date, status, since and title, either way, ties by id', async () => {
    expect(await titles({ sort: 'due' })).toEqual(['Delta', 'Alpha', 'Foxtrot', 'Bravo', 'Charlie']);
    expect(await titles({ sort: 'due', dir: 'desc' })).toEqual([
      'Bravo',
      'Foxtrot',
      'Alpha',
      'Delta',
      'Charlie',
    ]);
    expect(await titles({ sort: 'title' })).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Foxtrot']);
    expect(await titles({ sort: 'title', dir: 'desc' })).toEqual([
      'Foxtrot',
      'Delta',
      'Charlie',
      'Bravo',
      'Alpha',
    ]);
    // Scale order: no evidence, …, in progress, …, fulfilled; within a status the longest-held first.
    expect(await titles({ sort: 'status' })).toEqual(['Charlie', 'Foxtrot', 'Alpha', 'Bravo', 'Delta']);
    expect(await titles({ sort: 'since' })).toEqual(['Alpha', 'Bravo', 'Delta', 'Charlie', 'Foxtrot']);
  });

  it('paginates in SQL: every row once, the total, and a page past the end shows the last page', async () => {
    const all = await titles({ sort: 'title' });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const filters = parseCommitmentListFilters({ q: token, sort: 'title', page: String(page) });
      const result = await listCommitmentsFiltered(filters, { today: TODAY, pageSize: 2 });
      expect(result).toMatchObject({ total: 5, page, pageCount: 3, pageSize: 2 });
      seen.push(...result.items.map((item) => item.title.split(' ')[0]));
    }
    expect(seen).toEqual(all);
    const past = await listCommitmentsFiltered(
      parseCommitmentListFilters({ q: token, sort: 'title', page: '9' }),
      {
        today: TODAY,
        pageSize: 2,
      },
    );
    expect(past).toMatchObject({ page: 3, total: 5 });
    expect(past.items.map((item) => item.title.split(' ')[0])).toEqual(['Foxtrot']);
    const empty = await listCommitmentsFiltered(
      parseCommitmentListFilters({ q: `${token}-nothing`, page: '4' }),
      {
        today: TODAY,
      },
    );
    expect(empty).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe('the agreement list', () => {
  async function agreementTitles(params: Record<string, string>) {
    const page = await listAgreementsFiltered(parseAgreementListFilters({ q: token, ...params }));
    return page.items.map((item) => item.title.split(' ')[0]);
  }

  it('filters by party (with sub-parties), commitment status and category, kind, date and text', async () => {
    expect(await agreementTitles({})).toEqual(['Pact', 'Accord']);
    expect(await agreementTitles({ party: String(parent) })).toEqual(['Pact']);
    expect(await agreementTitles({ party: String(outsider) })).toEqual(['Accord']);
    expect(await agreementTitles({ status: 'fulfilled' })).toEqual(['Pact']);
    expect(await agreementTitles({ category: String(categoryB) })).toEqual(['Pact']);
    expect(await agreementTitles({ kind: 'treaty' })).toEqual(['Accord']);
    expect(await agreementTitles({ from: '2025-01-01', to: '2025-01-31' })).toEqual(['Pact']);
    const byPlace = await listAgreementsFiltered(parseAgreementListFilters({ q: 'Lahore' }));
    expect(byPlace.items.map((item) => item.id)).toContain(otherAgreementId);
    expect(await agreementTitles({ sort: 'title' })).toEqual(['Accord', 'Pact']);
    expect(await agreementTitles({ sort: 'commitments' })).toEqual(['Pact', 'Accord']);
  });

  it('counts the live commitments of each agreement by status', async () => {
    const [pact] = (await listAgreementsFiltered(parseAgreementListFilters({ q: `pact ${token}` }))).items;
    expect(pact).toMatchObject({
      id: agreementId,
      commitmentCount: 4,
      statusCounts: { in_progress: 1, fulfilled: 2, no_evidence: 1 },
    });
  });
});

describe('the URL filters', () => {
  it('reads what a GET form sends, dropping empty and malformed values', () => {
    expect(
      parseCommitmentListFilters({
        agreement: '12',
        party: '',
        status: 'fulfilled',
        category: 'x',
        from: '2025-02-30',
        to: '2025-03-01',
        asOf: ['2025-01-01', '2026-01-01'],
        q: '  protection  ',
        attention: 'stale',
        overdue: 'on',
        sort: 'nonsense',
        dir: 'desc',
        page: '-3',
      }),
    ).toEqual({
      agreement: 12,
      status: 'fulfilled',
      to: parseDay('2025-03-01'),
      asOf: parseDay('2025-01-01'),
      q: 'protection',
      attention: 'stale',
      overdue: true,
      sort: 'agreement',
      dir: 'desc',
      page: 1,
      party: undefined,
      category: undefined,
      from: undefined,
    });
  });

  it('writes filters back to a query, and reports refuse malformed values when strict', () => {
    const filters = parseCommitmentListFilters({
      status: 'stalled',
      asOf: '2025-05-01',
      page: '2',
      overdue: '1',
    });
    expect(filtersToQuery(filters, { sort: 'agreement' })).toEqual({
      status: 'stalled',
      asOf: '2025-05-01',
      page: '2',
      overdue: '1',
    });
    expect(reportQuery(filters)).toEqual({ status: 'stalled', asOf: '2025-05-01' });
    expect(strictReportFiltersSchema.safeParse({ asOf: '2025-13-01' }).success).toBe(false);
    expect(strictReportFiltersSchema.safeParse({ status: 'done' }).success).toBe(false);
    expect(strictReportFiltersSchema.parse({ party: '3', from: '' })).toEqual({ party: 3, from: undefined });
  });
});
