// Property-based fuzzing of every server action in tests/action-cases.ts (new rows are picked up by themselves),
// called as an admin, who may run them all, with what a browser, a script or an attacker could post: each valid
// field kept, dropped, replaced, repeated or turned into a file; values oversized (up to 100,000 characters),
// right-to-left, CJK, emoji, combining marks, NUL bytes, numbers written every which way, impossible dates,
// markup and SQL; extra fields, prototype-polluting names and Next's own keys.
//
// Every call must either be refused ({ ok: false, reason: 'invalid' | 'rejected', message, fieldErrors }) and then
// have changed nothing at all (the row count of every table), or succeed and leave a consistent record: audit
// events naming the caller, every created entity present, every status update audited and the status cache equal
// to the derivation. It must never throw (in Next that is a 500), except for Next's redirect after a success.
//
// Runs per action: FUZZ_RUNS (default 8), so CI stays fast; FUZZ_SEED replays a failure fast-check reported.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { CurrentUser } from '../../lib/auth/session.ts';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { migrate } from '../../lib/migrations.ts';
import { actionCases, type ActionCase, type FormFields } from '../action-cases.ts';
import { testDatabaseUrl } from '../support/db.ts';
import { createTestUser, type TestUser } from '../support/users.ts';
import { CREATING_ACTIONS, expectConsistent } from './support.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// ---- a database whose row counts only this file changes ---------------------------------------------------

let prisma: PrismaClient;
let ownDatabase: { serverUrl: string; name: string } | undefined;

/**
 * Refusals are checked against the row count of every table, which needs a database no other test file writes to
 * meanwhile. With file parallelism off (the embedded database) that is the run's database; otherwise a database of
 * this file's own on the same server, migrated here and dropped afterwards.
 */
async function isolatedDatabaseUrl(): Promise<string> {
  const url = testDatabaseUrl();
  if (process.env.TEST_FILE_PARALLELISM === 'false') return url;
  const parsed = new URL(url);
  const name = `${parsed.pathname.slice(1)}_fuzz_${randomBytes(3).toString('hex')}`.slice(0, 63);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  ownDatabase = { serverUrl: url, name };
  parsed.pathname = `/${name}`;
  await migrate(parsed.toString());
  return parsed.toString();
}

beforeAll(async () => {
  const url = await isolatedDatabaseUrl();
  // The actions write through lib/db.ts, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = url;
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await (globalThis as { prisma?: PrismaClient }).prisma?.$disconnect();
  if (ownDatabase) {
    const client = new pg.Client({ connectionString: ownDatabase.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${ownDatabase.name}" WITH (FORCE)`);
    await client.end();
  }
});

let tables: string[] | undefined;

/** Every table's row count, in one statement. */
async function tableCounts(): Promise<Record<string, number>> {
  tables ??= (
    await prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
       ORDER BY table_name`
  ).map((row) => row.name);
  const select = tables.map((name, i) => `(SELECT count(*) FROM "${name}")::int AS c${i}`).join(', ');
  const [row] = await prisma.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${select}`);
  return Object.fromEntries(tables.map((name, i) => [name, row[`c${i}`]]));
}

// ---- inputs -----------------------------------------------------------------------------------------------

/** Hand-picked nasties; fast-check mixes them with random text. */
const SAMPLES = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\n\r',
  'مرحبا بالعالم',
  'שָׁלוֹם',
  '‏دوستی پاکستان و چین‏',
  '中华人民共和国公安部',
  '日本語のテキスト',
  '한국어',
  '👩🏽‍💻🚀🇵🇰🇨🇳',
  'e\u0301\u0301\u0301',
  '\u202Egnp.exe',
  '\uFEFF',
  '\uD800',
  '<script>alert(1)</script>',
  `'; DROP TABLE "Party"; --`,
  '../../etc/passwd',
  'null',
  'undefined',
  'true',
  '[]',
  '{"__proto__":{"admin":true}}',
  '__proto__',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e309',
  '9007199254740993',
  '2147483648',
  '１２',
  '0x1F',
  ' 42 ',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-01-15T10:00:00Z',
  'http://',
  'javascript:alert(1)',
  'https://例え.テスト/パス?q=1#x',
  'viewer',
  'admin',
  'in_progress',
  'A',
];

/** Characters repeated to build oversized values: Latin, RTL, CJK, an astral emoji, NUL, a combining mark. */
const FILL = ['x', 'ع', '中', '😀', '\u0000', 'e\u0301', ' '];
const LENGTHS = [255, 256, 501, 2_001, 5_001, 20_001, 100_000];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SAMPLES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...FILL), fc.constantFrom(...LENGTHS))
      .map(([fill, length]) => fill.repeat(Math.ceil(length / fill.length)).slice(0, length)),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

type Value = string | File;

/** What becomes of one valid field. */
function mutation(valid: string | string[]): fc.Arbitrary<Value[]> {
  const values: Value[] = Array.isArray(valid) ? valid : [valid];
  const first = typeof values[0] === 'string' ? values[0] : '';
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(values) },
    { weight: 2, arbitrary: text.map((value): Value[] => [value]) },
    { weight: 1, arbitrary: fc.constant<Value[]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          `${first}\u0000`,
          ` ${first} `,
          `${first}${first}`,
          first.toUpperCase(),
          `-${first}`,
          `${first}.5`,
        )
        .map((value): Value[] => [value]),
    },
    {
      weight: 1,
      arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }).map((more): Value[] => [...values, ...more]),
    },
    {
      weight: 1,
      arbitrary: text.map((content): Value[] => [new File([content], 'upload.csv', { type: 'text/csv' })]),
    },
  );
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$ACTION_ID_0123456789abcdef',
  '$ACTION_REF_1',
  'rows.999.status',
  'rows.-1.status',
  'rows.0.commitmentId',
  'id[]',
  'role',
  'password',
  'version',
  'actorId',
  'authorId',
  'ok',
];

const extraFields = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })), text),
  { maxLength: 3 },
);

type Submission = { fields: [string, Value[]][]; extras: [string, string][] };

function submission(valid: FormFields): fc.Arbitrary<Submission> {
  const keys = Object.keys(valid);
  return fc
    .record({
      fields: fc.tuple(
        ...keys.map((key) => mutation(valid[key]).map((values): [string, Value[]] => [key, values])),
      ),
      extras: extraFields,
    })
    .map((value) =>
      // fast-check prints a counterexample with this: 100,000-character values shortened.
      Object.assign(value, { [fc.toStringMethod]: () => describeSubmission(value) }),
    );
}

function toFormData({ fields, extras }: Submission): FormData {
  const formData = new FormData();
  for (const [key, values] of fields) for (const value of values) formData.append(key, value);
  for (const [key, value] of extras) formData.append(key, value);
  return formData;
}

function describeSubmission({ fields, extras }: Submission): string {
  const show = (value: Value) =>
    typeof value === 'string'
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length} chars)` : value)
      : `File(${value.size} bytes)`;
  return [
    ...fields.map(([key, values]) => `${key}=[${values.map(show).join(', ')}]`),
    ...extras.map(([k, v]) => `+${k}=${show(v)}`),
  ].join(' ');
}

// ---- calling and checking -----------------------------------------------------------------------------------

type ActionFn = (state: unknown, formData: FormData) => Promise<unknown>;

async function loadAction(id: string): Promise<ActionFn> {
  const [file, name] = id.split('#');
  const moduleExports = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
  const fn = moduleExports[name];
  if (typeof fn !== 'function') throw new Error(`${id} is not an exported function`);
  return fn as ActionFn;
}

function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

const SECRET_FIELD = /password|secret|token/i;

function expectWellFormedRefusal(result: Record<string, unknown>) {
  expect(['invalid', 'rejected'], `reason of ${JSON.stringify(result).slice(0, 300)}`).toContain(
    result.reason,
  );
  expect(typeof result.message).toBe('string');
  expect((result.message as string).length).toBeGreaterThan(0);
  const fieldErrors = result.fieldErrors as Record<string, unknown>;
  expect(fieldErrors && typeof fieldErrors === 'object').toBe(true);
  for (const [field, messages] of Object.entries(fieldErrors)) {
    expect(
      Array.isArray(messages) && messages.every((m) => typeof m === 'string' && m.length > 0),
      field,
    ).toBe(true);
  }
  const values = (result.values ?? {}) as Record<string, unknown>;
  expect(
    Object.keys(values).filter((key) => SECRET_FIELD.test(key)),
    'secrets sent back to the form',
  ).toEqual([]);
}

/** Models whose rows are keyed by a single `id` column, so a "create" audit event can be checked against a row. */
const SINGLE_ID_TABLES = new Set([
  'Agreement',
  'Commitment',
  'Party',
  'Person',
  'Category',
  'Outlet',
  'Evidence',
  'StatusUpdate',
  'User',
]);

/**
 * After a call that did not refuse: either it wrote nothing at all (a preview, a "nothing to import") or every
 * write is accounted for: audit events naming the caller, each created entity present, and the status updates it
 * logged audited, with the status cache equal to the derivation.
 */
async function expectConsistentOutcome(
  actor: TestUser,
  before: { counts: Record<string, number>; audits: bigint },
  shown: string,
) {
  const audits = await prisma.auditEvent.findMany({
    where: { id: { gt: before.audits } },
    select: { actorId: true, action: true, entityType: true, entityId: true },
  });
  if (!audits.length) {
    expect(await tableCounts(), `a call that wrote no audit event changed rows (${shown})`).toEqual(
      before.counts,
    );
    return false;
  }
  expect(
    audits.filter((audit) => audit.actorId !== actor.id),
    'audit events naming someone else',
  ).toEqual([]);
  for (const audit of audits) {
    if (!CREATING_ACTIONS.includes(audit.action) || !SINGLE_ID_TABLES.has(audit.entityType)) continue;
    const rows = await prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "${audit.entityType}" WHERE id::text = $1`,
      audit.entityId,
    );
    expect(
      rows.length,
      `${audit.entityType} ${audit.entityId} has a "${audit.action}" audit event but no row`,
    ).toBe(1);
  }
  const updateIds = audits.filter((a) => a.entityType === 'StatusUpdate').map((a) => Number(a.entityId));
  const touched = await prisma.statusUpdate.findMany({
    where: { id: { in: updateIds } },
    select: { commitmentId: true },
    distinct: ['commitmentId'],
  });
  if (touched.length)
    await expectConsistent(
      prisma,
      touched.map((row) => row.commitmentId),
    );
  return true;
}

async function maxAuditId(): Promise<bigint> {
  const latest = await prisma.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0n;
}

// ---- the properties -------------------------------------------------------------------------------------------

describe.each(actionCases)('fuzzing $action', (testCase: ActionCase) => {
  it(
    'refuses with field errors and writes nothing, or writes a consistent record; never throws',
    { timeout: 300_000 },
    async () => {
      const fn = await loadAction(testCase.action);
      const actor = await createTestUser(prisma, 'admin', { label: 'fuzz' });
      const user: CurrentUser = {
        id: actor.id,
        name: actor.name,
        email: actor.email,
        role: actor.role,
        deactivatedAt: null,
      };
      const fixture = { prisma, actor };
      let succeeded = 0;
      let refused = 0;

      // The shape of the valid fields decides which fields are mutated; each run then arranges fresh records.
      const template = await testCase.arrange(fixture);
      await fc.assert(
        fc.asyncProperty(submission(template), async (input) => {
          const valid = await testCase.arrange(fixture);
          // Point the mutations at this run's records: a kept field takes this run's valid value.
          const fields = input.fields.map(([key, values]): [string, Value[]] => {
            const kept =
              values === (Array.isArray(template[key]) ? template[key] : [template[key]]) ||
              sameStrings(values, template[key]);
            return [
              key,
              kept ? (Array.isArray(valid[key]) ? (valid[key] as string[]) : [valid[key] as string]) : values,
            ];
          });
          const formData = toFormData({ fields, extras: input.extras });
          const before = { counts: await tableCounts(), audits: await maxAuditId() };

          session.user = user;
          let result: unknown;
          try {
            result = await fn(null, formData);
          } catch (error) {
            if (!isRedirect(error)) {
              const { name, code, message } = error as { name?: string; code?: string; message?: string };
              throw new Error(
                `${testCase.action} threw (a 500 in the app): ${name}${code ? ` ${code}` : ''}: ${String(message).trim().split('\n').at(-1)}\n  on ${describeSubmission({ fields, extras: input.extras })}`,
              );
            }
            result = 'redirected';
          } finally {
            session.user = null;
          }

          if (result !== 'redirected' && (result as { ok?: unknown }).ok !== true) {
            expect((result as { ok?: unknown }).ok, 'an action answers { ok }').toBe(false);
            expectWellFormedRefusal(result as Record<string, unknown>);
            expect(
              await tableCounts(),
              `a refused call changed rows (${describeSubmission({ fields, extras: input.extras })})`,
            ).toEqual(before.counts);
            refused++;
          } else if (
            await expectConsistentOutcome(actor, before, describeSubmission({ fields, extras: input.extras }))
          ) {
            succeeded++;
          } else {
            refused++;
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      console.log(`${testCase.action}: ${succeeded} written, ${refused} refused or wrote nothing`);
    },
  );
});

function sameStrings(values: Value[], valid: string | string[]): boolean {
  const expected = Array.isArray(valid) ? valid : [valid];
  return values.length === expected.length && values.every((value, i) => value === expected[i]);
}
