// The edit actions as forms call them: a refused form comes back with its typed values and field errors, and a
// stale form (a version someone else already saved over) with the conflict message AND the saved values, so the
// form can show "their version" beside the user's. Only the session lookup and Next's cache are replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { CONFLICT_MESSAGE } from '../lib/data/editing.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
}));

const { updateCommitment } = await import('../app/(app)/commitments/[id]/edit/actions.ts');
const { createAgreement } = await import('../app/(app)/agreements/new/actions.ts');

const prisma = testPrisma();

beforeAll(async () => {
  const analyst = await createTestUser(prisma, 'analyst', { label: 'editor' });
  session.user = { ...analyst, deactivatedAt: null };
});

afterAll(async () => {
  await prisma.$disconnect();
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
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

describe('edit actions', () => {
  it('a stale commitment form gets the conflict message and the saved values; the first save stands', async () => {
    const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
    const party = await prisma.party.create({ data: { name: unique('Party'), kind: 'state' } });
    const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
    const commitment = await prisma.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title: 'Original',
        parties: { create: { partyId: party.id, role: 'responsible' } },
      },
    });
    const fields = {
      id: String(commitment.id),
      version: '1',
      agreementId: String(agreement.id),
      categoryId: String(category.id),
      responsiblePartyId: [String(party.id)],
    };

    expect(await call(() => updateCommitment(null, form({ ...fields, title: 'First' })))).toBe('redirected');
    const second = await call(() =>
      updateCommitment(null, form({ ...fields, title: 'Second', dueOn: '2027-01-31' })),
    );
    expect(second).toMatchObject({
      ok: false,
      reason: 'rejected',
      message: expect.stringContaining(CONFLICT_MESSAGE),
      values: { title: 'Second', dueOn: '2027-01-31' },
      current: { title: 'First', version: '2', dueOn: '', responsiblePartyId: [String(party.id)] },
    });
    expect(await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).toMatchObject({
      title: 'First',
      dueOn: null,
      version: 2,
    });

    // Saving again with the version shown is deliberate, and goes through.
    expect(await call(() => updateCommitment(null, form({ ...fields, version: '2', title: 'Second' })))).toBe(
      'redirected',
    );
    expect(await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).toMatchObject({
      title: 'Second',
      version: 3,
    });
  });

  it('a refused agreement form keeps every typed value, rows included, and says what is wrong where', async () => {
    const place = unique('Baku');
    const result = await call(() =>
      createAgreement(
        null,
        form({
          title: '',
          kind: 'mou',
          concludedOn: '2025-02-30',
          concludedPrecision: 'day',
          place,
          partyId: ['7', '7'],
          partyRole: ['signatory', 'host'],
        }),
      ),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: {
        title: ['Enter the agreement’s title.'],
        concludedOn: ['That date does not exist.'],
        partyId: ['A party is listed twice: list each party once.'],
      },
      values: {
        place,
        concludedOn: '2025-02-30',
        partyId: ['7', '7'],
        partyRole: ['signatory', 'host'],
      },
    });
    expect(result).not.toHaveProperty('current');
    expect(await prisma.agreement.count({ where: { place } })).toBe(0);
  });
});
