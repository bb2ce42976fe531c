// Review before it counts (docs/decisions/018-review.md), against the real database and through the server actions
// as /review calls them (only the session lookup and Next's cache are replaced): an analyst's follow-up on an
// agreement that requires review leaves every counting reading unchanged (the status cache, the as-of SQL, the
// pure rules over the stored log, updates.csv); accepted by another analyst it counts from its own fact date
// (a back-dated one too); nobody reviews their own, a viewer reviews nothing, a rejection needs a reason; every
// step is audited with its real actor.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
}));

const { acceptProposal, rejectProposal } = await import('../app/(app)/review/actions.ts');
const { logFollowUp } = await import('../lib/data/evidence.ts');
const { getCommitmentStates } = await import('../lib/data/attention.ts');
const {
  acceptProposal: acceptProposalRecord,
  listCommitmentProposals,
  listPendingProposals,
} = await import('../lib/data/review.ts');
const { updateAgreement, agreementFormValues, getAgreementForEdit } =
  await import('../lib/data/agreements.ts');
const { csvReportResponse } = await import('../lib/csv/response.ts');
const { parseImportFile, ImportFileError } = await import('../lib/csv/import-parse.ts');
const { previewImport } = await import('../lib/csv/importer.ts');
const { UPDATE_COLUMNS } = await import('../lib/csv/columns.ts');
const { parseDay } = await import('../lib/domain/dates.ts');
const { statusAsOf, currentStatus } = await import('../lib/domain/status.ts');
const { logFollowUpSchema } = await import('../lib/validation/follow-up.ts');
const { updateAgreementSchema } = await import('../lib/validation/agreement.ts');
const { AppError } = await import('../lib/errors.ts');
const { correctStatusUpdate } = await import('../lib/data/corrections.ts');

const prisma = testPrisma();
let admin: TestUser;
let analystA: TestUser;
let analystB: TestUser;
let viewer: TestUser;
let outletId: number;
let pool: pg.Pool;

beforeAll(async () => {
  admin = await createTestUser(prisma, 'admin', { label: 'review-admin' });
  analystA = await createTestUser(prisma, 'analyst', { label: 'reviewer-a' });
  analystB = await createTestUser(prisma, 'analyst', { label: 'proposer-b' });
  viewer = await createTestUser(prisma, 'viewer', { label: 'review-viewer' });
  outletId = (await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } })).id;
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
});

afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
});

function as(user: TestUser) {
  session.user = { ...user, deactivatedAt: null };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** An agreement (requiring review or not) with one commitment. */
async function commitmentOn({ requiresReview }: { requiresReview: boolean }) {
  const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
  const party = await prisma.party.create({ data: { name: unique('Party'), kind: 'state' } });
  const agreement = await prisma.agreement.create({
    data: { title: unique('Reviewed agreement'), kind: 'mou', requiresReview },
  });
  const commitment = await prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: unique('Commitment'),
      parties: { create: { partyId: party.id, role: 'responsible' } },
    },
  });
  return { agreement, commitment, party };
}

/** A follow-up as the form sends it: one new item, one row. */
async function follow(
  user: TestUser,
  commitmentId: number,
  row: { status: string; observedOn: string; reason?: string },
) {
  const parsed = logFollowUpSchema.safeParse({
    url: `https://news.example.com/${unique('story')}`,
    outlet: String(outletId),
    title: unique('Item'),
    originalTitle: '',
    language: 'en',
    publishedOn: row.observedOn,
    excerpt: '',
    reliability: '',
    credibility: '2',
    type: 'concrete_action',
    'rows.0.commitmentId': String(commitmentId),
    'rows.0.status': row.status,
    'rows.0.observedOn': row.observedOn,
    'rows.0.reason': row.reason ?? '',
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return logFollowUp(parsed.data, user.id, prisma);
}

/** Every counting reading of one commitment: the cache, the as-of SQL, and the pure rules over the stored log. */
async function readings(commitmentId: number, asOf: string) {
  const cached = await prisma.commitment.findUniqueOrThrow({
    where: { id: commitmentId },
    select: {
      status: true,
      statusSince: true,
      contradicted: true,
      weaklySupported: true,
      lastEvidenceOn: true,
    },
  });
  const day = parseDay(asOf);
  const sql = (await getCommitmentStates([commitmentId], { asOf: day })).get(commitmentId);
  const today = (await getCommitmentStates([commitmentId])).get(commitmentId);
  const log = await prisma.statusUpdate.findMany({ where: { commitmentId } });
  return {
    cached,
    sqlAsOf: sql?.status,
    sqlToday: today?.status,
    pureAsOf: statusAsOf(log, day),
    pureToday: currentStatus(log),
  };
}

async function csv(query: string, withPool = true): Promise<string> {
  const response = await csvReportResponse(
    'updates',
    new Request(`http://localhost/reports/updates.csv?${query}`),
    prisma,
    withPool ? { pool } : {},
  );
  expect(response.status).toBe(200);
  return await response.text();
}

describe('an analyst’s follow-up on an agreement that requires review', () => {
  it('is proposed and changes nothing that counts until another analyst accepts it, from its fact date', async () => {
    const { agreement, commitment } = await commitmentOn({ requiresReview: true });
    // An admin's update counts directly.
    const first = await follow(admin, commitment.id, { status: 'in_progress', observedOn: '2026-01-10' });
    expect(first.updateIds).toHaveLength(1);
    expect(first.proposalIds).toEqual([]);
    const before = await readings(commitment.id, '2026-03-01');
    expect(before.cached.status).toBe('in_progress');

    const logged = await follow(analystB, commitment.id, { status: 'fulfilled', observedOn: '2026-02-01' });
    expect(logged.updateIds).toEqual([]);
    expect(logged.proposalIds).toHaveLength(1);
    // The item is saved as usual.
    expect(await prisma.evidence.count({ where: { id: logged.evidence.id } })).toBe(1);
    const [proposalId] = logged.proposalIds;
    const proposal = await prisma.proposedStatusUpdate.findUniqueOrThrow({ where: { id: proposalId } });
    expect(proposal).toMatchObject({ state: 'proposed', authorId: analystB.id, status: 'fulfilled' });

    const during = await readings(commitment.id, '2026-03-01');
    expect(during).toEqual(before);
    expect(during.sqlAsOf).toBe('in_progress');
    expect(during.pureAsOf).toBe('in_progress');

    // The report leaves it out unless asked; asked, it is marked.
    const plain = await csv(`agreement=${agreement.id}&asOf=2026-03-01`);
    expect(plain).not.toContain('fulfilled');
    expect(plain.split('\r\n')[0]).toBe(UPDATE_COLUMNS.join(','));
    const marked = await csv(`agreement=${agreement.id}&asOf=2026-03-01&proposed=1`);
    const [header, ...rows] = marked.trim().split('\r\n');
    expect(header).toBe([...UPDATE_COLUMNS, 'review'].join(','));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/,in_progress,no_evidence,.*,$/);
    expect(rows[1]).toMatch(/^2026-02-01,.*,fulfilled,in_progress,.*,proposed$/);
    expect((await csv(`agreement=${agreement.id}&asOf=2026-03-01`, false)).trim()).toBe(plain.trim());
    // The commitment page and /review list it.
    expect((await listCommitmentProposals(commitment.id)).map((row) => row.id)).toEqual([proposalId]);
    const pending = await listPendingProposals({ pageSize: 500 });
    expect(pending.items.some((row) => row.id === proposalId)).toBe(true);

    // Nobody reviews their own.
    as(analystB);
    const own = await acceptProposal(form({ proposalId: String(proposalId) }));
    expect(own).toMatchObject({ ok: false, reason: 'rejected' });
    expect(own.ok ? '' : own.message).toMatch(/Nobody reviews their own/);
    const ownReject = await rejectProposal(form({ proposalId: String(proposalId), reason: 'No.' }));
    expect(ownReject).toMatchObject({ ok: false, reason: 'rejected' });
    // A viewer is refused before anything is read.
    as(viewer);
    expect(await acceptProposal(form({ proposalId: String(proposalId) }))).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    // A rejection needs a reason.
    as(analystA);
    const noReason = await rejectProposal(form({ proposalId: String(proposalId), reason: '   ' }));
    expect(noReason).toMatchObject({ ok: false, reason: 'invalid' });
    expect(noReason.ok ? {} : noReason.fieldErrors).toHaveProperty('reason');
    expect(await readings(commitment.id, '2026-03-01')).toEqual(before);

    // Analyst A accepts: it counts as of its own fact date.
    const accepted = await acceptProposal(form({ proposalId: String(proposalId) }));
    expect(accepted).toMatchObject({ ok: true });
    const after = await prisma.proposedStatusUpdate.findUniqueOrThrow({ where: { id: proposalId } });
    expect(after).toMatchObject({ state: 'accepted', reviewedById: analystA.id });
    const update = await prisma.statusUpdate.findUniqueOrThrow({ where: { id: after.acceptedAsId! } });
    expect(update).toMatchObject({
      commitmentId: commitment.id,
      status: 'fulfilled',
      authorId: analystB.id,
      evidenceId: logged.evidence.id,
      observedPrecision: 'day',
    });
    expect(update.observedOn).toEqual(parseDay('2026-02-01'));
    const now = await readings(commitment.id, '2026-03-01');
    expect(now.cached.status).toBe('fulfilled');
    expect(now.cached.statusSince).toEqual(parseDay('2026-02-01'));
    expect(now).toMatchObject({
      sqlAsOf: 'fulfilled',
      pureAsOf: 'fulfilled',
      sqlToday: 'fulfilled',
      pureToday: 'fulfilled',
    });
    // The day before its fact date it does not count.
    expect(await readings(commitment.id, '2026-01-31')).toMatchObject({
      sqlAsOf: 'in_progress',
      pureAsOf: 'in_progress',
    });
    // Now it is a row of the log, not a proposal.
    const report = await csv(`agreement=${agreement.id}&asOf=2026-03-01`);
    expect(report).toMatch(/\r\n2026-02-01,[^\r\n]*,fulfilled,in_progress,/);
    expect(await listCommitmentProposals(commitment.id)).toEqual([]);

    // Decided once.
    as(admin);
    const again = await acceptProposal(form({ proposalId: String(proposalId) }));
    expect(again.ok ? '' : again.message).toMatch(/already accepted/);

    // Every step audited with its real actor.
    const audits = await prisma.auditEvent.findMany({
      where: {
        OR: [
          { entityType: 'ProposedStatusUpdate', entityId: String(proposalId) },
          { entityType: 'StatusUpdate', entityId: String(update.id) },
        ],
      },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((audit) => [audit.entityType, audit.action, audit.actorId])).toEqual([
      ['ProposedStatusUpdate', 'propose', analystB.id],
      ['StatusUpdate', 'create', analystA.id],
      ['ProposedStatusUpdate', 'accept', analystA.id],
    ]);
  });

  it('accepted, a back-dated proposal counts from its fact date and never overrides newer news', async () => {
    const { commitment } = await commitmentOn({ requiresReview: true });
    await follow(admin, commitment.id, { status: 'in_progress', observedOn: '2026-01-10' });
    const logged = await follow(analystB, commitment.id, {
      status: 'stalled',
      observedOn: '2025-12-01',
      reason: 'Funding frozen in December, a later report says.',
    });
    const before = await readings(commitment.id, '2025-12-15');
    expect(before.sqlAsOf).toBe('no_evidence');

    as(admin);
    expect(await acceptProposal(form({ proposalId: String(logged.proposalIds[0]) }))).toMatchObject({
      ok: true,
    });
    const after = await readings(commitment.id, '2025-12-15');
    expect(after).toMatchObject({ sqlAsOf: 'stalled', pureAsOf: 'stalled', sqlToday: 'in_progress' });
    expect(after.cached.status).toBe('in_progress');
  });

  it('rejected with a reason, it never counts and stays on the commitment’s page with why', async () => {
    const { commitment } = await commitmentOn({ requiresReview: true });
    const logged = await follow(analystB, commitment.id, { status: 'fulfilled', observedOn: '2026-02-01' });
    const before = await readings(commitment.id, '2026-03-01');
    as(analystA);
    const rejected = await rejectProposal(
      form({ proposalId: String(logged.proposalIds[0]), reason: 'The item reports a plan, not a handover.' }),
    );
    expect(rejected).toMatchObject({ ok: true });
    expect(await readings(commitment.id, '2026-03-01')).toEqual(before);
    const [shown] = await listCommitmentProposals(commitment.id);
    expect(shown).toMatchObject({
      state: 'rejected',
      rejectionReason: 'The item reports a plan, not a handover.',
      reviewedBy: { name: analystA.name },
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'ProposedStatusUpdate', entityId: String(shown.id), action: 'reject' },
    });
    expect(audit.actorId).toBe(analystA.id);
    // Not in the report even when proposals are asked for: only those waiting are.
    expect(
      await csv(
        `agreement=${(await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).agreementId}&proposed=1`,
        false,
      ),
    ).not.toContain('fulfilled');
  });

  it('refuses the same proposal twice (a double click), and counts directly where review is off', async () => {
    const { commitment } = await commitmentOn({ requiresReview: true });
    const parsed = logFollowUpSchema.parse({
      url: `https://news.example.com/${unique('story')}`,
      outlet: String(outletId),
      title: unique('Item'),
      language: 'en',
      publishedOn: '2026-02-01',
      credibility: '2',
      type: 'concrete_action',
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.status': 'in_progress',
      'rows.0.observedOn': '2026-02-01',
    });
    await logFollowUp(parsed, analystB.id, prisma);
    await expect(logFollowUp(parsed, analystB.id, prisma)).rejects.toThrow(/Already proposed/);
    expect(await prisma.proposedStatusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(1);

    const open = await commitmentOn({ requiresReview: false });
    const direct = await follow(analystB, open.commitment.id, {
      status: 'in_progress',
      observedOn: '2026-02-01',
    });
    expect(direct.proposalIds).toEqual([]);
    expect(direct.updateIds).toHaveLength(1);
  });
});

describe('two reviewers at once', () => {
  it('decide once: one accepts, the other is told it was already decided, and the log gains one row', async () => {
    const { commitment } = await commitmentOn({ requiresReview: true });
    const logged = await follow(analystB, commitment.id, { status: 'in_progress', observedOn: '2026-02-01' });
    const input = { proposalId: logged.proposalIds[0] };
    const results = await Promise.allSettled([
      acceptProposalRecord(input, analystA.id, prisma),
      acceptProposalRecord(input, admin.id, prisma),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(String((refused as PromiseRejectedResult).reason)).toMatch(/already accepted/);
    expect(await prisma.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(1);
  });
});

describe('around review', () => {
  it('only an admin turns review on or off, audited like any agreement edit', async () => {
    const { agreement } = await commitmentOn({ requiresReview: false });
    const record = (await getAgreementForEdit(agreement.id, prisma))!;
    const values = agreementFormValues(record);
    const input = updateAgreementSchema.parse({ ...values, requiresReview: 'true' });
    expect(input.requiresReview).toBe(true);
    await expect(updateAgreement(input, analystA.id, prisma)).rejects.toThrow(/Only an admin/);
    // An analyst's save that leaves the flag as it is goes through.
    const same = updateAgreementSchema.parse({ ...values, summary: 'Edited by an analyst.' });
    await updateAgreement(same, analystA.id, prisma);
    const fresh = agreementFormValues((await getAgreementForEdit(agreement.id, prisma))!);
    await updateAgreement(
      updateAgreementSchema.parse({ ...fresh, requiresReview: 'true' }),
      admin.id,
      prisma,
    );
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).requiresReview).toBe(
      true,
    );
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'Agreement', entityId: String(agreement.id), actorId: admin.id, action: 'update' },
    });
    expect(audit.before).toMatchObject({ requiresReview: false });
    expect(audit.after).toMatchObject({ requiresReview: true });
  });

  it('an analyst cannot import rows on an agreement that requires review; the review column is read', async () => {
    const { agreement, commitment } = await commitmentOn({ requiresReview: true });
    const cells: Record<string, string> = Object.fromEntries(UPDATE_COLUMNS.map((column) => [column, '']));
    Object.assign(cells, {
      observed_on: '2026-02-01',
      agreement: agreement.title,
      commitment: commitment.title,
      status: 'in_progress',
    });
    const file = (review?: string) =>
      new TextEncoder().encode(
        [
          [...UPDATE_COLUMNS, ...(review === undefined ? [] : ['review'])].join(','),
          [...UPDATE_COLUMNS.map((column) => cells[column]), ...(review === undefined ? [] : [review])].join(
            ',',
          ),
        ].join('\r\n'),
      );
    await expect(previewImport(prisma, file(), analystA)).rejects.toThrow(/requires review/);
    await expect(previewImport(prisma, file(), analystA)).rejects.toBeInstanceOf(AppError);
    expect((await previewImport(prisma, file(), admin)).problemCount).toBe(0);
    // A file downloaded with proposed=1: the column is accepted, a proposed row is not.
    expect(parseImportFile(file('')).records).toHaveLength(1);
    expect(() => parseImportFile(file('proposed'))).toThrow(ImportFileError);
    expect(() => parseImportFile(file('proposed'))).toThrow(/proposed update/);
  });

  it('an analyst’s correction there is refused (it would count at once); an admin’s goes through', async () => {
    const { commitment } = await commitmentOn({ requiresReview: true });
    const logged = await follow(admin, commitment.id, { status: 'in_progress', observedOn: '2026-01-10' });
    const [updateId] = logged.updateIds;
    const correction = {
      updateId,
      why: 'The item reported delivery.',
      row: {
        ...logFollowUpSchema.parse({
          url: 'https://news.example.com/x',
          title: 'x',
          language: 'en',
          credibility: '2',
          type: 'concrete_action',
          outlet: String(outletId),
          'rows.0.commitmentId': String(commitment.id),
          'rows.0.status': 'fulfilled',
          'rows.0.observedOn': '2026-01-10',
        }).rows[0],
        observedOn: parseDay('2026-01-10'),
      },
    };
    await expect(correctStatusUpdate(correction, analystA.id, prisma)).rejects.toThrow(/requires review/);
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
      'in_progress',
    );
    await correctStatusUpdate(correction, admin.id, prisma);
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
      'fulfilled',
    );
  });

  it('refuses proposed=junk with 400', async () => {
    const response = await csvReportResponse(
      'updates',
      new Request('http://localhost/reports/updates.csv?proposed=maybe'),
      prisma,
    );
    expect(response.status).toBe(400);
  });
});
