// Every server action × every kind of caller: anonymous, viewer, analyst, admin, and a deactivated admin.
// The actions are the real exports of app/**/actions.ts, run against the test database; only the session
// lookup is replaced (by the user each test chooses) and Next's cache revalidation, which needs a Next server.
// The rows live in tests/action-cases.ts; an action missing from it fails the first test below.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { can, type Role } from '../lib/auth/permissions.ts';
import { actionCases, type ActionCase, type FormFields } from './action-cases.ts';
import { testPrisma } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

const ROOT = path.resolve(import.meta.dirname, '..');
const prisma = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
});

type Principal = 'anonymous' | Role | 'deactivated';
const PRINCIPALS: Principal[] = ['anonymous', 'viewer', 'analyst', 'admin', 'deactivated'];

type Outcome =
  { allowed: true } | { allowed: false; reason: 'unauthenticated' | 'deactivated' | 'forbidden' };

function expectedOutcome(principal: Principal, testCase: ActionCase): Outcome {
  if (principal === 'anonymous') return { allowed: false, reason: 'unauthenticated' };
  if (principal === 'deactivated') return { allowed: false, reason: 'deactivated' };
  return can({ id: 'x', role: principal }, testCase.permission)
    ? { allowed: true }
    : { allowed: false, reason: 'forbidden' };
}

async function findActionFiles(dir = path.join(ROOT, 'app')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await findActionFiles(full)));
    else if (entry.name === 'actions.ts') files.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return files.sort();
}

type ActionFn = (state: unknown, formData: FormData) => Promise<{ ok: boolean; reason?: string }>;

async function loadAction(id: string): Promise<ActionFn> {
  const [file, name] = id.split('#');
  const moduleExports = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
  const fn = moduleExports[name];
  if (typeof fn !== 'function') throw new Error(`${id} is not an exported function`);
  return fn as ActionFn;
}

function toFormData(fields: FormFields): FormData {
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) formData.append(key, item);
  }
  return formData;
}

/** Row counts of every table: compared only when no other test file can write at the same time. */
async function tableCounts(): Promise<Record<string, number> | 'skipped'> {
  if (process.env.TEST_FILE_PARALLELISM !== 'false') return 'skipped';
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM "${name}"`,
    );
    counts[name] = Number(row.count);
  }
  return counts;
}

async function auditCount(actor: TestUser | null): Promise<number> {
  return actor ? prisma.auditEvent.count({ where: { actorId: actor.id } }) : 0;
}

function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

describe('the action table', () => {
  it('lists every action exported from app/**/actions.ts, and nothing else', async () => {
    const exported: string[] = [];
    for (const file of await findActionFiles()) {
      const moduleExports = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(moduleExports)) {
        if (typeof value === 'function') exported.push(`${file}#${name}`);
      }
    }
    const listed = actionCases.map((testCase) => testCase.action);
    expect(
      exported.filter((id) => !listed.includes(id)),
      'actions missing from tests/action-cases.ts',
    ).toEqual([]);
    expect(
      listed.filter((id) => !exported.includes(id)),
      'rows naming no exported action',
    ).toEqual([]);
    expect(new Set(listed).size, 'an action listed twice').toBe(listed.length);
  });
});

describe.each(actionCases)('$action', (testCase) => {
  it.each(PRINCIPALS)('as %s', async (principal) => {
    const outcome = expectedOutcome(principal, testCase);
    const actor =
      principal === 'anonymous'
        ? null
        : // The deactivated caller is an admin: being deactivated must outweigh even the highest role.
          await createTestUser(prisma, principal === 'deactivated' ? 'admin' : principal, {
            deactivated: principal === 'deactivated',
            label: principal,
          });
    session.user = actor && {
      id: actor.id,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      deactivatedAt: actor.deactivatedAt,
    };
    const fixture = { prisma, actor };
    const fields = await testCase.arrange(fixture);
    const fn = await loadAction(testCase.action);

    const before = {
      observed: await testCase.observe(fixture, fields),
      audits: await auditCount(actor),
      tables: await tableCounts(),
    };
    let result: { ok: boolean; reason?: string } | 'redirected';
    try {
      result = await fn(null, toFormData(fields));
    } catch (error) {
      if (!isRedirect(error)) throw error;
      result = 'redirected';
    } finally {
      session.user = null;
    }

    if (outcome.allowed && testCase.readOnly) {
      expect(result, 'an allowed call succeeds').toMatchObject({ ok: true });
      expect(
        {
          observed: await testCase.observe(fixture, fields),
          audits: await auditCount(actor),
          tables: await tableCounts(),
        },
        'a read-only action writes nothing',
      ).toEqual(before);
    } else if (outcome.allowed) {
      if (result !== 'redirected') expect(result, 'an allowed call succeeds').toMatchObject({ ok: true });
      expect(
        await testCase.observe(fixture, fields),
        'an allowed call changes what observe() sees',
      ).not.toEqual(before.observed);
      expect(
        await auditCount(actor),
        'an allowed call writes an audit event naming the caller',
      ).toBeGreaterThan(before.audits);
    } else {
      expect(result, 'a refused call says why').toMatchObject({ ok: false, reason: outcome.reason });
      expect(
        {
          observed: await testCase.observe(fixture, fields),
          audits: await auditCount(actor),
          tables: await tableCounts(),
        },
        'a refused call changes nothing',
      ).toEqual(before);
    }
  });
});
