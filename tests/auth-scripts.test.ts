// The pieces `npm start` and `npm run user:create` use: the generated secret, the demo admin, the CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { migrate } from '../lib/migrations.ts';
import { DEMO_ADMIN_EMAIL, ensureDemoAdminWith } from '../scripts/lib/demo-admin.ts';
import { SECRET_FILE, ensureAuthSecret } from '../scripts/lib/secret.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

describe('ensureAuthSecret', () => {
  let dir: string;
  const saved = process.env.BETTER_AUTH_SECRET;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pw-secret-'));
    delete process.env.BETTER_AUTH_SECRET;
  });
  afterAll(async () => {
    if (saved !== undefined) process.env.BETTER_AUTH_SECRET = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a strong secret once, readable only by its owner, and returns the same one after', async () => {
    const data = path.join(dir, 'data');
    const secret = ensureAuthSecret(data);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(ensureAuthSecret(data)).toBe(secret);
    expect((await readFile(path.join(data, SECRET_FILE), 'utf8')).trim()).toBe(secret);
    expect((await stat(path.join(data, SECRET_FILE))).mode & 0o077).toBe(0);
    expect(ensureAuthSecret(path.join(dir, 'other'))).not.toBe(secret);
  });

  it('prefers BETTER_AUTH_SECRET from the environment and writes nothing then', async () => {
    process.env.BETTER_AUTH_SECRET = 'from-the-environment-0123456789-0123456789';
    try {
      expect(ensureAuthSecret(path.join(dir, 'env'))).toBe('from-the-environment-0123456789-0123456789');
      await expect(stat(path.join(dir, 'env'))).rejects.toThrow();
    } finally {
      delete process.env.BETTER_AUTH_SECRET;
    }
  });
});

describe('ensureDemoAdmin', () => {
  let scratch: ScratchSchema;
  let client: PrismaClient;

  beforeAll(async () => {
    scratch = await createScratchSchema('demo', { connectable: true });
    await migrate(scratch.url);
    client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: scratch.url, max: 1 }, { schema: scratch.name }),
    });
  });
  afterAll(async () => {
    await client?.$disconnect();
    await scratch?.drop();
  });

  it('creates an admin with a working generated password on an empty database, and prints it once', async () => {
    const lines: string[] = [];
    expect(await ensureDemoAdminWith(client, (line) => lines.push(line))).toBe(true);
    const user = await client.user.findUniqueOrThrow({
      where: { email: DEMO_ADMIN_EMAIL },
      include: { accounts: true },
    });
    expect(user.role).toBe('admin');
    const password = lines.join('\n').match(/password: (\S+)/)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword({ hash: user.accounts[0].password!, password: password! })).toBe(true);

    const again: string[] = [];
    expect(await ensureDemoAdminWith(client, (line) => again.push(line))).toBe(false);
    expect(again).toEqual([]);
    expect(await client.user.count()).toBe(1);
  });
});

// Each run starts tsx (a few seconds on two cores), hence the longer timeout.
describe('npm run user:create', { timeout: 120_000 }, () => {
  const prisma = testPrisma();
  afterAll(async () => {
    await prisma.$disconnect();
  });

  async function userCreate(args: string[], password?: string) {
    return run(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/user-create.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: testDatabaseUrl(),
          ...(password === undefined ? {} : { PACTWATCH_PASSWORD: password }),
        },
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  }

  it('creates the user from PACTWATCH_PASSWORD and prints no secret', async () => {
    const email = `${unique('cli')}@test.pactwatch.local`;
    const password = 'cli password long enough';
    const result = await userCreate(['--email', email, '--role', 'analyst', '--name', 'Cli User'], password);
    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(password);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
    expect(user).toMatchObject({ name: 'Cli User', role: 'analyst' });
    expect(await verifyPassword({ hash: user.accounts[0].password!, password })).toBe(true);
  });

  it('refuses a password under 12 characters, an unknown role and a second user with the same e-mail', async () => {
    const email = `${unique('cli')}@test.pactwatch.local`;
    expect((await userCreate(['--email', email, '--role', 'viewer'], 'short')).code).toBe(2);
    expect((await userCreate(['--email', email, '--role', 'owner'], 'long enough password')).code).toBe(2);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect((await userCreate(['--email', email, '--role', 'viewer'], 'long enough password')).code).toBe(0);
    expect(
      (await userCreate(['--email', email.toUpperCase(), '--role', 'viewer'], 'long enough password')).code,
    ).toBe(1);
  });
});
