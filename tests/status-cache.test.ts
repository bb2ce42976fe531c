// The SQL cache (lib/data/status-cache.ts) must say exactly what the pure rules (lib/domain/status.ts) say.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendStatusUpdates, StatusUpdateError } from '../lib/data/status-updates.ts';
import { rebuildStatusCache, refreshStatusCache, statusCacheFunctionBody } from '../lib/data/status-cache.ts';
import {
  factBy,
  factFrom,
  formatDay,
  parseDay,
  UNDATED_FROM,
  type DatePrecision,
} from '../lib/domain/dates.ts';
import { deriveStatus, partyStatuses, STATUSES, type CommitmentStatus } from '../lib/domain/status.ts';
import type { StatusUpdateKind } from '../lib/generated/prisma/enums.ts';
import { testPrisma, unique } from './support/db.ts';

const prisma = testPrisma();

let categoryId: number;
let agreementId: number;
let partyA: number;
let partyB: number;
let outsider: number;
/** An item a row may cite (a corroboration citing one is news for lastEvidenceOn). */
let evidenceId: number;

beforeAll(async () => {
  const suffix = unique('cache');
  const outlet = await prisma.outlet.create({ data: { name: `Outlet ${suffix}`, defaultReliability: 'B' } });
  evidenceId = (
    await prisma.evidence.create({
      data: {
        url: `https://example.test/${suffix}`,
        outletId: outlet.id,
        title: 'Evidence',
        language: 'en',
        reliability: 'B',
        credibility: 2,
        type: 'concrete_action',
      },
    })
  ).id;
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } })).id;
  agreementId = (await prisma.agreement.create({ data: { title: `Agreement ${suffix}`, kind: 'mou' } })).id;
  partyA = (await prisma.party.create({ data: { name: `A ${suffix}`, kind: 'state' } })).id;
  partyB = (await prisma.party.create({ data: { name: `B ${suffix}`, kind: 'ministry' } })).id;
  outsider = (await prisma.party.create({ data: { name: `C ${suffix}`, kind: 'agency' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A commitment with A and B responsible and the outsider only a beneficiary. */
async function newCommitment(): Promise<number> {
  const commitment = await prisma.commitment.create({
    data: {
      agreementId,
      categoryId,
      title: unique('commitment'),
      parties: {
        create: [
          { partyId: partyA, role: 'responsible' },
          { partyId: partyB, role: 'responsible' },
          { partyId: outsider, role: 'beneficiary' },
        ],
      },
    },
  });
  return commitment.id;
}

type Row = {
  status: CommitmentStatus;
  observedOn: Date;
  observedPrecision?: DatePrecision;
  createdAt: Date;
  partyId: number | null;
  kind?: StatusUpdateKind;
  withdrawnAt?: Date | null;
  evidenceId?: number | null;
};

/** Inserts history rows with chosen createdAt (to force ties), then refreshes the cache as the app does. */
async function insertHistory(commitmentId: number, rows: Row[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const row of rows) await tx.statusUpdate.create({ data: { commitmentId, ...row } });
    await refreshStatusCache(tx, [commitmentId]);
  });
}

/** Asserts the cached columns and per-party rows equal the pure derivation from the stored history. */
async function expectCacheMatchesRules(commitmentIds: number[]): Promise<void> {
  const commitments = await prisma.commitment.findMany({
    where: { id: { in: commitmentIds } },
    include: { statusUpdates: true, partyStatuses: true, parties: true },
  });
  expect(commitments).toHaveLength(commitmentIds.length);
  for (const commitment of commitments) {
    const derived = deriveStatus(commitment.statusUpdates);
    expect({
      status: commitment.status,
      since: commitment.statusSince,
      lastObservedOn: commitment.lastEvidenceOn,
    }).toEqual(derived);
    const responsible = commitment.parties.filter((p) => p.role === 'responsible').map((p) => p.partyId);
    const expected = partyStatuses(commitment.statusUpdates, responsible).sort(
      (a, b) => a.partyId - b.partyId,
    );
    const cached = commitment.partyStatuses
      .map((row) => ({ partyId: row.partyId, status: row.status, since: row.statusSince }))
      .sort((a, b) => a.partyId - b.partyId);
    expect(cached).toEqual(expected);
  }
}

const at = (iso: string) => new Date(iso);

/** Mostly days, the rest months, years and undated facts. */
const PRECISION = fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year', 'unknown');

describe('refreshStatusCache', () => {
  it('runs the function the migrations installed, which is exactly the SQL lib/data/status-cache.ts builds today', async () => {
    // One round trip per refresh, its plans kept by the connection; a change to the rules' SQL needs a migration
    // that installs it again: `npm run db:status-cache -- --name <what changed>`.
    const [installed] = await prisma.$queryRaw<{ body: string }[]>`
      SELECT prosrc AS body FROM pg_proc WHERE proname = 'pactwatch_refresh_status_cache'`;
    expect(installed?.body, 'run npm run db:status-cache -- --name <what changed>').toBe(
      statusCacheFunctionBody(),
    );
  });

  it('leaves a commitment without updates at no_evidence with no party rows', async () => {
    const id = await newCommitment();
    await prisma.$transaction((tx) => refreshStatusCache(tx, [id]));
    const commitment = await prisma.commitment.findUniqueOrThrow({
      where: { id },
      include: { partyStatuses: true },
    });
    expect(commitment).toMatchObject({ status: 'no_evidence', statusSince: null, lastEvidenceOn: null });
    expect(commitment.partyStatuses).toEqual([]);
  });

  it('ranks by observedOn, then createdAt, then id, and keeps back-dated items out of the current status', async () => {
    const id = await newCommitment();
    await insertHistory(id, [
      {
        status: 'not_started',
        observedOn: parseDay('2025-01-01'),
        createdAt: at('2025-01-02T00:00Z'),
        partyId: null,
      },
      {
        status: 'fulfilled',
        observedOn: parseDay('2025-03-01'),
        createdAt: at('2025-03-01T10:00Z'),
        partyId: null,
      },
      // tie on day with the fulfilled one, logged later: wins
      {
        status: 'in_progress',
        observedOn: parseDay('2025-03-01'),
        createdAt: at('2025-03-01T11:00Z'),
        partyId: null,
      },
      // tie on day and createdAt: the higher id (inserted later) wins
      {
        status: 'stalled',
        observedOn: parseDay('2025-03-01'),
        createdAt: at('2025-03-01T11:00Z'),
        partyId: null,
      },
      // back-dated, logged last: history only
      {
        status: 'broken',
        observedOn: parseDay('2025-02-01'),
        createdAt: at('2025-06-01T00:00Z'),
        partyId: null,
      },
    ]);
    const commitment = await prisma.commitment.findUniqueOrThrow({ where: { id } });
    expect(commitment.status).toBe('stalled');
    expect(commitment.statusSince).toEqual(parseDay('2025-03-01'));
    expect(commitment.lastEvidenceOn).toEqual(parseDay('2025-03-01'));
    await expectCacheMatchesRules([id]);
  });

  it('keeps the start of an unbroken run as statusSince', async () => {
    const id = await newCommitment();
    await insertHistory(id, [
      {
        status: 'stalled',
        observedOn: parseDay('2025-01-01'),
        createdAt: at('2025-01-01T00:00Z'),
        partyId: null,
      },
      {
        status: 'in_progress',
        observedOn: parseDay('2025-02-01'),
        createdAt: at('2025-02-01T00:00Z'),
        partyId: null,
      },
      {
        status: 'in_progress',
        observedOn: parseDay('2025-04-01'),
        createdAt: at('2025-04-01T00:00Z'),
        partyId: null,
      },
    ]);
    const commitment = await prisma.commitment.findUniqueOrThrow({ where: { id } });
    expect(commitment).toMatchObject({
      status: 'in_progress',
      statusSince: parseDay('2025-02-01'),
      lastEvidenceOn: parseDay('2025-04-01'),
    });
    await expectCacheMatchesRules([id]);
  });

  it('derives per-party rows from own and whole-commitment updates, for responsible parties only', async () => {
    const id = await newCommitment();
    await insertHistory(id, [
      {
        status: 'fulfilled',
        observedOn: parseDay('2025-02-01'),
        createdAt: at('2025-02-01T00:00Z'),
        partyId: partyA,
      },
      // the outsider is not responsible: no row for it
      {
        status: 'broken',
        observedOn: parseDay('2025-02-02'),
        createdAt: at('2025-02-02T00:00Z'),
        partyId: outsider,
      },
    ]);
    let rows = await prisma.commitmentPartyStatus.findMany({ where: { commitmentId: id } });
    expect(rows.map((row) => [row.partyId, row.status])).toEqual([[partyA, 'fulfilled']]);

    await insertHistory(id, [
      {
        status: 'in_progress',
        observedOn: parseDay('2025-01-15'),
        createdAt: at('2025-03-01T00:00Z'),
        partyId: null,
      },
    ]);
    rows = await prisma.commitmentPartyStatus.findMany({
      where: { commitmentId: id },
      orderBy: { partyId: 'asc' },
    });
    // A keeps its newer own update; B falls back to the whole-commitment one.
    expect(rows.map((row) => [row.partyId, row.status, row.statusSince])).toEqual([
      [partyA, 'fulfilled', parseDay('2025-02-01')],
      [partyB, 'in_progress', parseDay('2025-01-15')],
    ]);
    await expectCacheMatchesRules([id]);
  });

  it('rewrites only the party rows and previous statuses that change', async () => {
    const id = await newCommitment();
    await insertHistory(id, [
      {
        status: 'fulfilled',
        observedOn: parseDay('2025-02-01'),
        createdAt: at('2025-02-01T00:00Z'),
        partyId: partyA,
      },
      {
        status: 'stalled',
        observedOn: parseDay('2025-02-02'),
        createdAt: at('2025-02-02T00:00Z'),
        partyId: partyB,
      },
    ]);
    // Each row's version (xmin: the transaction that wrote it), to see which ones a later refresh rewrote.
    const partyRows = async () =>
      new Map(
        (
          await prisma.$queryRaw<{ partyId: number; version: string }[]>`
            SELECT "partyId", xmin::text AS version FROM "CommitmentPartyStatus" WHERE "commitmentId" = ${id}`
        ).map((row) => [row.partyId, row.version]),
      );
    const updateRows = async () =>
      new Map(
        (
          await prisma.$queryRaw<{ id: number; version: string }[]>`
            SELECT id, xmin::text AS version FROM "StatusUpdate" WHERE "commitmentId" = ${id}`
        ).map((row) => [row.id, row.version]),
      );
    const [partiesBefore, updatesBefore] = [await partyRows(), await updateRows()];

    // A later update of B alone: A's row and the earlier updates' previous statuses stay as they were.
    await insertHistory(id, [
      {
        status: 'in_progress',
        observedOn: parseDay('2025-03-01'),
        createdAt: at('2025-03-01T00:00Z'),
        partyId: partyB,
      },
    ]);
    const [partiesAfter, updatesAfter] = [await partyRows(), await updateRows()];
    expect(partiesAfter.get(partyA)).toBe(partiesBefore.get(partyA));
    expect(partiesAfter.get(partyB)).not.toBe(partiesBefore.get(partyB));
    for (const [updateId, version] of updatesBefore) expect(updatesAfter.get(updateId)).toBe(version);
    await expectCacheMatchesRules([id]);

    // A's only update withdrawn: its row goes, B's stays as it was.
    const [own] = await prisma.statusUpdate.findMany({ where: { commitmentId: id, partyId: partyA } });
    await prisma.$transaction(async (tx) => {
      await tx.statusUpdate.update({ where: { id: own.id }, data: { withdrawnAt: at('2025-03-02T00:00Z') } });
      await refreshStatusCache(tx, [id]);
    });
    const partiesLast = await partyRows();
    expect([...partiesLast.keys()]).toEqual([partyB]);
    expect(partiesLast.get(partyB)).toBe(partiesAfter.get(partyB));
    await expectCacheMatchesRules([id]);
  });

  it('counts only assessments not withdrawn for status; a corroboration citing evidence is news', async () => {
    const id = await newCommitment();
    const day = (d: string) => parseDay(d);
    await insertHistory(id, [
      {
        status: 'in_progress',
        observedOn: day('2025-01-10'),
        createdAt: at('2025-01-10T00:00Z'),
        partyId: null,
      },
      // Corrected later: stays in history, sets nothing.
      {
        status: 'fulfilled',
        observedOn: day('2025-02-01'),
        createdAt: at('2025-02-01T00:00Z'),
        partyId: partyA,
        withdrawnAt: at('2025-02-02T00:00Z'),
      },
      // Background and a corroboration: no status, but the corroboration citing evidence is the newest news.
      {
        status: 'broken',
        observedOn: day('2025-03-01'),
        createdAt: at('2025-03-01T00:00Z'),
        partyId: null,
        kind: 'context',
        evidenceId,
      },
      {
        status: 'stalled',
        observedOn: day('2025-02-20'),
        createdAt: at('2025-02-20T00:00Z'),
        partyId: partyB,
        kind: 'corroboration',
        evidenceId,
      },
      // A corroboration without evidence is no news.
      {
        status: 'in_progress',
        observedOn: day('2025-02-25'),
        createdAt: at('2025-02-25T00:00Z'),
        partyId: null,
        kind: 'corroboration',
      },
    ]);
    const commitment = await prisma.commitment.findUniqueOrThrow({
      where: { id },
      include: { partyStatuses: { orderBy: { partyId: 'asc' } } },
    });
    expect(commitment).toMatchObject({
      status: 'in_progress',
      statusSince: day('2025-01-10'),
      lastEvidenceOn: day('2025-02-20'),
    });
    expect(commitment.partyStatuses.map((row) => [row.partyId, row.status])).toEqual([
      [partyA, 'in_progress'],
      [partyB, 'in_progress'],
    ]);
    await expectCacheMatchesRules([id]);
  });

  it('equals the pure rules on random histories (ties, back-dating, party updates, kinds, withdrawals)', async () => {
    const row = fc.record({
      status: fc.constantFrom(...STATUSES),
      // Days around a month's end, so months and their days interleave.
      day: fc.integer({ min: 0, max: 6 }),
      logged: fc.integer({ min: 0, max: 3 }),
      party: fc.constantFrom<'whole' | 'a' | 'b' | 'outsider'>('whole', 'whole', 'a', 'b', 'outsider'),
      precision: PRECISION,
      kind: fc.constantFrom<StatusUpdateKind>(
        'assessment',
        'assessment',
        'assessment',
        'corroboration',
        'context',
      ),
      withdrawn: fc.constantFrom(false, false, false, true),
      cites: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 10 }), async (rows) => {
        const id = await newCommitment();
        const partyOf = { whole: null, a: partyA, b: partyB, outsider } as const;
        await insertHistory(
          id,
          rows.map((r) => ({
            status: r.status,
            observedOn: factBy(new Date(Date.UTC(2025, 0, 28 + r.day)), r.precision),
            observedPrecision: r.precision,
            createdAt: new Date(Date.UTC(2025, 1, 1, r.logged)),
            partyId: partyOf[r.party],
            kind: r.kind,
            withdrawnAt: r.withdrawn ? new Date(Date.UTC(2025, 2, 1)) : null,
            evidenceId: r.cites ? evidenceId : null,
          })),
        );
        await expectCacheMatchesRules([id]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('appending rows (the refresh told where they start)', () => {
  it('leaves every previous status as a replay of the whole history says, back-dated rows included', async () => {
    const row = fc.record({
      status: fc.constantFrom(...STATUSES.filter((status) => status !== 'no_evidence')),
      day: fc.integer({ min: 0, max: 6 }),
      party: fc.constantFrom<'whole' | 'a' | 'b'>('whole', 'whole', 'a', 'b'),
      precision: PRECISION,
      kind: fc.constantFrom<StatusUpdateKind>('assessment', 'assessment', 'corroboration', 'context'),
    });
    const batch = fc.record({
      rows: fc.array(row, { minLength: 1, maxLength: 2 }),
      logged: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 6 }), async (batches) => {
        const id = await newCommitment();
        const partyOf = { whole: null, a: partyA, b: partyB } as const;
        // Each batch appended as a follow-up appends its rows: the refresh is told the earliest observedFrom.
        for (const { rows, logged } of batches) {
          await prisma.$transaction((tx) =>
            appendStatusUpdates(
              tx,
              null,
              rows.map((r) => ({
                commitmentId: id,
                status: r.status,
                kind: r.kind,
                partyId: partyOf[r.party],
                reason: 'A reason.',
                // A corroboration cites the item that corroborates.
                evidenceId: r.kind === 'corroboration' ? evidenceId : null,
                observedOn: factBy(new Date(Date.UTC(2025, 0, 28 + r.day)), r.precision),
                observedPrecision: r.precision,
              })),
              { loggedAt: new Date(Date.UTC(2025, 1, 1, logged)) },
            ),
          );
        }
        const previous = async () =>
          (
            await prisma.statusUpdate.findMany({
              where: { commitmentId: id },
              select: { id: true, previousStatus: true },
              orderBy: { id: 'asc' },
            })
          ).map((r) => [r.id, r.previousStatus]);
        const appended = await previous();
        // The whole history replayed (no changedFrom): nothing differs.
        await prisma.$transaction((tx) => refreshStatusCache(tx, [id]));
        expect(appended).toEqual(await previous());
        await expectCacheMatchesRules([id]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fact dates with a precision', () => {
  it('keeps a dated "established" status when an undated pre-announcement is logged after it', async () => {
    const id = await newCommitment();
    await insertHistory(id, [
      {
        status: 'fulfilled',
        observedOn: parseDay('2025-06-12'),
        createdAt: at('2025-06-13T09:00Z'),
        partyId: null,
      },
    ]);
    // Logged later, no printed date: known to have held by the day it was logged, and no later news than that.
    await insertHistory(id, [
      {
        status: 'in_progress',
        observedOn: parseDay('2025-07-01'),
        observedPrecision: 'unknown',
        createdAt: at('2025-07-01T10:00Z'),
        partyId: null,
      },
    ]);
    const commitment = await prisma.commitment.findUniqueOrThrow({ where: { id } });
    expect(commitment).toMatchObject({
      status: 'fulfilled',
      statusSince: parseDay('2025-06-12'),
      lastEvidenceOn: parseDay('2025-06-12'),
      weaklySupported: true,
    });
    await expectCacheMatchesRules([id]);
  });

  it('derives observedFrom from observedOn and the precision, whatever a writer sends', async () => {
    const id = await newCommitment();
    const rows = await prisma.$transaction(async (tx) => {
      const written = [];
      for (const [precision, day] of [
        ['day', '2025-06-14'],
        ['month', '2025-06-30'],
        ['year', '2025-12-31'],
        ['unknown', '2025-05-20'],
      ] as const) {
        written.push(
          await tx.statusUpdate.create({
            data: {
              commitmentId: id,
              status: 'in_progress',
              observedOn: parseDay(day),
              observedPrecision: precision,
              observedFrom: parseDay('2030-01-01'), // ignored
            },
          }),
        );
      }
      // A raw INSERT that leaves both new columns out is a day-precision fact.
      await tx.$executeRaw`INSERT INTO "StatusUpdate" ("commitmentId", status, "observedOn")
                            VALUES (${id}, 'stalled', '2025-04-02'::date)`;
      return written;
    });
    for (const row of rows) expect(row.observedFrom).toEqual(factFrom(row.observedOn, row.observedPrecision));
    expect(rows.map((row) => formatDay(row.observedFrom))).toEqual([
      '2025-06-14',
      '2025-06-01',
      '2025-01-01',
      formatDay(UNDATED_FROM),
    ]);
    const raw = await prisma.statusUpdate.findFirstOrThrow({
      where: { commitmentId: id, status: 'stalled' },
    });
    expect(raw).toMatchObject({ observedPrecision: 'day', observedFrom: parseDay('2025-04-02') });
    // An edit of the date moves the key with it.
    await prisma.$executeRaw`UPDATE "StatusUpdate" SET "observedPrecision" = 'month' WHERE id = ${raw.id}`;
    expect((await prisma.statusUpdate.findUniqueOrThrow({ where: { id: raw.id } })).observedFrom).toEqual(
      parseDay('2025-04-01'),
    );
  });
});

describe('rebuildStatusCache', () => {
  it('repairs a damaged cache across batches', async () => {
    const ids = [await newCommitment(), await newCommitment(), await newCommitment()];
    await insertHistory(ids[0], [
      {
        status: 'in_progress',
        observedOn: parseDay('2025-05-01'),
        createdAt: at('2025-05-01T00:00Z'),
        partyId: null,
      },
    ]);
    await insertHistory(ids[1], [
      {
        status: 'stalled',
        observedOn: parseDay('2025-05-02'),
        createdAt: at('2025-05-02T00:00Z'),
        partyId: partyB,
      },
    ]);
    await prisma.commitment.updateMany({
      where: { id: { in: ids } },
      data: { status: 'fulfilled', statusSince: parseDay('2000-01-01'), lastEvidenceOn: null },
    });
    await prisma.commitmentPartyStatus.deleteMany({ where: { commitmentId: { in: ids } } });
    await prisma.commitmentPartyStatus.create({
      data: { commitmentId: ids[2], partyId: partyA, status: 'broken', statusSince: parseDay('2000-01-01') },
    });

    // Start just before ours: the shared test database may hold many other commitments.
    const refreshed = await rebuildStatusCache(prisma, { batchSize: 2, afterId: ids[0] - 1 });
    expect(refreshed).toBeGreaterThanOrEqual(3);
    await expectCacheMatchesRules(ids);
    const third = await prisma.commitment.findUniqueOrThrow({ where: { id: ids[2] } });
    expect(third.status).toBe('no_evidence');
  });
});

describe('appendStatusUpdates', () => {
  it('inserts, refreshes the cache and audits each row, in one transaction', async () => {
    const [first, second] = [await newCommitment(), await newCommitment()];
    const email = `${unique('analyst')}@example.org`;
    const actorId = (await prisma.user.create({ data: { id: unique('user'), name: 'Analyst', email } })).id;
    const created = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, actorId, [
        { commitmentId: first, status: 'in_progress', observedOn: parseDay('2025-07-01') },
        { commitmentId: first, status: 'fulfilled', observedOn: parseDay('2025-07-01'), partyId: partyA },
        {
          commitmentId: second,
          status: 'broken',
          reason: '  Cancelled.  ',
          observedOn: parseDay('2025-07-02'),
        },
      ]),
    );
    expect(created).toHaveLength(3);
    expect(created[2]).toMatchObject({ reason: 'Cancelled.', authorId: actorId });
    // Same day, same transaction (same createdAt): the row given later wins.
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: first } })).status).toBe('fulfilled');
    await expectCacheMatchesRules([first, second]);

    const audits = await prisma.auditEvent.findMany({ where: { actorId }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, a.entityType, a.entityId])).toEqual(
      created.map((row) => ['create', 'StatusUpdate', String(row.id)]),
    );
    expect(audits[2].before).toBeNull();
    expect(audits[2].after).toMatchObject({
      commitmentId: second,
      status: 'broken',
      observedOn: '2025-07-02T00:00:00.000Z',
    });
  });

  it('rejects stalled or broken without a reason and writes nothing', async () => {
    const id = await newCommitment();
    const before = await prisma.statusUpdate.count({ where: { commitmentId: id } });
    await expect(
      prisma.$transaction((tx) =>
        appendStatusUpdates(tx, null, [
          { commitmentId: id, status: 'in_progress', observedOn: parseDay('2025-07-01') },
          { commitmentId: id, status: 'stalled', reason: '   ', observedOn: parseDay('2025-07-02') },
        ]),
      ),
    ).rejects.toBeInstanceOf(StatusUpdateError);
    expect(await prisma.statusUpdate.count({ where: { commitmentId: id } })).toBe(before);
  });

  it('keeps the cache right when transactions append to one commitment at the same time', async () => {
    const id = await newCommitment();
    const days = ['2025-08-03', '2025-08-01', '2025-08-05', '2025-08-02', '2025-08-04', '2025-08-05'];
    const statuses: CommitmentStatus[] = [
      'in_progress',
      'not_started',
      'fulfilled',
      'stalled',
      'broken',
      'in_progress',
    ];
    await Promise.all(
      days.map((day, index) =>
        prisma.$transaction((tx) =>
          appendStatusUpdates(tx, null, [
            { commitmentId: id, status: statuses[index], reason: 'concurrent', observedOn: parseDay(day) },
          ]),
        ),
      ),
    );
    expect(await prisma.statusUpdate.count({ where: { commitmentId: id } })).toBe(days.length);
    await expectCacheMatchesRules([id]);
  });
});
