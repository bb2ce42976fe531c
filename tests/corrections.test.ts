// Correcting and retracting follow-up rows, through the server actions as the forms call them (only the session
// lookup and Next's cache are replaced), against the real database: the original row stays, marked withdrawn
// with who, when and why; the status follows the rows that still count; a row is corrected once however many
// submits race; viewers are refused before anything is read.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { parseDay } from '../lib/domain/dates.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
}));

const { correctStatusUpdate, retractStatusUpdate } =
  await import('../app/(app)/commitments/[id]/updates/actions.ts');

const prisma = testPrisma();
let analyst: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst', { label: 'corrector' });
  viewer = await createTestUser(prisma, 'viewer', { label: 'onlooker' });
  session.user = { ...analyst, deactivatedAt: null };
});

afterAll(async () => {
  await prisma.$disconnect();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** Runs an action that redirects on success; returns its result, or 'redirected'. */
async function call(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (String((error as { digest?: unknown }).digest ?? '').startsWith('NEXT_REDIRECT')) return 'redirected';
    throw error;
  }
}

/** A commitment with two assessments logged: in progress on 1 March, then fulfilled on 1 June. */
async function commitmentWithHistory() {
  const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
  const party = await prisma.party.create({ data: { name: unique('Party'), kind: 'state' } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  const commitment = await prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: unique('Commitment'),
      parties: { create: { partyId: party.id, role: 'responsible' } },
    },
  });
  const [first, second] = await prisma.$transaction((tx) =>
    appendStatusUpdates(tx, analyst.id, [
      { commitmentId: commitment.id, status: 'in_progress', observedOn: parseDay('2025-03-01') },
      { commitmentId: commitment.id, status: 'fulfilled', observedOn: parseDay('2025-06-01') },
    ]),
  );
  return { commitment, party, first, second };
}

async function statusOf(commitmentId: number) {
  return (await prisma.commitment.findUniqueOrThrow({ where: { id: commitmentId } })).status;
}

function correctionFields(updateId: number, commitmentId: number, overrides: Record<string, string> = {}) {
  return {
    updateId: String(updateId),
    commitmentId: String(commitmentId),
    kind: 'assessment',
    status: 'partially_fulfilled',
    partyId: '',
    observedOn: '2025-06-01',
    observedPrecision: 'day',
    reason: 'Only the first tranche was delivered.',
    why: 'The article said "first tranche", not the whole delivery.',
    ...overrides,
  };
}

describe('correcting a follow-up', () => {
  it('writes a new row that supersedes the old, withdraws the old with who and why, and the status follows', async () => {
    const { commitment, second } = await commitmentWithHistory();
    expect(await statusOf(commitment.id)).toBe('fulfilled');

    const result = await call(() =>
      correctStatusUpdate(null, form(correctionFields(second.id, commitment.id))),
    );
    expect(result).toBe('redirected');

    const old = await prisma.statusUpdate.findUniqueOrThrow({
      where: { id: second.id },
      include: { supersededBy: true },
    });
    // The original is kept as logged, only marked.
    expect(old).toMatchObject({
      status: 'fulfilled',
      withdrawnById: analyst.id,
      withdrawnReason: 'The article said "first tranche", not the whole delivery.',
    });
    expect(old.withdrawnAt).toBeInstanceOf(Date);
    expect(old.supersededBy).toMatchObject({
      commitmentId: commitment.id,
      supersedesId: second.id,
      status: 'partially_fulfilled',
      reason: 'Only the first tranche was delivered.',
      authorId: analyst.id,
      evidenceId: second.evidenceId,
      withdrawnAt: null,
    });
    expect(await statusOf(commitment.id)).toBe('partially_fulfilled');

    // Both rows are audited, with the real author.
    const events = await prisma.auditEvent.findMany({
      where: {
        entityType: 'StatusUpdate',
        entityId: { in: [String(second.id), String(old.supersededBy!.id)] },
      },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.entityId, event.action, event.actorId])).toEqual([
      [String(second.id), 'create', analyst.id],
      [String(second.id), 'correct', analyst.id],
      [String(old.supersededBy!.id), 'create', analyst.id],
    ]);
  });

  it('keeps what was typed and says what is missing when the why is empty', async () => {
    const { commitment, second } = await commitmentWithHistory();
    const result = await correctStatusUpdate(
      null,
      form(correctionFields(second.id, commitment.id, { why: '  ', status: 'broken', reason: '' })),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: {
        why: [expect.stringContaining('Say why this correction')],
        reason: [expect.stringContaining('reason is required')],
      },
      values: { status: 'broken' },
    });
    expect(
      (await prisma.statusUpdate.findUniqueOrThrow({ where: { id: second.id } })).withdrawnAt,
    ).toBeNull();
  });

  it('corrects once when two submits race; the second gets a message, not an error', async () => {
    const { commitment, second } = await commitmentWithHistory();
    const fields = correctionFields(second.id, commitment.id);
    const results = await Promise.all([
      call(() => correctStatusUpdate(null, form(fields))),
      call(() => correctStatusUpdate(null, form(fields))),
    ]);
    expect(results.filter((result) => result === 'redirected')).toHaveLength(1);
    const refused = results.find((result) => result !== 'redirected');
    expect(refused).toMatchObject({
      ok: false,
      reason: 'rejected',
      message: expect.stringMatching(new RegExp(`#${second.id} was already corrected by #\\d+`)),
    });
    expect(await prisma.statusUpdate.count({ where: { supersedesId: second.id } })).toBe(1);
    expect(await prisma.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(3);
  });

  it('refuses to correct or retract a row already withdrawn', async () => {
    const { commitment, second } = await commitmentWithHistory();
    expect(
      await call(() =>
        retractStatusUpdate(null, form({ updateId: String(second.id), why: 'Wrong article.' })),
      ),
    ).toBe('redirected');
    const again = await correctStatusUpdate(null, form(correctionFields(second.id, commitment.id)));
    expect(again).toMatchObject({
      ok: false,
      reason: 'rejected',
      message: expect.stringContaining(`#${second.id} was already retracted`),
    });
    const retractAgain = await retractStatusUpdate(
      null,
      form({ updateId: String(second.id), why: 'Still wrong.' }),
    );
    expect(retractAgain).toMatchObject({
      ok: false,
      message: expect.stringContaining('can no longer be retracted'),
    });
    expect(await prisma.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(2);
  });

  it('turns a row into a corroboration of the status as it stands without it', async () => {
    const { commitment, second } = await commitmentWithHistory();
    const result = await call(() =>
      correctStatusUpdate(
        null,
        form(correctionFields(second.id, commitment.id, { kind: 'corroboration', status: '', reason: '' })),
      ),
    );
    expect(result).toBe('redirected');
    const correction = await prisma.statusUpdate.findUniqueOrThrow({ where: { supersedesId: second.id } });
    // The earlier assessment stands: the corroboration repeats it and the status does not move to "fulfilled".
    expect(correction).toMatchObject({ kind: 'corroboration', status: 'in_progress' });
    expect(await statusOf(commitment.id)).toBe('in_progress');
  });

  it('refuses a party not responsible for the commitment, beside the field', async () => {
    const { commitment, second } = await commitmentWithHistory();
    const stranger = await prisma.party.create({ data: { name: unique('Stranger'), kind: 'state' } });
    const result = await correctStatusUpdate(
      null,
      form(correctionFields(second.id, commitment.id, { partyId: String(stranger.id) })),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { partyId: [expect.stringContaining('not responsible')] },
    });
    expect(
      (await prisma.statusUpdate.findUniqueOrThrow({ where: { id: second.id } })).withdrawnAt,
    ).toBeNull();
  });
});

describe('retracting a follow-up', () => {
  it('withdraws the row with who and why; the status falls back to the previous counting row', async () => {
    const { commitment, first, second } = await commitmentWithHistory();
    const result = await call(() =>
      retractStatusUpdate(
        null,
        form({ updateId: String(second.id), why: 'The report was denied next day.' }),
      ),
    );
    expect(result).toBe('redirected');
    expect(await prisma.statusUpdate.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: 'fulfilled',
      withdrawnById: analyst.id,
      withdrawnReason: 'The report was denied next day.',
    });
    expect(await prisma.statusUpdate.count({ where: { supersedesId: second.id } })).toBe(0);
    expect(await statusOf(commitment.id)).toBe(first.status);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'StatusUpdate', entityId: String(second.id), action: 'retract' },
    });
    expect(audit.actorId).toBe(analyst.id);

    // Retracting the last counting row leaves nothing: no evidence.
    await call(() => retractStatusUpdate(null, form({ updateId: String(first.id), why: 'Same denial.' })));
    expect(await statusOf(commitment.id)).toBe('no_evidence');
  });
});

describe('who may correct', () => {
  it('refuses a viewer before reading the form, and changes nothing', async () => {
    const { commitment, second } = await commitmentWithHistory();
    session.user = { ...viewer, deactivatedAt: null };
    try {
      const corrected = await correctStatusUpdate(null, form(correctionFields(second.id, commitment.id)));
      const retracted = await retractStatusUpdate(null, form({ updateId: String(second.id), why: 'x' }));
      for (const result of [corrected, retracted]) {
        expect(result).toMatchObject({ ok: false, reason: 'forbidden', fieldErrors: {}, values: {} });
      }
    } finally {
      session.user = { ...analyst, deactivatedAt: null };
    }
    expect(
      (await prisma.statusUpdate.findUniqueOrThrow({ where: { id: second.id } })).withdrawnAt,
    ).toBeNull();
    expect(await statusOf(commitment.id)).toBe('fulfilled');
  });
});
