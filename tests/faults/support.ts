// Shared by the fault tests: records to write follow-ups against, an embedded database a test can kill and
// restart, and the consistency checks every fault test ends with (nothing half-written, the status cache equal
// to what the rules derive from the history, and equal to what a rebuild writes).
import { expect } from 'vitest';
import { refreshStatusCache } from '../../lib/data/status-cache.ts';
import { attentionFlags } from '../../lib/domain/attention.ts';
import { toDay } from '../../lib/domain/dates.ts';
import { deriveStatus, partyStatuses } from '../../lib/domain/status.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { logFollowUpSchema, type LogFollowUpInput } from '../../lib/validation/follow-up.ts';
import { unique } from '../support/db.ts';

export { freePort, killEmbeddedDatabase, waitFor } from './processes.ts';

// ---- records ----------------------------------------------------------------------------------------------

export type FollowUpFixture = {
  commitmentIds: number[];
  /** Responsible parties of each commitment (two each). */
  partiesOf: Map<number, number[]>;
  outletId: number;
};

/** Commitments (each with two responsible parties and a beneficiary) and an outlet, all new. */
export async function createFollowUpFixture(prisma: PrismaClient, commitments = 1): Promise<FollowUpFixture> {
  const category = await prisma.category.create({ data: { slug: unique('faults'), name: unique('Faults') } });
  const agreement = await prisma.agreement.create({
    data: { title: unique('Faults agreement'), kind: 'mou' },
  });
  const outlet = await prisma.outlet.create({
    data: { name: unique('Faults outlet'), defaultReliability: 'B' },
  });
  const commitmentIds: number[] = [];
  const partiesOf = new Map<number, number[]>();
  for (let i = 0; i < commitments; i++) {
    const [a, b, beneficiary] = await Promise.all(
      ['A', 'B', 'C'].map((label) =>
        prisma.party.create({ data: { name: unique(`Faults party ${label}`), kind: 'state' } }),
      ),
    );
    const commitment = await prisma.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title: unique('Faults commitment'),
        parties: {
          create: [
            { partyId: a.id, role: 'responsible' },
            { partyId: b.id, role: 'responsible' },
            { partyId: beneficiary.id, role: 'beneficiary' },
          ],
        },
      },
    });
    commitmentIds.push(commitment.id);
    partiesOf.set(commitment.id, [a.id, b.id]);
  }
  return { commitmentIds, partiesOf, outletId: outlet.id };
}

const STATUS_CYCLE = ['in_progress', 'partially_fulfilled', 'stalled', 'fulfilled', 'not_started', 'broken'];

/**
 * The form fields of a follow-up (what the log-follow-up form posts), varied by `n`: the status, the fact day
 * (so back-dated items interleave with newer ones) and whether a row assesses one party or the whole commitment.
 */
export function followUpFields(fixture: FollowUpFixture, n: number, commitmentIds = fixture.commitmentIds) {
  const fields: Record<string, string> = {
    url: `https://news.example.com/faults/${unique(`item-${n}`)}`,
    outlet: String(fixture.outletId),
    title: `Follow-up ${n} — 后续 — متابعة`,
    language: 'en',
    publishedOn: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
    credibility: String((n % 6) + 1),
    type: n % 2 ? 'announcement' : 'concrete_action',
  };
  commitmentIds.forEach((commitmentId, index) => {
    const status = STATUS_CYCLE[(n + index) % STATUS_CYCLE.length];
    const parties = fixture.partiesOf.get(commitmentId) ?? [];
    fields[`rows.${index}.commitmentId`] = String(commitmentId);
    fields[`rows.${index}.status`] = status;
    if (status === 'stalled' || status === 'broken') fields[`rows.${index}.reason`] = `Reason ${n}`;
    // Every third row assesses one party, the others the commitment as a whole.
    if (n % 3 === 0 && parties.length) fields[`rows.${index}.partyId`] = String(parties[n % parties.length]);
    // Every other row has a fact day of its own, some on the same day as others (ties decided by log order).
    if (n % 2 === 0) fields[`rows.${index}.observedOn`] = `2025-0${(n % 9) + 1}-15`;
  });
  return fields;
}

/** The parsed input of the log-follow-up action, through its real schema. */
export function followUpInput(fields: Record<string, string>): LogFollowUpInput {
  return logFollowUpSchema.parse(fields);
}

// ---- consistency -----------------------------------------------------------------------------------------

type CacheSnapshot = {
  commitments: {
    id: number;
    status: string;
    statusSince: Date | null;
    lastEvidenceOn: Date | null;
    contradicted: boolean;
    weaklySupported: boolean;
  }[];
  parties: { commitmentId: number; partyId: number; status: string; statusSince: Date }[];
};

async function cacheSnapshot(prisma: PrismaClient, commitmentIds: number[]): Promise<CacheSnapshot> {
  const [commitments, parties] = await Promise.all([
    prisma.commitment.findMany({
      where: { id: { in: commitmentIds } },
      select: {
        id: true,
        status: true,
        statusSince: true,
        lastEvidenceOn: true,
        contradicted: true,
        weaklySupported: true,
      },
      orderBy: { id: 'asc' },
    }),
    prisma.commitmentPartyStatus.findMany({
      where: { commitmentId: { in: commitmentIds } },
      select: { commitmentId: true, partyId: true, status: true, statusSince: true },
      orderBy: [{ commitmentId: 'asc' }, { partyId: 'asc' }],
    }),
  ]);
  return { commitments, parties };
}

/**
 * The cached status columns, history-based attention flags and per-party rows equal the pure rules applied to the
 * stored history.
 */
export async function expectCacheMatchesDerivation(prisma: PrismaClient, commitmentIds: number[]) {
  const commitments = await prisma.commitment.findMany({
    where: { id: { in: commitmentIds } },
    include: {
      statusUpdates: {
        include: { evidence: { select: { reliability: true, credibility: true, type: true } } },
      },
      partyStatuses: true,
      parties: true,
    },
  });
  expect(commitments).toHaveLength(new Set(commitmentIds).size);
  for (const commitment of commitments) {
    expect(
      { status: commitment.status, since: commitment.statusSince, lastObservedOn: commitment.lastEvidenceOn },
      `cache of commitment ${commitment.id}`,
    ).toEqual(deriveStatus(commitment.statusUpdates));
    // Contradicted and weak do not depend on the day (overdue and stale do, and are not cached).
    const flags = attentionFlags(
      { dueOn: null, createdOn: toDay(commitment.createdAt), updates: commitment.statusUpdates },
      { today: toDay(commitment.createdAt), staleAfterDays: 1_000_000 },
    );
    expect(
      { contradicted: commitment.contradicted, weak: commitment.weaklySupported },
      `cached attention flags of commitment ${commitment.id}`,
    ).toEqual({ contradicted: flags.includes('contradicted'), weak: flags.includes('weak') });
    const responsible = commitment.parties.filter((p) => p.role === 'responsible').map((p) => p.partyId);
    expect(
      commitment.partyStatuses
        .map((row) => ({ partyId: row.partyId, status: row.status, since: row.statusSince }))
        .sort((a, b) => a.partyId - b.partyId),
      `per-party cache of commitment ${commitment.id}`,
    ).toEqual(partyStatuses(commitment.statusUpdates, responsible).sort((a, b) => a.partyId - b.partyId));
  }
}

/** Recomputing the cache from history (what `rebuildStatusCache` does) changes nothing. */
export async function expectCacheSurvivesRebuild(prisma: PrismaClient, commitmentIds: number[]) {
  const before = await cacheSnapshot(prisma, commitmentIds);
  await prisma.$transaction((tx) => refreshStatusCache(tx, commitmentIds));
  expect(await cacheSnapshot(prisma, commitmentIds), 'the cache after a rebuild').toEqual(before);
}

/**
 * Audit actions that bring a record into being: 'create' from the forms, 'import' from the CSV import. Status
 * updates are append-only, so each has exactly one of these and never another.
 */
export const CREATING_ACTIONS = ['create', 'import'];

/** Every status update of these commitments has exactly one creating audit event, and every item it cites one. */
export async function expectEveryUpdateAudited(prisma: PrismaClient, commitmentIds: number[]) {
  const updates = await prisma.statusUpdate.findMany({
    where: { commitmentId: { in: commitmentIds } },
    select: { id: true, evidenceId: true },
  });
  const audits = await prisma.auditEvent.groupBy({
    by: ['entityId'],
    where: { entityType: 'StatusUpdate', entityId: { in: updates.map((u) => String(u.id)) } },
    _count: { _all: true },
  });
  const auditCount = new Map(audits.map((row) => [row.entityId, row._count._all]));
  const unaudited = updates.filter((update) => auditCount.get(String(update.id)) !== 1).map((u) => u.id);
  expect(unaudited, 'status updates without exactly one audit event').toEqual([]);

  const evidenceIds = [
    ...new Set(updates.map((u) => u.evidenceId).filter((id): id is number => id !== null)),
  ];
  const evidenceAudits = await prisma.auditEvent.findMany({
    where: {
      entityType: 'Evidence',
      action: { in: CREATING_ACTIONS },
      entityId: { in: evidenceIds.map(String) },
    },
    select: { entityId: true },
  });
  const audited = new Set(evidenceAudits.map((row) => Number(row.entityId)));
  expect(
    evidenceIds.filter((id) => !audited.has(id)),
    'cited evidence without its audit event',
  ).toEqual([]);
  return updates.length;
}

/** Items logged under `urlPrefix` that no status update cites: the first half of a follow-up without the rest. */
export async function orphanEvidence(prisma: PrismaClient, urlPrefix: string): Promise<string[]> {
  const orphans = await prisma.evidence.findMany({
    where: { url: { startsWith: urlPrefix }, statusUpdates: { none: {} } },
    select: { url: true },
  });
  return orphans.map((row) => row.url);
}

export async function expectConsistent(prisma: PrismaClient, commitmentIds: number[]) {
  const updates = await expectEveryUpdateAudited(prisma, commitmentIds);
  await expectCacheMatchesDerivation(prisma, commitmentIds);
  await expectCacheSurvivesRebuild(prisma, commitmentIds);
  return updates;
}
