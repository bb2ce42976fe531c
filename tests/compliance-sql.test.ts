// Compliance per party in SQL (lib/data/party-dashboard.ts, one GROUP BY over the per-party status cache) must
// equal the pure G20-style score (lib/domain/compliance.ts) of the per-party statuses the rules derive, for a
// party on its own and together with the parties under it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { getComplianceByParty, listPartyCommitments, listPartiesWithCompliance, getPartyOrThrow } =
  await import('../lib/data/party-dashboard.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { complianceOf } = await import('../lib/domain/compliance.ts');
const { parseDay } = await import('../lib/domain/dates.ts');
const { partyStatuses, STATUSES } = await import('../lib/domain/status.ts');

import type { CommitmentStatus } from '../lib/generated/prisma/enums.ts';

const prisma = testPrisma();
let categoryId: number;
let agreementId: number;

beforeAll(async () => {
  const suffix = unique('compliance');
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } })).id;
  agreementId = (await prisma.agreement.create({ data: { title: `Agreement ${suffix}`, kind: 'treaty' } }))
    .id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

/** A state, a ministry under it, an agency under the ministry, and an unrelated state. */
async function partyTree() {
  const suffix = unique('tree');
  const state = await prisma.party.create({ data: { name: `State ${suffix}`, kind: 'state' } });
  const ministry = await prisma.party.create({
    data: { name: `Ministry ${suffix}`, kind: 'ministry', parentId: state.id },
  });
  const agency = await prisma.party.create({
    data: { name: `Agency ${suffix}`, kind: 'agency', parentId: ministry.id },
  });
  const other = await prisma.party.create({ data: { name: `Other ${suffix}`, kind: 'state' } });
  return { state: state.id, ministry: ministry.id, agency: agency.id, other: other.id };
}

type Plan = {
  responsible: number[]; // indices into the four parties
  beneficiary: number[];
  archived: boolean;
  updates: { status: CommitmentStatus; party: number | null; day: number }[];
};

const plan: fc.Arbitrary<Plan> = fc.record({
  responsible: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  beneficiary: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
  archived: fc.boolean(),
  updates: fc.array(
    fc.record({
      status: fc.constantFrom(...STATUSES),
      party: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      day: fc.integer({ min: 1, max: 9 }),
    }),
    { maxLength: 4 },
  ),
});

describe('compliance per party in SQL', () => {
  it('equals complianceOf() over the derived per-party statuses, own and with sub-parties', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 6 }), async (plans) => {
        const tree = await partyTree();
        const ids = [tree.state, tree.ministry, tree.agency, tree.other];
        // Pure side: each party's statuses on the live commitments it is responsible for.
        const statusesOf = new Map<number, CommitmentStatus[]>(ids.map((id) => [id, []]));
        for (const p of plans) {
          const responsible = p.responsible.map((index) => ids[index]);
          const commitment = await prisma.commitment.create({
            data: {
              agreementId,
              categoryId,
              title: unique('c'),
              archivedAt: p.archived ? new Date() : null,
              parties: {
                create: [
                  ...responsible.map((partyId) => ({ partyId, role: 'responsible' as const })),
                  // A beneficiary role never counts, even for a party that is also responsible elsewhere.
                  ...p.beneficiary
                    .map((index) => ids[index])
                    .filter((partyId) => !responsible.includes(partyId))
                    .map((partyId) => ({ partyId, role: 'beneficiary' as const })),
                ],
              },
            },
          });
          const rows = p.updates.map((u) => ({
            commitmentId: commitment.id,
            status: u.status,
            partyId: u.party === null ? null : ids[u.party],
            reason: 'because',
            observedOn: parseDay(`2025-03-0${u.day}`),
          }));
          const written = await prisma.$transaction((tx) => appendStatusUpdates(tx, null, rows));
          if (p.archived) continue;
          const derived = partyStatuses(written, responsible);
          for (const partyId of responsible) {
            statusesOf
              .get(partyId)!
              .push(derived.find((d) => d.partyId === partyId)?.status ?? 'no_evidence');
          }
        }
        const actual = await getComplianceByParty(ids);
        const expectFor = (partyId: number, members: number[]) => {
          const own = statusesOf.get(partyId)!;
          const all = members.flatMap((member) => statusesOf.get(member)!);
          const got = actual.get(partyId);
          if (!all.length) {
            expect(got).toBeUndefined();
            return;
          }
          expect(got).toEqual({
            own: { ...complianceOf(own), commitments: own.length },
            withSubParties: { ...complianceOf(all), commitments: all.length },
          });
        };
        expectFor(tree.state, [tree.state, tree.ministry, tree.agency]);
        expectFor(tree.ministry, [tree.ministry, tree.agency]);
        expectFor(tree.agency, [tree.agency]);
        expectFor(tree.other, [tree.other]);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('lists a party with the commitments of the parties under it, and nests the party list', async () => {
    const tree = await partyTree();
    const commitment = await prisma.commitment.create({
      data: {
        agreementId,
        categoryId,
        title: unique('agency duty'),
        parties: {
          create: [
            { partyId: tree.agency, role: 'responsible' },
            { partyId: tree.other, role: 'beneficiary' },
          ],
        },
      },
    });
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, null, [
        { commitmentId: commitment.id, status: 'fulfilled', observedOn: parseDay('2025-04-01') },
      ]),
    );

    const ofState = await listPartyCommitments(tree.state);
    expect(ofState.total).toBe(1);
    expect(ofState.items[0]).toMatchObject({
      commitmentId: commitment.id,
      party: { id: tree.agency },
      partyStatus: 'fulfilled',
      status: 'fulfilled',
    });
    expect((await listPartyCommitments(tree.other)).total).toBe(0);
    const benefits = await listPartyCommitments(tree.other, { role: 'beneficiary' });
    expect(benefits.items).toMatchObject([{ commitmentId: commitment.id, partyStatus: null }]);

    const detail = await getPartyOrThrow(tree.agency);
    expect(detail.ancestors.map((party) => party.id)).toEqual([tree.state, tree.ministry]);
    expect((await getPartyOrThrow(tree.state)).children.map((party) => party.id)).toEqual([tree.ministry]);

    const list = await listPartiesWithCompliance();
    const at = (id: number) => list.findIndex((item) => item.id === id);
    expect(at(tree.state)).toBeLessThan(at(tree.ministry));
    expect(at(tree.ministry)).toBeLessThan(at(tree.agency));
    expect(list[at(tree.agency)]).toMatchObject({ depth: 2 });
    expect(list[at(tree.state)].compliance.withSubParties).toMatchObject({ commitments: 1, percent: 100 });
    expect(list[at(tree.state)].compliance.own).toMatchObject({ commitments: 0, percent: null });
  });
});
