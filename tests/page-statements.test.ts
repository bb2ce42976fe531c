// How many SQL statements the commitment page's data takes, whatever the length of its history: each costs the
// server's CPU on every uncached render (Prisma's query path and a socket write), and Prisma reads every relation of
// a nested select in a statement of its own, even for no rows. The bench measures the render (issue 19); this holds
// the count that the raw reads brought down (lib/data/commitments.ts commitmentDetail, lib/data/review.ts
// listCommitmentProposals).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

// lib/db.ts opens its client on first use from DATABASE_URL: point it at this run's test database.
process.env.DATABASE_URL = testDatabaseUrl();

const { getCommitmentDashboard } = await import('../lib/data/commitment-dashboard.ts');
const { listCommitmentProposals } = await import('../lib/data/review.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { db } = await import('../lib/db.ts');
const { addDays, parseDay } = await import('../lib/domain/dates.ts');

const prisma = testPrisma();
let commitmentId: number;

beforeAll(async () => {
  const suffix = unique('statements');
  const category = await prisma.category.create({ data: { slug: suffix, name: `Category ${suffix}` } });
  const [a, b] = await Promise.all(
    ['A', 'B'].map((name) => prisma.party.create({ data: { name: `${name} ${suffix}`, kind: 'state' } })),
  );
  const agreement = await prisma.agreement.create({ data: { title: `Agreement ${suffix}`, kind: 'mou' } });
  const partner = await prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: `Partner ${suffix}` },
  });
  const commitment = await prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Commitment ${suffix}`,
      reciprocalOfId: partner.id,
      parties: {
        create: [
          { partyId: a.id, role: 'responsible' },
          { partyId: b.id, role: 'beneficiary' },
        ],
      },
    },
  });
  commitmentId = commitment.id;
  const outlet = await prisma.outlet.create({ data: { name: `Outlet ${suffix}`, defaultReliability: 'B' } });
  const statuses = ['not_started', 'in_progress', 'partially_fulfilled'] as const;
  const rows: Parameters<typeof appendStatusUpdates>[2][number][] = [];
  for (let i = 0; i < 30; i++) {
    const evidence = await prisma.evidence.create({
      data: {
        url: `https://example.org/${suffix}/${i}`,
        outletId: outlet.id,
        title: `Item ${i}`,
        language: 'en',
        reliability: 'B',
        credibility: 2,
        type: 'concrete_action',
      },
    });
    rows.push({
      commitmentId,
      partyId: i % 3 === 0 ? a.id : null,
      status: statuses[i % 3],
      observedOn: addDays(parseDay('2026-01-01'), i * 3),
      evidenceId: evidence.id,
    });
  }
  await prisma.$transaction((tx) => appendStatusUpdates(tx, null, rows));
});

afterAll(async () => {
  pg.Client.prototype.query = original;
  await prisma.$disconnect();
  await db.$disconnect();
});

/**
 * The statements `work` sends through pg, from this process (the test file's own, one test at a time). The spy is
 * on pg's Client before any connection opens: lib/db-client.ts binds each connection's query when it connects.
 */
let recording: string[] | null = null;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text?: string };
  recording?.push((typeof config === 'string' ? config : (config?.text ?? '')).replace(/\s+/g, ' ').trim());
  return (original as (...params: unknown[]) => unknown).apply(this, args);
} as typeof original;

async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  recording = sent;
  try {
    await work();
  } finally {
    recording = null;
  }
  return sent;
}

describe('the commitment page’s data', () => {
  it('is read in six statements with 30 follow-ups, a reciprocal pair, parties and no proposals', async () => {
    const today = parseDay('2026-12-01');
    // Warm: the pool's connection is open before counting.
    await getCommitmentDashboard(commitmentId, { today });
    const sent = await statementsOf(() =>
      Promise.all([getCommitmentDashboard(commitmentId, { today }), listCommitmentProposals(commitmentId)]),
    );
    // The commitment, its evidence, its history, its state, its parties' statuses; whether it has proposals.
    // (Before: the commitment's relations took six statements more and the empty proposals list seven more.)
    expect(sent, sent.join('\n')).toHaveLength(6);
  });

  it('reads the proposals in full only when there are some', async () => {
    const [row] = await prisma.statusUpdate.findMany({ where: { commitmentId }, take: 1 });
    const author = await prisma.user.create({
      data: { id: unique('u'), name: 'Analyst', email: `${unique('u')}@example.test`, role: 'analyst' },
    });
    await prisma.proposedStatusUpdate.create({
      data: {
        commitmentId,
        status: 'fulfilled',
        observedOn: parseDay('2026-11-01'),
        evidenceId: row.evidenceId,
        authorId: author.id,
      },
    });
    const proposals = await listCommitmentProposals(commitmentId);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      state: 'proposed',
      status: 'fulfilled',
      author: { name: 'Analyst' },
      evidence: { id: row.evidenceId },
      commitment: { id: commitmentId },
    });
  });
});
