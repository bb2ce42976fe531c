// The needs-attention SQL (lib/data/attention.ts) must say exactly what the pure rules (lib/domain/attention.ts and
// status.ts) say: for random histories with same-day ties, back-dated items, party-specific updates, evidence of
// every grade, rows of every kind (assessment, corroboration, context), withdrawn rows, a per-row evidence type and
// recurring commitments, today and as of a day (the boundary day included).
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
const { recurrenceOf } = await import('../lib/domain/recurrence.ts');
const { currentStatus, STATUSES, statusSince, updatesAsOf } = await import('../lib/domain/status.ts');

import type {
  CommitmentStatus,
  DatePrecision,
  EvidenceType,
  Reliability,
  StatusUpdateKind,
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
  /** Absent: an assessment. */
  kind?: StatusUpdateKind;
  /** A corrected or retracted row: stays in history, counts for nothing. */
  withdrawn?: boolean;
  /** How the item bears on this commitment when not its own type. */
  evidenceType?: EvidenceType | null;
};

type Sample = {
  createdDay: number;
  dueDay: number | null;
  /** A recurring commitment: every `months` months from `startsOn` (then "overdue" ignores `dueDay`). */
  recurrence?: { months: number; startsOn: string } | null;
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
  kind: fc.constantFrom<StatusUpdateKind>(
    'assessment',
    'assessment',
    'assessment',
    'corroboration',
    'context',
  ),
  withdrawn: fc.constantFrom(false, false, false, true),
  evidenceType: fc.constantFrom<EvidenceType | null>(null, null, null, ...TYPES),
});

const sample: fc.Arbitrary<Sample> = fc.record({
  createdDay: fc.integer({ min: 0, max: 20 }),
  dueDay: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  // Starts on month ends (clamped periods), mid-month and on the base day; periods of one to four months.
  recurrence: fc.option(
    fc.record({
      months: fc.integer({ min: 1, max: 4 }),
      startsOn: fc.constantFrom(
        '2024-08-31',
        '2024-10-31',
        '2024-11-30',
        '2024-12-15',
        '2025-01-01',
        '2025-01-10',
      ),
    }),
    { nil: null },
  ),
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
        recurrenceMonths: sample.recurrence?.months ?? null,
        recurrenceStartsOn: sample.recurrence ? parseDay(sample.recurrence.startsOn) : null,
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
          kind: row.kind ?? 'assessment',
          withdrawnAt: row.withdrawn ? new Date(BASE.getTime() + 41 * 86_400_000) : null,
          evidenceType: row.evidence === null ? null : (row.evidenceType ?? null),
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
    status: currentStatus(updates),
    since: statusSince(updates),
    flags: attentionFlags(
      {
        dueOn: commitment.dueOn,
        recurrence: recurrenceOf(commitment),
        createdOn: toDay(commitment.createdAt),
        updates,
      },
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
      { numRuns: 60 },
    );
  }, 240_000);

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

describe('what counts for the flags (docs/decisions/010-what-counts.md)', () => {
  // Indices into evidenceIds (see beforeAll): 16/17 are a B2/E5 announcement, 18 a B2 concrete action, 20 a B2
  // contradiction, 19 an E5 concrete action.
  const base = { createdDay: 0, dueDay: null, todayDay: 0, staleAfterDays: 10, asOfDay: 0 };
  const state = async (id: number, todayDay: number) =>
    (await getCommitmentStates([id], { today: addDays(BASE, todayDay), staleAfterDays: 10 })).get(id);

  it('ignores withdrawn and context rows; a corroboration is news, support and the latest evidence', async () => {
    const id = await write({
      ...base,
      history: [
        { status: 'in_progress', day: 1, minute: 0, evidence: 17, party: null },
        // Withdrawn: would have been the status, strong support and fresh news.
        { status: 'fulfilled', day: 5, minute: 0, evidence: 16, party: null, withdrawn: true },
        // Context: never news, never status.
        { status: 'broken', day: 9, minute: 0, evidence: 20, party: null, kind: 'context' },
      ],
    });
    expect(await state(id, 12)).toMatchObject({
      status: 'in_progress',
      since: addDays(BASE, 1),
      lastEvidenceOn: addDays(BASE, 1),
      flags: ['stale', 'weak'],
    });

    const corroborated = await write({
      ...base,
      history: [
        { status: 'in_progress', day: 1, minute: 0, evidence: 17, party: null },
        // A strong corroboration of the same status, later: fresh news and strong support.
        { status: 'in_progress', day: 8, minute: 0, evidence: 16, party: null, kind: 'corroboration' },
      ],
    });
    expect(await state(corroborated, 12)).toMatchObject({
      status: 'in_progress',
      since: addDays(BASE, 1),
      lastEvidenceOn: addDays(BASE, 8),
      flags: [],
    });

    // The newest evidence is a corroboration citing an item that, for this commitment, contradicts it.
    const contradicted = await write({
      ...base,
      history: [
        { status: 'in_progress', day: 1, minute: 0, evidence: 16, party: null },
        {
          status: 'in_progress',
          day: 3,
          minute: 0,
          evidence: 18,
          party: null,
          kind: 'corroboration',
          evidenceType: 'contradiction',
        },
      ],
    });
    expect((await state(contradicted, 4))?.flags).toEqual(['contradicted']);
    // ...and a contradiction item that, for this commitment, is an announcement does not.
    const notContradicted = await write({
      ...base,
      history: [
        { status: 'stalled', day: 1, minute: 0, evidence: 20, party: null, evidenceType: 'announcement' },
      ],
    });
    expect((await state(notContradicted, 4))?.flags).toEqual([]);
  });

  it('judges a recurring commitment by its last ended period, with periods clamped to month ends', async () => {
    // Every month from 31 January 2024: periods 31 Jan–28 Feb, 29 Feb–30 Mar, 31 Mar–29 Apr (counted from the
    // first day, as addMonths does; stepping month by month would give 29 Feb–28 Mar). Held by evidence on 30 Mar.
    const monthly = await prisma.$transaction(async (tx) => {
      const commitment = await tx.commitment.create({
        data: {
          agreementId,
          categoryId,
          title: unique('recurring'),
          dueOn: parseDay('2024-01-01'),
          recurrenceMonths: 1,
          recurrenceStartsOn: parseDay('2024-01-31'),
          createdAt: parseDay('2024-01-01'),
        },
      });
      for (const [day, evidence, kind] of [
        ['2024-02-10', 18, 'assessment'],
        ['2024-03-30', 18, 'corroboration'],
        // Withdrawn and context rows are no occurrence; neither is an announcement.
        ['2024-04-10', 16, 'assessment'],
      ] as const) {
        await tx.statusUpdate.create({
          data: {
            commitmentId: commitment.id,
            status: 'in_progress',
            observedOn: parseDay(day),
            evidenceId: evidenceIds[evidence],
            kind,
          },
        });
      }
      await refreshStatusCache(tx, [commitment.id]);
      return commitment.id;
    });
    const commitment = await prisma.commitment.findUniqueOrThrow({
      where: { id: monthly },
      include: { statusUpdates: { include: { evidence: true } } },
    });
    const rule = recurrenceOf(commitment);
    expect(rule).not.toBeNull();
    const overdueDays: string[] = [];
    for (let offset = 0; offset <= 130; offset++) {
      const today = addDays(parseDay('2024-01-25'), offset);
      const sqlOverdue = (await getCommitmentStates([monthly], { today, staleAfterDays: 999 }))
        .get(monthly)
        ?.flags.includes('overdue');
      const asOfOverdue = (await getCommitmentStates([monthly], { asOf: today, staleAfterDays: 999 }))
        .get(monthly)
        ?.flags.includes('overdue');
      const rules = attentionFlags(
        {
          dueOn: commitment.dueOn,
          recurrence: rule,
          createdOn: toDay(commitment.createdAt),
          updates: commitment.statusUpdates,
        },
        { today, staleAfterDays: 999 },
      ).includes('overdue');
      const rulesAsOf = attentionFlags(
        {
          dueOn: commitment.dueOn,
          recurrence: rule,
          createdOn: toDay(commitment.createdAt),
          updates: updatesAsOf(commitment.statusUpdates, today),
        },
        { today, staleAfterDays: 999 },
      ).includes('overdue');
      expect({ day: today, sql: sqlOverdue, asOf: asOfOverdue }).toEqual({
        day: today,
        sql: rules,
        asOf: rulesAsOf,
      });
      if (rules) overdueDays.push(today.toISOString().slice(0, 10));
    }
    // Overdue from the day after the period 31 Mar–29 Apr ended without an occurrence, until the next one ends:
    // 30 Apr–30 May also has none, so it stays overdue to the end of the range.
    expect(overdueDays[0]).toBe('2024-04-30');
    const [{ clamped }] = await prisma.$queryRaw<{ clamped: Date }[]>`
      SELECT ('2024-01-31'::date + make_interval(months => 2))::date AS clamped`;
    expect(clamped).toEqual(parseDay('2024-03-31'));
  }, 120_000);
});
