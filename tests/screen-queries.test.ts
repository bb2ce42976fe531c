// The queries behind the read-only screens (lib/data/dashboard.ts, agreements.ts, commitments.ts), on a real
// database: what each returns, in which order, and that a missing record is a NotFoundError (a 404 on screen).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

// lib/db.ts opens its client on first use from DATABASE_URL: point it at this run's test database.
process.env.DATABASE_URL = testDatabaseUrl();

const { getAgreementOrThrow, listAgreements } = await import('../lib/data/agreements.ts');
const {
  clampPage,
  commitmentDetail,
  commitmentDetailSelect,
  evidenceSelect,
  citedEvidence,
  getCommitmentOrThrow,
  historySelect,
  listCommitmentHistory,
  listEvidenceItems,
  listCommitments,
} = await import('../lib/data/commitments.ts');
const { getCommitmentStates } = await import('../lib/data/attention.ts');
const { countCommitmentsByStatus } = await import('../lib/data/dashboard.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { addDays, parseDay } = await import('../lib/domain/dates.ts');
const { deriveStatus, sortUpdates } = await import('../lib/domain/status.ts');
const { NotFoundError } = await import('../lib/errors.ts');

const prisma = testPrisma();

let categoryId: number;
let agreementId: number;
let responsibleA: number;
let responsibleB: number;
let beneficiary: number;

beforeAll(async () => {
  const suffix = unique('screens');
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } })).id;
  [responsibleA, responsibleB, beneficiary] = await Promise.all(
    ['Zeta', 'Alpha', 'Beneficiary'].map(
      async (name) => (await prisma.party.create({ data: { name: `${name} ${suffix}`, kind: 'state' } })).id,
    ),
  );
  agreementId = (
    await prisma.agreement.create({
      data: {
        title: `Agreement ${suffix}`,
        kind: 'joint_statement',
        parties: { create: [{ partyId: responsibleA, role: 'host' }, { partyId: responsibleB }] },
      },
    })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

async function newCommitment(title: string, extra: { reciprocalOfId?: number; archived?: boolean } = {}) {
  return prisma.commitment.create({
    data: {
      agreementId,
      categoryId,
      title,
      reciprocalOfId: extra.reciprocalOfId,
      archivedAt: extra.archived ? new Date() : null,
      parties: {
        create: [
          { partyId: responsibleA, role: 'responsible' },
          { partyId: responsibleB, role: 'responsible' },
          { partyId: beneficiary, role: 'beneficiary' },
        ],
      },
    },
  });
}

async function newEvidence(publishedOn: string | null) {
  const suffix = unique('ev');
  const outlet = await prisma.outlet.create({ data: { name: `Outlet ${suffix}`, defaultReliability: 'C' } });
  return prisma.evidence.create({
    data: {
      url: `https://example.org/${suffix}`,
      outletId: outlet.id,
      title: `Evidence ${suffix}`,
      language: 'ur',
      publishedOn: publishedOn ? parseDay(publishedOn) : null,
      reliability: 'C',
      credibility: 3,
      type: 'announcement',
    },
  });
}

describe('getCommitmentOrThrow', () => {
  it('returns what the page shows and no more: parties by role, the reciprocal and the evidence; history and status come in order from their own queries', async () => {
    const commitment = await newCommitment(unique('protection unit'));
    const partner = await newCommitment(unique('reciprocal invitation'), { reciprocalOfId: commitment.id });
    const [dated, undated, older] = await Promise.all([
      newEvidence('2026-10-02'),
      newEvidence(null),
      newEvidence('2026-01-15'),
    ]);

    // Logged in three transactions: a same-day pair (the later-logged wins), then a back-dated item that must
    // sort below newer news, then two rows sharing one transaction's createdAt (insertion order decides).
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, null, [
        {
          commitmentId: commitment.id,
          status: 'not_started',
          observedOn: parseDay('2026-07-01'),
          evidenceId: older.id,
        },
      ]),
    );
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, null, [
        {
          commitmentId: commitment.id,
          status: 'in_progress',
          observedOn: parseDay('2026-07-01'),
          evidenceId: dated.id,
        },
      ]),
    );
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, null, [
        {
          commitmentId: commitment.id,
          status: 'stalled',
          reason: 'Quiet',
          observedOn: parseDay('2026-03-01'),
        },
        {
          commitmentId: commitment.id,
          partyId: responsibleA,
          status: 'fulfilled',
          observedOn: parseDay('2026-08-01'),
          evidenceId: undated.id,
        },
        {
          commitmentId: commitment.id,
          partyId: responsibleB,
          status: 'in_progress',
          observedOn: parseDay('2026-08-01'),
          evidenceId: dated.id,
        },
      ]),
    );

    const detail = await getCommitmentOrThrow(commitment.id);
    const rows = await prisma.statusUpdate.findMany({ where: { commitmentId: commitment.id } });

    // Only what the page shows of the commitment itself: its status comes from getCommitmentStates and its
    // history from listCommitmentHistory (lib/data/commitment-dashboard.ts), so neither is read here again.
    expect(Object.keys(detail).sort()).toEqual(
      [
        'id',
        'title',
        'description',
        'dueOn',
        'archivedAt',
        'agreement',
        'category',
        'strength',
        'recurrenceMonths',
        'recurrenceStartsOn',
        'responsibleParties',
        'beneficiaryParties',
        'reciprocal',
      ].sort(),
    );

    // The history the page lists, by the ordering rule (newest news last).
    const history = await listCommitmentHistory(commitment.id);
    expect(history.map((update) => update.id)).toEqual(sortUpdates(rows).map((update) => update.id));
    // Read in one statement, it is exactly what Prisma's findMany with the same select gives.
    expect(history).toEqual(
      sortUpdates(
        await prisma.statusUpdate.findMany({ where: { commitmentId: commitment.id }, select: historySelect }),
      ),
    );
    expect(history.at(-1)).toMatchObject({ status: 'in_progress', party: { id: responsibleB } });
    expect(history[0]).toMatchObject({ status: 'stalled', reason: 'Quiet', evidence: null });

    // The cached status the page shows is the one the rules derive.
    const derived = deriveStatus(rows);
    const state = (await getCommitmentStates([commitment.id])).get(commitment.id);
    expect({ status: state?.status, since: state?.since }).toEqual({
      status: derived.status,
      since: derived.since,
    });

    expect(detail.responsibleParties.map((party) => party.id)).toEqual([responsibleB, responsibleA]); // by name
    expect(detail.beneficiaryParties.map((party) => party.id)).toEqual([beneficiary]);
    expect(detail.agreement.id).toBe(agreementId);

    // The evidence the history cites: each item once, newest publication first, undated last; its items read in
    // full a page at a time (here all three), in that order, exactly what Prisma's findMany with the same select
    // gives in one statement.
    const cited = citedEvidence(history);
    expect(cited.map((item) => item.id)).toEqual([dated.id, older.id, undated.id]);
    const items = await listEvidenceItems(cited.map((item) => item.id));
    expect(items[0].outlet.name).toMatch(/^Outlet /);
    expect(items).toEqual(
      await prisma.evidence.findMany({
        where: { statusUpdates: { some: { commitmentId: commitment.id } } },
        select: evidenceSelect,
        orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      }),
    );
    expect(await listEvidenceItems([undated.id, dated.id])).toEqual([items[2], items[0]]);
    expect(await listEvidenceItems([])).toEqual([]);

    // The reciprocal link reads from both sides of the pair.
    expect(detail.reciprocal).toEqual({ id: partner.id, title: partner.title });
    expect((await getCommitmentOrThrow(partner.id)).reciprocal).toEqual({
      id: commitment.id,
      title: commitment.title,
    });

    // Read in one statement, the commitment itself is exactly what Prisma's findUnique with the same select gives:
    // both sides of the pair, one with every optional column set and an archived one.
    await prisma.commitment.update({
      where: { id: partner.id },
      data: {
        description: 'Reciprocal visits twice a year',
        dueOn: parseDay('2027-03-31'),
        strength: 'proposal',
        recurrenceMonths: 6,
        recurrenceStartsOn: parseDay('2026-01-01'),
        archivedAt: new Date(),
      },
    });
    for (const id of [commitment.id, partner.id]) {
      expect(await commitmentDetail(id)).toEqual(
        await prisma.commitment.findUnique({ where: { id }, select: commitmentDetailSelect }),
      );
    }
    expect(await commitmentDetail(2_147_483_000)).toBeNull();

    // The history's relations as one statement reads them, with every one set: an author, a row withdrawn by
    // someone and superseded by another (plain SQL: only the read is under test here).
    const someone = await prisma.user.create({
      data: { id: unique('u'), name: 'Ayesha Khan', email: `${unique('u')}@example.test`, role: 'analyst' },
    });
    const [first, second] = sortUpdates(rows);
    await prisma.$executeRaw`
      UPDATE "StatusUpdate" SET "withdrawnAt" = now(), "withdrawnById" = ${someone.id}, "withdrawnReason" = 'Misread',
                                "authorId" = ${someone.id}
       WHERE id = ${first.id}`;
    await prisma.$executeRaw`
      UPDATE "StatusUpdate" SET "supersedesId" = ${first.id}, "authorId" = ${someone.id} WHERE id = ${second.id}`;
    const relations = await listCommitmentHistory(commitment.id);
    expect(relations.find((update) => update.id === first.id)).toMatchObject({
      withdrawnBy: { name: 'Ayesha Khan' },
      author: { name: 'Ayesha Khan' },
      supersededBy: { id: second.id },
    });
    expect(relations).toEqual(
      sortUpdates(
        await prisma.statusUpdate.findMany({ where: { commitmentId: commitment.id }, select: historySelect }),
      ),
    );
  });

  it('throws NotFoundError for a missing id', async () => {
    await expect(getCommitmentOrThrow(2_147_483_000)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('commitment lists and counts', () => {
  it('counts live commitments by status with every status present', async () => {
    const suffix = unique('counts');
    const agreement = await prisma.agreement.create({ data: { title: `Counted ${suffix}`, kind: 'mou' } });
    const make = (status: 'fulfilled' | 'broken' | 'no_evidence', archived = false) =>
      prisma.commitment.create({
        data: {
          agreementId: agreement.id,
          categoryId,
          title: unique(status),
          status,
          archivedAt: archived ? new Date() : null,
        },
      });
    await Promise.all([
      make('fulfilled'),
      make('fulfilled'),
      make('broken'),
      make('no_evidence'),
      make('broken', true),
    ]);

    expect(await countCommitmentsByStatus({ agreementId: agreement.id })).toEqual({
      no_evidence: 1,
      not_started: 0,
      in_progress: 0,
      stalled: 0,
      partially_fulfilled: 0,
      fulfilled: 2,
      broken: 1,
    });
  });

  it('pages in SQL, leaves out archived commitments and lists responsible parties only', async () => {
    const suffix = unique('paged');
    const agreement = await prisma.agreement.create({ data: { title: `Paged ${suffix}`, kind: 'mou' } });
    const titles = ['first', 'second', 'third'].map((label) => `${label} ${suffix}`);
    for (const title of titles) {
      await prisma.commitment.create({
        data: {
          agreementId: agreement.id,
          categoryId,
          title,
          parties: {
            create: [
              { partyId: responsibleA, role: 'responsible' },
              { partyId: beneficiary, role: 'beneficiary' },
            ],
          },
        },
      });
    }
    await prisma.commitment.create({
      data: { agreementId: agreement.id, categoryId, title: `archived ${suffix}`, archivedAt: new Date() },
    });

    const page1 = await listCommitments({ agreementId: agreement.id, page: 1, pageSize: 2 });
    expect(page1).toMatchObject({ page: 1, pageCount: 2, total: 3, pageSize: 2 });
    expect(page1.items.map((row) => row.title)).toEqual(titles.slice(0, 2));
    expect(page1.items[0]).toMatchObject({
      agreement: { id: agreement.id, title: agreement.title },
      category: { name: expect.stringMatching(/^Category /) },
      responsibleParties: [{ id: responsibleA, name: expect.any(String) }],
      status: 'no_evidence',
      statusSince: null,
    });

    // A page past the end (a stale link) shows the last page rather than nothing.
    const beyond = await listCommitments({ agreementId: agreement.id, page: 9, pageSize: 2 });
    expect(beyond.page).toBe(2);
    expect(beyond.items.map((row) => row.title)).toEqual([titles[2]]);
  });

  it('clamps pages', () => {
    expect(clampPage(1, 0, 20)).toEqual({ page: 1, pageCount: 1 });
    expect(clampPage(0, 45, 20)).toEqual({ page: 1, pageCount: 3 });
    expect(clampPage(4, 45, 20)).toEqual({ page: 3, pageCount: 3 });
  });
});

describe('agreements', () => {
  it('lists the most recently concluded first, undated after the dated, with parties and live commitment counts', async () => {
    const suffix = unique('list');
    // Later than every agreement already there (earlier runs and other test files included), so these two
    // are the first page.
    const { _max } = await prisma.agreement.aggregate({ _max: { concludedOn: true } });
    const latest = _max.concludedOn ?? parseDay('2000-01-01');
    const newer = await prisma.agreement.create({
      data: {
        title: `Newer ${suffix}`,
        kind: 'treaty',
        concludedOn: addDays(latest, 2),
        concludedPrecision: 'day',
      },
    });
    const older = await prisma.agreement.create({
      data: {
        title: `Older ${suffix}`,
        kind: 'mou',
        concludedOn: addDays(latest, 1),
        concludedPrecision: 'month',
        parties: { create: [{ partyId: responsibleA }] },
      },
    });
    await prisma.commitment.createMany({
      data: [
        { agreementId: older.id, categoryId, title: unique('live') },
        { agreementId: older.id, categoryId, title: unique('archived'), archivedAt: new Date() },
      ],
    });

    const page = await listAgreements({ page: 1, pageSize: 2 });
    expect(page.items.map((row) => row.id)).toEqual([newer.id, older.id]);
    expect(page.items[1]).toMatchObject({
      concludedPrecision: 'month',
      parties: [{ id: responsibleA }],
      commitmentCount: 1,
    });
    expect(page.total).toBe(await prisma.agreement.count({ where: { archivedAt: null } }));

    // Undated agreements (beforeAll made one) come after every dated one: the last page ends with one.
    const last = await listAgreements({ page: page.pageCount, pageSize: 2 });
    expect(last.items.at(-1)?.concludedOn).toBeNull();
  });

  it('returns one agreement with parties and roles, people, sources and commitments', async () => {
    const suffix = unique('detail');
    const person = await prisma.person.create({
      data: { name: `Person ${suffix}`, title: 'Minister', partyId: responsibleA },
    });
    const source = await newEvidence('2026-05-01');
    const agreement = await prisma.agreement.create({
      data: {
        title: `Detail ${suffix}`,
        kind: 'meeting_outcome',
        place: 'Beijing',
        parties: {
          create: [
            { partyId: responsibleA, role: 'host' },
            { partyId: responsibleB, role: 'signatory' },
          ],
        },
        people: { create: [{ personId: person.id, role: 'Head of delegation' }] },
        sources: { create: [{ evidenceId: source.id }] },
      },
    });
    const live = await prisma.commitment.create({
      data: { agreementId: agreement.id, categoryId, title: unique('c') },
    });
    await prisma.commitment.create({
      data: { agreementId: agreement.id, categoryId, title: unique('gone'), archivedAt: new Date() },
    });

    const detail = await getAgreementOrThrow(agreement.id);
    expect(detail).toMatchObject({
      title: agreement.title,
      kind: 'meeting_outcome',
      place: 'Beijing',
      concludedOn: null,
    });
    expect(detail.parties.map(({ party, role }) => [party.id, role])).toEqual([
      [responsibleB, 'signatory'],
      [responsibleA, 'host'],
    ]);
    expect(detail.people).toEqual([
      {
        id: person.id,
        name: person.name,
        title: 'Minister',
        party: { id: responsibleA, name: expect.any(String) },
        role: 'Head of delegation',
      },
    ]);
    expect(detail.sources.map((item) => item.id)).toEqual([source.id]);
    expect(detail.commitments.map((row) => row.id)).toEqual([live.id]);
  });

  it('throws NotFoundError for a missing id', async () => {
    await expect(getAgreementOrThrow(2_147_483_000)).rejects.toBeInstanceOf(NotFoundError);
  });
});
