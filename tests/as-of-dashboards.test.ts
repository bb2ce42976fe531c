// The overview, party and agreement pages as of a day: their SQL (lib/data/dashboard.ts, party-dashboard.ts,
// agreement-dashboard.ts over lib/data/compliance-sql.ts) must say what the pure rules say of the stored history:
// statusAsOf / partyStatusAsOf / statusSince over the counting rows (lib/domain/status.ts) and complianceAsOf /
// partyComplianceAsOf with the proposal rule (lib/domain/compliance.ts). Histories are generated: row kinds,
// withdrawals, adoptions, back-dated and vague fact dates, ties on day and logged time.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { countCommitmentsByStatus, listRecentFollowUps, withStatusesAsOf } =
  await import('../lib/data/dashboard.ts');
const { complianceOrNone, getComplianceByParty, listPartyCommitments } =
  await import('../lib/data/party-dashboard.ts');
const { getAgreementCompliance, getAgreementComplianceOverTime } =
  await import('../lib/data/agreement-dashboard.ts');
const { refreshStatusCache } = await import('../lib/data/status-cache.ts');
const { fillSnapshotDays, dropSnapshotDays } = await import('../lib/data/snapshots.ts');
const { getPartyComplianceOverTime } = await import('../lib/data/party-series.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { complianceAsOf, partyComplianceAsOf } = await import('../lib/domain/compliance.ts');
const { factBy, parseDay, addDays } = await import('../lib/domain/dates.ts');
const { countsForStatus, partyStatusAsOf, statusAsOf, statusSince, updatesAsOf, updatesForParty, STATUSES } =
  await import('../lib/domain/status.ts');

import type { StatusUpdate } from '../lib/generated/prisma/client.ts';
import type {
  CommitmentStatus,
  CommitmentStrength,
  DatePrecision,
  StatusUpdateKind,
} from '../lib/generated/prisma/enums.ts';

const prisma = testPrisma();
let categoryId: number;

beforeAll(async () => {
  const suffix = unique('asof');
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

type UpdatePlan = {
  status: CommitmentStatus;
  kind: StatusUpdateKind;
  withdrawn: boolean;
  adopts: boolean;
  /** 0 = the commitment as a whole, 1…3 a party of the tree. */
  party: number;
  day: number;
  precision: DatePrecision;
  /** Logged-time bucket: equal buckets force ties on createdAt (then id decides). */
  logged: number;
};

type CommitmentPlan = {
  strength: CommitmentStrength;
  responsible: number[];
  archived: boolean;
  updates: UpdatePlan[];
};

const updatePlan: fc.Arbitrary<UpdatePlan> = fc.record({
  status: fc.constantFrom(...STATUSES),
  kind: fc.constantFrom<StatusUpdateKind>(
    'assessment',
    'assessment',
    'assessment',
    'corroboration',
    'context',
  ),
  withdrawn: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  adopts: fc.boolean(),
  party: fc.integer({ min: 0, max: 3 }),
  day: fc.integer({ min: 0, max: 300 }),
  precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year', 'unknown'),
  logged: fc.integer({ min: 0, max: 3 }),
});

const commitmentPlan: fc.Arbitrary<CommitmentPlan> = fc.record({
  strength: fc.constantFrom<CommitmentStrength>('firm', 'intent', 'proposal', 'proposal'),
  responsible: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
  archived: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  updates: fc.array(updatePlan, { maxLength: 6 }),
});

const START = parseDay('2025-01-01');
const dayOf = (n: number) => addDays(START, n);

type Built = {
  agreementId: number;
  /** The state (1), a ministry under it (2), an unrelated state (3). */
  parties: [number, number, number];
  commitments: {
    id: number;
    strength: CommitmentStrength;
    archived: boolean;
    responsible: number[];
    updates: StatusUpdate[];
  }[];
};

async function build(plans: CommitmentPlan[]): Promise<Built> {
  const suffix = unique('asof');
  const agreement = await prisma.agreement.create({ data: { title: `Agreement ${suffix}`, kind: 'mou' } });
  const state = await prisma.party.create({ data: { name: `State ${suffix}`, kind: 'state' } });
  const ministry = await prisma.party.create({
    data: { name: `Ministry ${suffix}`, kind: 'ministry', parentId: state.id },
  });
  const other = await prisma.party.create({ data: { name: `Other ${suffix}`, kind: 'state' } });
  const parties: [number, number, number] = [state.id, ministry.id, other.id];
  const commitments: Built['commitments'] = [];
  for (const plan of plans) {
    const responsible = plan.responsible.map((index) => parties[index - 1]);
    const commitment = await prisma.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId,
        title: unique('c'),
        strength: plan.strength,
        archivedAt: plan.archived ? new Date() : null,
        parties: { create: responsible.map((partyId) => ({ partyId, role: 'responsible' as const })) },
      },
    });
    await prisma.$transaction(async (tx) => {
      for (const update of plan.updates) {
        const day = dayOf(update.day);
        await tx.statusUpdate.create({
          data: {
            commitmentId: commitment.id,
            status: update.status,
            kind: update.kind,
            withdrawnAt: update.withdrawn ? new Date('2026-01-01T00:00:00Z') : null,
            adoptsProposal: update.adopts,
            partyId: update.party === 0 ? null : parties[update.party - 1],
            observedOn: update.precision === 'unknown' ? day : factBy(day, update.precision),
            observedPrecision: update.precision,
            createdAt: new Date(Date.UTC(2025, 11, 1, update.logged)),
          },
        });
      }
      await refreshStatusCache(tx, [commitment.id]);
    });
    const updates = await prisma.statusUpdate.findMany({ where: { commitmentId: commitment.id } });
    commitments.push({
      id: commitment.id,
      strength: plan.strength,
      archived: plan.archived,
      responsible,
      updates,
    });
  }
  return { agreementId: agreement.id, parties, commitments };
}

const histories = fc.array(commitmentPlan, { minLength: 1, maxLength: 5 });
/** Days to look at, inside and around the histories' span (updates run from day 0 to ~day 365). */
const asOfDays = fc.uniqueArray(fc.integer({ min: -5, max: 400 }), { minLength: 1, maxLength: 3 });

const counting = (updates: readonly StatusUpdate[]) => updates.filter(countsForStatus);

describe('status counts and compliance as of a day (SQL = rules)', () => {
  it('the agreement: counts by status, compliance overall and per party, over time', async () => {
    await fc.assert(
      fc.asyncProperty(histories, asOfDays, async (plans, offsets) => {
        const built = await build(plans);
        const live = built.commitments.filter((c) => !c.archived);
        const days = offsets.map(dayOf);
        for (const day of days) {
          const counts = await countCommitmentsByStatus({ agreementId: built.agreementId, asOf: day });
          const expected = Object.fromEntries(STATUSES.map((status) => [status, 0]));
          for (const c of live) expected[statusAsOf(counting(c.updates), day)] += 1;
          expect(counts).toEqual(expected);

          const compliance = await getAgreementCompliance(built.agreementId, { asOf: day });
          expect(compliance.overall).toEqual(complianceAsOf(live, day));
          for (const partyId of built.parties) {
            const responsibilities = live
              .filter((c) => c.responsible.includes(partyId))
              .map((c) => ({ ...c, partyId }));
            const got = compliance.parties.find((entry) => entry.party.id === partyId);
            const want = partyComplianceAsOf(responsibilities, day);
            if (want.commitments === 0) expect(got).toBeUndefined();
            else expect(got?.compliance).toEqual(want);
          }
        }
        const series = await getAgreementComplianceOverTime(built.agreementId, days);
        expect(series).toEqual(days.map((day) => ({ day, compliance: complianceAsOf(live, day) })));
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  it('a party: compliance own and with sub-parties, over time, and its commitments table', async () => {
    await fc.assert(
      fc.asyncProperty(histories, asOfDays, async (plans, offsets) => {
        const built = await build(plans);
        const [state, ministry, other] = built.parties;
        const live = built.commitments.filter((c) => !c.archived);
        const responsibilitiesOf = (members: number[]) =>
          members.flatMap((partyId) =>
            live.filter((c) => c.responsible.includes(partyId)).map((c) => ({ ...c, partyId })),
          );
        const days = offsets.map(dayOf);
        for (const day of days) {
          const got = await getComplianceByParty(built.parties, { asOf: day });
          for (const [partyId, members] of [
            [state, [state, ministry]],
            [ministry, [ministry]],
            [other, [other]],
          ] as const) {
            expect(complianceOrNone(got, partyId)).toEqual({
              own: partyComplianceAsOf(responsibilitiesOf([partyId]), day),
              withSubParties: partyComplianceAsOf(responsibilitiesOf([...members]), day),
            });
          }

          // The state's table: every (commitment, party) row with both statuses as of the day.
          const table = await listPartyCommitments(state, { asOf: day, pageSize: 100 });
          const rows = live.flatMap((c) =>
            c.responsible.filter((p) => p === state || p === ministry).map((partyId) => ({ c, partyId })),
          );
          expect(table.total).toBe(rows.length);
          for (const item of table.items) {
            const c = live.find((entry) => entry.id === item.commitmentId)!;
            const whole = updatesAsOf(counting(c.updates), day);
            const own = updatesAsOf(updatesForParty(counting(c.updates), item.party.id), day);
            expect(item).toMatchObject({
              strength: c.strength,
              status: statusAsOf(whole, day),
              statusSince: statusSince(whole),
              partyStatus: partyStatusAsOf(counting(c.updates), item.party.id, day),
              partySince: statusSince(own),
            });
          }
        }
        const series = await getPartyComplianceOverTime(state, days);
        expect(series).toEqual(
          days.map((day) => ({
            day,
            compliance: partyComplianceAsOf(responsibilitiesOf([state, ministry]), day),
          })),
        );
      }),
      { numRuns: 15 },
    );
  }, 180_000);

  it('a party’s chart from kept days (snapshots) says what the rules say, before and after a back-dated follow-up', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories,
        asOfDays,
        fc.integer({ min: -5, max: 400 }),
        async (plans, offsets, backDated) => {
          const built = await build(plans);
          const [state, ministry] = built.parties;
          const days = offsets.map(dayOf);
          const expected = async () => {
            const live: Built['commitments'] = [];
            for (const c of built.commitments.filter((entry) => !entry.archived)) {
              const updates = await prisma.statusUpdate.findMany({ where: { commitmentId: c.id } });
              live.push({ ...c, updates });
            }
            const responsibilities = [state, ministry].flatMap((partyId) =>
              live.filter((c) => c.responsible.includes(partyId)).map((c) => ({ ...c, partyId })),
            );
            return days.map((day) => ({ day, compliance: partyComplianceAsOf(responsibilities, day) }));
          };
          // Kept: the rows written for every responsibility, then each later write keeps them.
          await fillSnapshotDays(db, days);
          try {
            expect(await getPartyComplianceOverTime(state, days)).toEqual(await expected());
            const target = built.commitments.find((c) => !c.archived && c.responsible.length);
            if (target) {
              await db.$transaction((tx) =>
                appendStatusUpdates(tx, null, [
                  {
                    commitmentId: target.id,
                    partyId: target.responsible[0],
                    status: 'broken',
                    reason: 'A back-dated report of a breach.',
                    observedOn: dayOf(backDated),
                  },
                ]),
              );
            }
            expect(await getPartyComplianceOverTime(state, days)).toEqual(await expected());
          } finally {
            await dropSnapshotDays(db, days);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);

  it('a follow-up after every kept day leaves the kept rows alone; a back-dated one rewrites them', async () => {
    const built = await build([
      {
        strength: 'firm',
        responsible: [1],
        archived: false,
        updates: [
          {
            status: 'in_progress',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 1,
            precision: 'day',
            logged: 0,
          },
        ],
      },
    ]);
    const [commitment] = built.commitments;
    const kept = dayOf(10);
    const keptRows = () =>
      prisma.$queryRaw<{ version: string; status: string }[]>`
        SELECT xmin::text AS version, status::text AS status FROM "ResponsibilitySnapshot"
         WHERE "commitmentId" = ${commitment.id} AND day = ${kept}::date`;
    const append = (day: number, status: CommitmentStatus) =>
      db.$transaction((tx) =>
        appendStatusUpdates(tx, null, [
          { commitmentId: commitment.id, status, reason: 'Reported that day.', observedOn: dayOf(day) },
        ]),
      );
    await fillSnapshotDays(db, [kept]);
    try {
      const [before] = await keptRows();
      expect(before.status).toBe('in_progress');
      // After the kept day: the row is not rewritten (same row version), and still says what the rules say.
      await append(20, 'stalled');
      expect(await keptRows()).toEqual([before]);
      // Before it: rewritten, to the back-dated status.
      await append(5, 'broken');
      const [after] = await keptRows();
      expect(after.status).toBe('broken');
      expect(after.version).not.toBe(before.version);
    } finally {
      await dropSnapshotDays(db, [kept]);
    }
  });

  it('today, from the cache, leaves unadopted proposals out as the rules do', async () => {
    await fc.assert(
      fc.asyncProperty(histories, async (plans) => {
        const built = await build(plans);
        const live = built.commitments.filter((c) => !c.archived);
        // Every generated fact is in 2025–2026, before this "today", so the cache holds the state as of it.
        const today = parseDay('2030-01-01');
        const compliance = await getAgreementCompliance(built.agreementId, { today });
        expect(compliance.overall).toEqual(complianceAsOf(live, today));
        const [state] = built.parties;
        const byParty = await getComplianceByParty([state], { today });
        const own = live.filter((c) => c.responsible.includes(state)).map((c) => ({ ...c, partyId: state }));
        // A party none of whose commitments count (none, or only unadopted proposals) has no row of its own.
        const want = partyComplianceAsOf(own, today);
        const got = byParty.get(state)?.own;
        if (want.commitments > 0 || got !== undefined) expect(got).toEqual(want);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('a proposal in compliance', () => {
  it('counts from the fact date of a counting adoption, not before, and never on a withdrawn one', async () => {
    const built = await build([
      {
        strength: 'proposal',
        responsible: [1],
        archived: false,
        updates: [
          {
            status: 'in_progress',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 10,
            precision: 'day',
            logged: 0,
          },
          // A withdrawn adoption does not adopt it.
          {
            status: 'in_progress',
            kind: 'assessment',
            withdrawn: true,
            adopts: true,
            party: 0,
            day: 20,
            precision: 'day',
            logged: 0,
          },
          {
            status: 'fulfilled',
            kind: 'assessment',
            withdrawn: false,
            adopts: true,
            party: 0,
            day: 100,
            precision: 'day',
            logged: 1,
          },
        ],
      },
      {
        strength: 'firm',
        responsible: [1],
        archived: false,
        updates: [
          {
            status: 'broken',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 5,
            precision: 'day',
            logged: 0,
          },
        ],
      },
    ]);
    const before = await getAgreementCompliance(built.agreementId, { asOf: dayOf(99) });
    expect(before.overall).toMatchObject({ commitments: 1, scored: 1, percent: 0 });
    const after = await getAgreementCompliance(built.agreementId, { asOf: dayOf(100) });
    expect(after.overall).toMatchObject({ commitments: 2, scored: 2, percent: 50 });
  });
});

describe('the overview as of a day', () => {
  it('lists only follow-ups whose fact held by then, newest news first', async () => {
    const built = await build([
      {
        strength: 'firm',
        responsible: [],
        archived: false,
        updates: [
          {
            status: 'not_started',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 10,
            precision: 'day',
            logged: 3,
          },
          {
            status: 'in_progress',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 40,
            precision: 'day',
            logged: 0,
          },
          {
            status: 'fulfilled',
            kind: 'assessment',
            withdrawn: false,
            adopts: false,
            party: 0,
            day: 200,
            precision: 'day',
            logged: 0,
          },
        ],
      },
    ]);
    const [commitment] = built.commitments;
    const recent = (await listRecentFollowUps({ asOf: dayOf(50), limit: 1000 })).filter(
      (item) => item.commitment.id === commitment.id,
    );
    expect(recent.map((item) => item.status)).toEqual(['in_progress', 'not_started']);

    const [row] = await withStatusesAsOf(
      [{ id: commitment.id, status: 'fulfilled' as CommitmentStatus, statusSince: dayOf(200) }],
      dayOf(50),
    );
    expect(row).toMatchObject({ status: 'in_progress', statusSince: dayOf(40) });
  });
});
