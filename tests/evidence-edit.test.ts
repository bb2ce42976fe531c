// Editing a logged news item through its server action (only the session lookup and Next's cache replaced):
// saved with the version bumped, the excerpt's fingerprint retaken and the audit event holding the item before
// and after; a stale form refused with the saved values; a bad field refused beside it; a viewer refused.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { CONFLICT_MESSAGE } from '../lib/data/editing.ts';
import { listEvidenceEdits } from '../lib/data/evidence-edit.ts';
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

const { updateEvidence } = await import('../app/(app)/evidence/[id]/edit/actions.ts');

const prisma = testPrisma();
let analyst: TestUser;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst', { label: 'evidence-editor' });
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

async function call(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (String((error as { digest?: unknown }).digest ?? '').startsWith('NEXT_REDIRECT')) return 'redirected';
    throw error;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function newItem() {
  const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
  const excerpt = 'The ministers agreed to hold joint exercises.';
  const evidence = await prisma.evidence.create({
    data: {
      url: `https://news.example/${unique('item')}`,
      outletId: outlet.id,
      title: 'Ministers agree exercises',
      language: 'en',
      excerpt,
      excerptHash: sha256(excerpt),
      reliability: 'B',
      credibility: 2,
      type: 'announcement',
    },
  });
  return { outlet, evidence };
}

function fields(evidence: { id: number; outletId: number }, overrides: Record<string, string> = {}) {
  return {
    id: String(evidence.id),
    version: '1',
    title: 'Ministers agree joint exercises',
    originalTitle: '',
    language: 'en',
    publishedOn: '2025-09-14',
    excerpt: 'The ministers agreed to hold joint exercises in 2026.',
    reliability: 'C',
    credibility: '3',
    type: 'announcement',
    outletId: String(evidence.outletId),
    ...overrides,
  };
}

describe('editing an evidence item', () => {
  it('saves, bumps the version, retakes the fingerprint and audits before and after; the history says what changed', async () => {
    const { evidence } = await newItem();
    expect(await call(() => updateEvidence(null, form(fields(evidence))))).toBe('redirected');

    const saved = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(saved).toMatchObject({
      title: 'Ministers agree joint exercises',
      url: evidence.url,
      version: 2,
      reliability: 'C',
      credibility: 3,
      excerptHash: sha256('The ministers agreed to hold joint exercises in 2026.'),
    });
    expect(saved.publishedOn?.toISOString().slice(0, 10)).toBe('2025-09-14');

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'Evidence', entityId: String(evidence.id), action: 'update' },
    });
    expect(audit.actorId).toBe(analyst.id);
    // The text as logged, and its fingerprint, stay in the audit event.
    expect(audit.before).toMatchObject({ excerpt: evidence.excerpt, excerptHash: evidence.excerptHash });
    expect(audit.after).toMatchObject({ excerpt: saved.excerpt, version: 2 });

    const [edit] = await listEvidenceEdits(evidence.id, prisma);
    expect(edit.actor).toBe(analyst.name);
    expect(edit.changes.map((change) => change.field).sort()).toEqual(
      ['credibility', 'excerpt', 'publishedOn', 'reliability', 'title'].sort(),
    );
  });

  it('refuses a stale version with the saved values, and keeps the first save', async () => {
    const { evidence } = await newItem();
    expect(await call(() => updateEvidence(null, form(fields(evidence, { title: 'First' }))))).toBe(
      'redirected',
    );
    const second = await call(() => updateEvidence(null, form(fields(evidence, { title: 'Second' }))));
    expect(second).toMatchObject({
      ok: false,
      reason: 'rejected',
      message: expect.stringContaining(CONFLICT_MESSAGE),
      values: { title: 'Second' },
      current: { title: 'First', version: '2' },
    });
    expect(await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({
      title: 'First',
      version: 2,
    });
  });

  it('says what is wrong beside each field and keeps what was typed', async () => {
    const { evidence } = await newItem();
    const result = await updateEvidence(
      null,
      form(fields(evidence, { title: '', language: 'not a language!', credibility: '9' })),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: {
        title: [expect.any(String)],
        language: [expect.any(String)],
        credibility: [expect.any(String)],
      },
      values: { language: 'not a language!' },
    });
    expect((await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).version).toBe(1);
  });

  it('refuses an archived outlet the item does not already have', async () => {
    const { evidence } = await newItem();
    const archived = await prisma.outlet.create({
      data: { name: unique('Gone'), defaultReliability: 'C', archivedAt: new Date() },
    });
    const result = await updateEvidence(null, form(fields(evidence, { outletId: String(archived.id) })));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { outletId: [expect.stringContaining('archived')] },
    });
  });

  it('refuses a viewer', async () => {
    const { evidence } = await newItem();
    const viewer = await createTestUser(prisma, 'viewer');
    session.user = { ...viewer, deactivatedAt: null };
    try {
      expect(await updateEvidence(null, form(fields(evidence)))).toMatchObject({
        ok: false,
        reason: 'forbidden',
      });
    } finally {
      session.user = { ...analyst, deactivatedAt: null };
    }
    expect((await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).version).toBe(1);
  });
});
