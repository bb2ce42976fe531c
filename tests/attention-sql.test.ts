// The needs-attention SQL (lib/data/attention.ts) must say exactly what the pure rules (lib/domain/attention.ts and
// status.ts) say: for random histories with same-day ties, back-dated items, party-specific updates and evidence of
// every grade, today and as of a day (the boundary day included).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

// lib/db.ts opens its client on first use from DATABASE_URL: point it at this run's test database.
process.env.DATABASE_URL = testDatabaseUrl();

const { countAttentionFlags, getCommitmentStates, listNeedsAttention } =
  await import('../lib/data/attention.ts');
const { refreshStatusCache } = await import('../lib/data/status-cache.ts');
const { db } = await import('../lib/db.ts');
const { attentionFlags } = await import('../lib/domain/attention.ts');
const { addDays, parseDay, toDay } = await import('../lib/domain/dates.ts');
const { STATUSES, statusAsOf, statusSince, updatesAsOf } = await import('../lib/domain/status.ts');

import type {
  CommitmentStatus,
  DatePrecision,
  EvidenceType,
  Reliability,
} from '../lib/generated/prisma/enums.ts';

const prisma = testPrisma();
const BASE = parseDay('2025-01-01');
const TYPES: EvidenceType[] = ['announcement', 'concrete_action', 'contradiction'];

let categoryId: number;
let agreementId: number;
let partyA: number;
let partyB: number;
/** Evidence of many grades and types, picked at random by the histories. */
let evidenceIds: number[];

beforeAll(async () => {
  const suffix = unique('attention');
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } })).id;
  agreementId = (await prisma.agreement.create({ data: { title: `Agreement ${suffix}`, kind: 'mou' } })).id;
  partyA = (await prisma.party.create({ data: { name: `A ${suffix}`, kind: 'state' } })).id;
  partyB = (await prisma.party.create({ data: { name: `B ${suffix}`, kind: 'ministry' } })).id;
  const outlet = await prisma.outlet.create({ data: { name: `Outlet ${suffix}`, defaultReliability: 'C' } });
  const grades: { reliability: Reliability; credibility: number; type: EvidenceType }[] = [];
  for (const reliability of ['A', 'C', 'D', 'F'] as Reliability[])
    for (const credibility of [1, 3, 4, 6])
      grades.push({ reliability, credibility, type: TYPES[grades.length % TYPES.length] });
  // Every type with a strong and a weak grade, whatever the rotation above gave.
  for (const type of TYPES) {
    grades.push({ reliability: 'B', credibility: 2, type }, { reliability: 'E', credibility: 5, type });
  }
  evidenceIds = [];
  for (const [index, grade] of grades.entries()) {
    const row = await prisma.evidence.create({
      data: {
        url: `https://example.test/${suffix}/${index}`,
        outletId: outlet.id,
        title: `Evidence ${index}`,
        language: 'en',
        ...grade,
      },
    });
    evidenceIds.push(row.id);
  }
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

type HistoryRow = {
  status: CommitmentStatus;
  day: number;
  /** Minutes after the base: small, so same-day rows often share or swap logging order. */
  minute: number;
  evidence: number | null;
  party: 'A' | 'B' | null;
  /**
   * How much of the fact date is known; `day` is then the day it surely held by (for a month or year one still
   * running when reported, or the "no later than" day of an undated one).
   */
  precision?: DatePrecision;
};

type Sample = {
  createdDay: number;
  dueDay: number | null;
  history: HistoryRow[];
  todayDay: number;
  staleAfterDays: number;
  asOfDay: number;
};

const historyRow: fc.Arbitrary<HistoryRow> = fc.record({
  status: fc.constantFrom(...STATUSES),
  day: fc.integer({ min: 0, max: 20 }),
  minute: fc.integer({ min: 0, max: 3 }),
  evidence: fc.option(fc.nat(99), { nil: null }),
  party: fc.constantFrom<'A' | 'B' | null>(null, null, 'A', 'B'),
  precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year', 'unknown'),
});

const sample: fc.Arbitrary<Sample> = fc.record({
  createdDay: fc.integer({ min: 0, max: 20 }),
  dueDay: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  history: fc.array(historyRow, { maxLength: 8 }),
  todayDay: fc.integer({ min: 0, max: 45 }),
  staleAfterDays: fc.integer({ min: 0, max: 15 }),
  asOfDay: fc.integer({ min: -1, max: 25 }),
});

/** Writes the sample's commitment and history (createdAt chosen, to force ties) and refreshes its cache. */
async function write(sample: Sample): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const commitment = await tx.commitment.create({
      data: {
        agreementId,
        categoryId,
        title: unique('commitment'),
        dueOn: sample.dueDay === null ? null : addDays(BASE, sample.dueDay),
        // Late in the day, so the UTC day (not the instant) must be what "stale" counts from.
        createdAt: new Date(addDays(BASE, sample.createdDay).getTime() + 23 * 3_600_000),
        parties: {
          create: [
            { partyId: partyA, role: 'responsible' },
            { partyId: partyB, role: 'responsible' },
          ],
        },
      },
    });
    for (const row of sample.history) {
      await tx.statusUpdate.create({
        data: {
          commitmentId: commitment.id,
          status: row.status,
          observedOn: addDays(BASE, row.day),
          observedPrecision: row.precision ?? 'day',
          createdAt: new Date(BASE.getTime() + 40 * 86_400_000 + row.minute * 60_000),
          evidenceId: row.evidence === null ? null : evidenceIds[row.evidence % evidenceIds.length],
          partyId: row.party === 'A' ? partyA : row.party === 'B' ? partyB : null,
          reason: 'test',
        },
      });
    }
    await refreshStatusCache(tx, [commitment.id]);
    return commitment.id;
  });
}

/** What the pure rules say, from the stored rows. */
async function expected(id: number, options: { today: Date; staleAfterDays: number; asOf?: Date }) {
  const commitment = await prisma.commitment.findUniqueOrThrow({
    where: { id },
    include: {
      statusUpdates: {
        include: { evidence: { select: { reliability: true, credibility: true, type: true } } },
      },
    },
  });
  const updates = options.asOf
    ? updatesAsOf(commitment.statusUpdates, options.asOf)
    : commitment.statusUpdates;
  const today = options.asOf ?? options.today;
  return {
    status: options.asOf ? statusAsOf(commitment.statusUpdates, options.asOf) : commitment.status,
    since: statusSince(updates),
    flags: attentionFlags(
      { dueOn: commitment.dueOn, createdOn: toDay(commitment.createdAt), updates },
      { today, staleAfterDays: options.staleAfterDays },
    ),
  };
}

async function actual(
  id: number,
  options: { today: Date; staleAfterDays: number; asOf?: Date; source?: 'cache' | 'history' },
) {
  const state = (await getCommitmentStates([id], options)).get(id);
  if (!state) throw new Error(`no state for commitment ${id}`);
  return { status: state.status, since: state.since, flags: state.flags };
}

describe('attention flags in SQL', () => {
  it('equal attentionFlags() for random histories, today and as of a day (boundary days included)', async () => {
    await fc.assert(
      fc.asyncProperty(sample, async (s) => {
        const id = await write(s);
        const today = addDays(BASE, s.todayDay);
        const base = { today, staleAfterDays: s.staleAfterDays };
        // From the cache (what the refresh above wrote) and derived from history, alike.
        expect(await actual(id, base)).toEqual(await expected(id, base));
        expect(await actual(id, { ...base, source: 'history' })).toEqual(await expected(id, base));

        // As of: a random day, and every day an update speaks of together with the day before it.
        const days = new Set([s.asOfDay, ...s.history.flatMap((row) => [row.day, row.day - 1])]);
        for (const offset of days) {
          const asOf = addDays(BASE, offset);
          expect(await actual(id, { ...base, asOf })).toEqual(await expected(id, { ...base, asOf }));
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('judges the boundaries as the rules do: due day, stale period, as-of day', async () => {
    const day = (offset: number) => addDays(BASE, offset);
    const id = await write({
      createdDay: 0,
      dueDay: 10,
      todayDay: 0,
      staleAfterDays: 5,
      asOfDay: 0,
      history: [{ status: 'in_progress', day: 2, minute: 0, evidence: null, party: null }],
    });
    const flags = async (options: { today?: Date; asOf?: Date }) =>
      (await getCommitmentStates([id], { staleAfterDays: 5, ...options })).get(id)?.flags;

    // Due on day 10: not overdue on day 10, overdue on day 11. News on day 2: stale only after 5 full days.
    expect(await flags({ today: day(7) })).toEqual(['weak']);
    expect(await flags({ today: day(8) })).toEqual(['stale', 'weak']);
    expect(await flags({ today: day(10) })).toEqual(['stale', 'weak']);
    expect(await flags({ today: day(11) })).toEqual(['overdue', 'stale', 'weak']);
    // As of the day before the only update: no status yet, so nothing is weak; stale counts from creation.
    expect((await getCommitmentStates([id], { asOf: day(1), staleAfterDays: 0 })).get(id)).toMatchObject({
      status: 'no_evidence',
      since: null,
      flags: ['stale'],
    });
    // As of the update's own day, it counts.
    expect((await getCommitmentStates([id], { asOf: day(2), staleAfterDays: 5 })).get(id)).toMatchObject({
      status: 'in_progress',
      since: day(2),
      flags: ['weak'],
    });
  });

  it('reads contradiction from the newest update that cites evidence, and strength from the whole run', async () => {
    // Indices into evidenceIds (see beforeAll): 16 is a B2 announcement, 20 a B2 contradiction.
    const strong = 16;
    const contradiction = 20;
    const id = await write({
      createdDay: 0,
      dueDay: null,
      todayDay: 0,
      staleAfterDays: 99,
      asOfDay: 0,
      history: [
        { status: 'in_progress', day: 1, minute: 0, evidence: strong, party: null },
        { status: 'stalled', day: 3, minute: 0, evidence: contradiction, party: null },
        // Same status, no evidence: the run still rests on the strong contradiction, and it is still the newest
        // evidence.
        { status: 'stalled', day: 4, minute: 0, evidence: null, party: 'A' },
      ],
    });
    const state = (await getCommitmentStates([id], { today: addDays(BASE, 5), staleAfterDays: 99 })).get(id);
    expect(state).toMatchObject({ status: 'stalled', since: addDays(BASE, 3), flags: ['contradicted'] });
    const before = (await getCommitmentStates([id], { asOf: addDays(BASE, 2), staleAfterDays: 99 })).get(id);
    expect(before).toMatchObject({ status: 'in_progress', since: addDays(BASE, 1), flags: [] });
  });
});

describe('the needs-attention queue', () => {
  it('lists flagged live commitments, most urgent first, and counts them', async () => {
    // An agreement of its own, so rows other tests write meanwhile do not count.
    const previousAgreement = agreementId;
    agreementId = (await prisma.agreement.create({ data: { title: unique('queue'), kind: 'mou' } })).id;
    const scope = { agreementId, today: addDays(BASE, 400), staleAfterDays: 30 };
    const calm = await write({
      createdDay: 0,
      dueDay: 500,
      todayDay: 0,
      staleAfterDays: 0,
      asOfDay: 0,
      history: [{ status: 'fulfilled', day: 3, minute: 0, evidence: 16, party: null }],
    });
    const overdue = await write({
      createdDay: 0,
      dueDay: 1,
      todayDay: 0,
      staleAfterDays: 0,
      asOfDay: 0,
      history: [],
    });
    const staleOnly = await write({
      createdDay: 0,
      dueDay: null,
      todayDay: 0,
      staleAfterDays: 0,
      asOfDay: 0,
      history: [{ status: 'in_progress', day: 3, minute: 0, evidence: 16, party: null }],
    });
    const archived = await write({
      createdDay: 0,
      dueDay: 1,
      todayDay: 0,
      staleAfterDays: 0,
      asOfDay: 0,
      history: [],
    });
    await prisma.commitment.update({ where: { id: archived }, data: { archivedAt: new Date() } });

    agreementId = previousAgreement;

    expect(await countAttentionFlags(scope)).toEqual({
      overdue: 1,
      stale: 2,
      contradicted: 0,
      weak: 0,
      any: 2,
    });

    const queue = await listNeedsAttention({ ...scope, limit: 10 });
    expect(queue.total).toBe(2);
    // Overdue outranks stale; the calm and the archived commitments are not there.
    expect(queue.items.map((item) => item.id)).toEqual([overdue, staleOnly]);
    expect(queue.items[0]).toMatchObject({
      flags: ['overdue', 'stale'],
      status: 'no_evidence',
      dueOn: addDays(BASE, 1),
    });
    expect(queue.items[1]).toMatchObject({
      flags: ['stale'],
      status: 'in_progress',
      since: addDays(BASE, 3),
    });
    expect(queue.items.map((item) => item.id)).not.toContain(calm);
    expect(queue.items.map((item) => item.id)).not.toContain(archived);

    const page = await listNeedsAttention({ ...scope, limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ id: staleOnly }] });
    // Past the end: no items, but still the total.
    expect(await listNeedsAttention({ ...scope, limit: 1, offset: 5 })).toEqual({ total: 2, items: [] });
  });
});
