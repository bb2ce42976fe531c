// The overview's recent follow-ups (listRecentFollowUps, lib/data/dashboard.ts) on a real database: read in one
// raw statement, held equal here to the Prisma findMany that statement replaced (copied below as the reference):
// same rows, same order, same fields, same nulls, Dates as Dates, today and as of a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

// lib/db.ts opens its client on first use from DATABASE_URL: point it at this run's test database.
process.env.DATABASE_URL = testDatabaseUrl();

const { listRecentFollowUps } = await import('../lib/data/dashboard.ts');
const { retractStatusUpdate } = await import('../lib/data/corrections.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { parseDay } = await import('../lib/domain/dates.ts');

const prisma = testPrisma();

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The findMany listRecentFollowUps was before it became one raw statement, select and all (the reference). */
function prismaRecentFollowUps(client: Tx, { limit = 8, asOf }: { limit?: number; asOf?: Date | null } = {}) {
  return client.statusUpdate.findMany({
    select: {
      id: true,
      status: true,
      kind: true,
      withdrawnAt: true,
      observedOn: true,
      observedPrecision: true,
      createdAt: true,
      reason: true,
      party: { select: { id: true, name: true } },
      author: { select: { name: true } },
      commitment: { select: { id: true, title: true } },
      evidence: {
        select: {
          id: true,
          title: true,
          reliability: true,
          credibility: true,
          type: true,
          outlet: { select: { name: true } },
          url: true,
        },
      },
    },
    where: asOf
      ? { commitment: { archivedAt: null }, observedFrom: { lte: asOf }, observedOn: { lte: asOf } }
      : { commitment: { archivedAt: null } },
    orderBy: asOf
      ? [{ observedFrom: 'desc' }, { observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }]
      : [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}

/**
 * Both queries on one snapshot (other files write to this database at the same time), so they must agree on
 * every row, ours and everyone else's. `limit: 'since-start'`: every row logged since this file's first one.
 */
async function bothQueries(options: { limit?: number | 'since-start'; asOf?: Date | null }) {
  return prisma.$transaction(
    async (tx) => {
      const limit =
        options.limit === 'since-start'
          ? await tx.statusUpdate.count({ where: { createdAt: { gte: firstLoggedAt } } })
          : options.limit;
      const args = { limit, asOf: options.asOf };
      const raw = await listRecentFollowUps(args, tx);
      const reference = await prismaRecentFollowUps(tx, args);
      return { raw, reference };
    },
    { isolationLevel: 'RepeatableRead' },
  );
}

let firstLoggedAt: Date;
const ids: Record<'announced' | 'partyMonth' | 'corroboration' | 'context' | 'archived', number> = {
  announced: 0,
  partyMonth: 0,
  corroboration: 0,
  context: 0,
  archived: 0,
};
let zeta: number;
let alpha: number;

beforeAll(async () => {
  const suffix = unique('recent');
  const author = await createTestUser(prisma, 'analyst', { label: 'recent-author' });
  const categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } }))
    .id;
  // Zeta first: the responsible parties' id order is not their name order.
  zeta = (await prisma.party.create({ data: { name: `Zeta ${suffix}`, kind: 'state' } })).id;
  alpha = (await prisma.party.create({ data: { name: `Alpha ${suffix}`, kind: 'state' } })).id;
  const beneficiary = (await prisma.party.create({ data: { name: `Beneficiary ${suffix}`, kind: 'state' } }))
    .id;
  const agreementId = (
    await prisma.agreement.create({
      data: {
        title: `Agreement ${suffix}`,
        kind: 'joint_statement',
        parties: { create: [{ partyId: zeta, role: 'host' }, { partyId: alpha }] },
      },
    })
  ).id;
  const newCommitment = (title: string, archived = false) =>
    prisma.commitment.create({
      data: {
        agreementId,
        categoryId,
        title: `${title} ${suffix}`,
        archivedAt: archived ? new Date() : null,
        parties: {
          create: [
            { partyId: zeta, role: 'responsible' },
            { partyId: alpha, role: 'responsible' },
            { partyId: beneficiary, role: 'beneficiary' },
          ],
        },
      },
    });
  const [unit, visits, archived] = [
    await newCommitment('Protection unit'),
    await newCommitment('Reciprocal visits'),
    await newCommitment('Withdrawn idea', true),
  ];
  const outlet = await prisma.outlet.create({ data: { name: `Outlet ${suffix}`, defaultReliability: 'B' } });
  const newEvidence = (label: string, publishedOn: string | null, type: 'announcement' | 'concrete_action') =>
    prisma.evidence.create({
      data: {
        url: `https://example.org/${suffix}/${label}`,
        outletId: outlet.id,
        title: `Evidence ${label} ${suffix}`,
        language: 'en',
        publishedOn: publishedOn ? parseDay(publishedOn) : null,
        reliability: 'B',
        credibility: 2,
        type,
      },
    });
  const dated = await newEvidence('dated', '1911-03-01', 'announcement');
  const undated = await newEvidence('undated', null, 'concrete_action');

  // Days long past, so that as of 1911 the list is (nearly) only this file's rows.
  firstLoggedAt = new Date(Date.now() - 1000);
  const [announced] = await prisma.$transaction((tx) =>
    appendStatusUpdates(
      tx,
      author.id,
      [
        {
          commitmentId: unit.id,
          status: 'not_started',
          reason: 'Announced only',
          observedOn: parseDay('1911-03-01'),
          evidenceId: dated.id,
        },
      ],
      { loggedAt: firstLoggedAt },
    ),
  );
  // Two rows of one write share its createdAt: the id decides between them.
  const [partyMonth, corroboration] = await prisma.$transaction((tx) =>
    appendStatusUpdates(tx, author.id, [
      {
        commitmentId: unit.id,
        partyId: alpha,
        status: 'in_progress',
        observedOn: parseDay('1911-05-31'),
        observedPrecision: 'month',
        evidenceId: undated.id,
      },
      {
        commitmentId: unit.id,
        kind: 'corroboration',
        status: 'not_started',
        reason: 'Still only announced',
        observedOn: parseDay('1911-04-10'),
        evidenceId: dated.id,
      },
    ]),
  );
  // A context row without evidence and without an author, of an undated fact.
  const [context] = await prisma.$transaction((tx) =>
    appendStatusUpdates(
      tx,
      author.id,
      [
        {
          commitmentId: visits.id,
          kind: 'context',
          status: 'stalled',
          reason: 'Quiet',
          observedOn: parseDay('1911-06-01'),
          observedPrecision: 'unknown',
        },
      ],
      { authorId: null },
    ),
  );
  // An archived commitment's row: in neither list.
  const [onArchived] = await prisma.$transaction((tx) =>
    appendStatusUpdates(tx, author.id, [
      { commitmentId: archived.id, status: 'in_progress', observedOn: parseDay('1911-02-01') },
    ]),
  );
  // A withdrawn row stays in the list, with its withdrawal time.
  await retractStatusUpdate({ updateId: announced.id, why: 'Wrong article.' }, author.id, prisma);
  Object.assign(ids, {
    announced: announced.id,
    partyMonth: partyMonth.id,
    corroboration: corroboration.id,
    context: context.id,
    archived: onArchived.id,
  });
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

describe('listRecentFollowUps', () => {
  it('today: the same rows, order and fields as the findMany it replaced', async () => {
    const { raw, reference } = await bothQueries({ limit: 'since-start' });
    expect(raw).toEqual(reference);

    // This file's rows are among them, newest logged first (same createdAt: the later id first), each relation as
    // Prisma gives it: the party of a party-scoped row, no evidence, no author, the withdrawal time.
    const ours = raw.filter((row) => Object.values(ids).includes(row.id));
    expect(ours.map((row) => row.id)).toEqual([
      ids.context,
      ids.corroboration,
      ids.partyMonth,
      ids.announced,
    ]);
    expect(ours[0]).toMatchObject({ kind: 'context', evidence: null, author: null, party: null });
    expect(ours[0].observedOn).toEqual(parseDay('1911-06-01'));
    expect(ours[2].party).toEqual({ id: alpha, name: expect.stringMatching(/^Alpha /) });
    expect(ours[2].evidence).toMatchObject({ type: 'concrete_action', outlet: { name: expect.any(String) } });
    expect(ours[3].withdrawnAt).toBeInstanceOf(Date);
    expect(ours[3].author).toEqual({ name: 'Test recent-author' });

    for (const limit of [undefined, 1, 3]) {
      const both = await bothQueries({ limit });
      expect(both.raw).toEqual(both.reference);
      expect(both.raw.length).toBeLessThanOrEqual(limit ?? 8);
    }
  });

  it('as of a day: the same rows, order and fields as the findMany it replaced', async () => {
    for (const [asOf, expected] of [
      // Newest news first: observedFrom (an undated fact's is 0001-01-01, so it comes last), then observedOn.
      ['1911-12-31', [ids.partyMonth, ids.corroboration, ids.announced, ids.context]],
      // The month row held from 1911-05-01 but is known only by its end (observedOn): not yet.
      ['1911-05-15', [ids.corroboration, ids.announced]],
      ['1911-04-10', [ids.corroboration, ids.announced]],
      ['1911-04-09', [ids.announced]],
    ] as const) {
      const { raw, reference } = await bothQueries({ limit: 'since-start', asOf: parseDay(asOf) });
      expect(raw).toEqual(reference);
      expect(raw.map((row) => row.id).filter((id) => Object.values(ids).includes(id))).toEqual(expected);
    }
    for (const limit of [undefined, 2]) {
      const both = await bothQueries({ limit, asOf: parseDay('1911-12-31') });
      expect(both.raw).toEqual(both.reference);
    }
  });
});
