// Faults of the running app, each on an app and a database of the spec's own (the shared e2e app is never
// touched), using the build `npm test` made (NEXT_DIST_DIR, default .next-test):
// 1. The database goes away under `next start` (its embedded server is SIGKILLed) and comes back: /api/health
//    says 503, pages show "Database unavailable" with a 503, and the app recovers by itself (the open tab too);
//    the app's log lines are JSON, those written for a request carry its x-request-id, and no secret is logged.
// 2. `npm start` gets SIGTERM in the middle of a large CSV export: the export completes, new connections are
//    refused meanwhile, the embedded database closes cleanly, and the next start finds every row.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext } from '@playwright/test';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { DATABASE_UNAVAILABLE } from '../lib/db-errors.ts';
import { migrate } from '../lib/migrations.ts';
import {
  embeddedDatabaseUrlFor,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../scripts/lib/embedded-db.ts';
import { spawnChild, stopChild, waitForHttp, waitUntil, type Child } from '../scripts/lib/process.ts';
import { freePort, killEmbeddedDatabase, killProcessesWithEnv } from '../tests/faults/processes.ts';
import {
  collectOutput,
  DIST_DIR,
  embeddedStartEnv,
  NEXT_BIN,
  npmStart,
  ROOT,
  type Instance,
} from './support/app-process.ts';
import { expect, test } from './support/fixtures.ts';
import { clientIp, createUser, signInRequest, type E2EUser } from './support/users.ts';

// The shared app's fixtures are not needed: these tests sign in to apps of their own.
test.use({ signedInAs: null });
test.describe.configure({ mode: 'serial' });

async function withPrisma<T>(url: string, fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/** A session cookie for `user` from the app's sign-in endpoint. */
async function sessionCookie(baseUrl: string, user: Pick<E2EUser, 'email' | 'password'>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl, 'X-Forwarded-For': clientIp() },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

test('the database goes away: 503 and a clear screen while it is down, recovery by itself when it is back', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const tmp = await mkdtemp(path.join(tmpdir(), 'pactwatch-e2e-faults-'));
  const dataDir = path.join(tmp, 'postgres');
  const databasePort = await freePort();
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const secret = randomBytes(32).toString('base64');
  const start = () => startEmbeddedDatabase({ dataDir, port: databasePort, timeoutMs: 180_000 });
  let database: EmbeddedDatabase | undefined;
  let app: Child | undefined;
  let context: BrowserContext | undefined;
  try {
    database = await start();
    await migrate(database.url);
    const user = await withPrisma(database.url, (prisma) => createUser(prisma, 'analyst'));

    app = spawnChild(
      'next start',
      process.execPath,
      [NEXT_BIN, 'start', '-p', String(appPort), '-H', '127.0.0.1'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          DATABASE_POOL_MAX: '4',
          NEXT_DIST_DIR: DIST_DIR,
          BETTER_AUTH_SECRET: secret,
          PACTWATCH_LOG_LEVEL: 'info',
          // Every statement is "slow": its log line shows whether the request id reaches queries.
          PACTWATCH_SLOW_QUERY_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const output = collectOutput(app, 'app');
    await waitForHttp(`${appUrl}/api/health`, 120_000, { abort: app.exited });

    context = await browser.newContext({ baseURL: appUrl });
    const consoleErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} [${message.location().url}]`);
    });
    await signInRequest(context.request, user);
    const page = await context.newPage();
    const up = await page.goto('/');
    expect(up?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const upRequestId = up?.headers()['x-request-id'];
    expect(upRequestId).toMatch(/^[0-9a-f-]{36}$/);

    // ---- down
    await killEmbeddedDatabase(dataDir, database.exited);
    await database.stop();
    database = undefined;

    const health = await fetch(`${appUrl}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable' });

    // A link followed in the open tab (the client router's request gets the 503 and loads the page itself).
    await page.getByRole('navigation').getByRole('link', { name: 'Agreements' }).click();
    await expect(page.getByRole('heading', { level: 1, name: DATABASE_UNAVAILABLE.title })).toBeVisible();
    await expect(page.getByText(DATABASE_UNAVAILABLE.message)).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/agreements');

    // A page loaded afresh, and an API call.
    const down = await page.goto('/commitments');
    expect(down?.status()).toBe(503);
    expect(down?.headers()['retry-after']).toBe('5');
    await expect(page.getByRole('heading', { level: 1, name: DATABASE_UNAVAILABLE.title })).toBeVisible();
    const downRequestId = down?.headers()['x-request-id'];
    const api = await context.request.get('/api/no-such-endpoint');
    expect(api.status()).toBe(503);
    expect(await api.json()).toEqual({
      error: 'database_unavailable',
      message: DATABASE_UNAVAILABLE.message,
    });
    expect(app.hasExited(), 'the app survived the database going away').toBe(false);

    // A page the proxy lets through without a session lookup (sign-in) that then needs the database: the error
    // boundary (app/global-error.tsx) learns from /api/health why, and says so.
    const signInPage = await context.newPage();
    await signInPage.goto('/sign-in');
    await expect(
      signInPage.getByRole('heading', { level: 1, name: DATABASE_UNAVAILABLE.title }),
    ).toBeVisible();
    await expect(signInPage.getByText(DATABASE_UNAVAILABLE.message)).toBeVisible();

    // ---- back, on the same data and port; nobody touches the app or the tab.
    database = await start();
    await expect(page.getByRole('heading', { level: 1, name: 'Commitments' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('heading', { name: DATABASE_UNAVAILABLE.title })).toHaveCount(0);
    // The error screen retried by itself: the sign-in page found the session and went on to the overview.
    await expect(signInPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
      timeout: 60_000,
    });
    const again = await fetch(`${appUrl}/api/health`);
    expect(again.status).toBe(200);
    expect(app.hasExited()).toBe(false);

    // ---- the logs
    const lines = output.lines();
    const queries = lines.filter((line) => line.msg === 'slow query');
    expect(queries.length).toBeGreaterThan(0);
    expect(
      queries.filter((line) => typeof line.requestId !== 'string'),
      'query lines without a request id',
    ).toEqual([]);
    expect(queries.some((line) => line.requestId === upRequestId)).toBe(true);
    expect(queries.every((line) => !/'[^']*'/.test(String(line.sql)))).toBe(true);
    expect(
      lines.some(
        (line) => line.msg === 'database unavailable: answered 503' && line.requestId === downRequestId,
      ),
    ).toBe(true);
    const text = output.text();
    for (const value of [user.password, secret, ...(await context.cookies()).map((cookie) => cookie.value)]) {
      expect(text, 'a secret in the logs').not.toContain(value);
    }
    // The only browser errors: the resources the 503s refused.
    expect(consoleErrors.filter((message) => !/status of 503/.test(message))).toEqual([]);
  } finally {
    await context?.close();
    if (app) await stopChild(app, { graceMs: 10_000 });
    await database?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
});

// ---- SIGTERM --------------------------------------------------------------------------------------------

/**
 * True when a request on a new connection fails. A new connection each time: a keep-alive one opened before the
 * signal would still be served, which says nothing about whether the server still accepts.
 */
function connectionRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(false);
    });
    request.on('timeout', () => request.destroy(new Error('no answer')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/**
 * What the scheduler (lib/scheduler) writes on its own, whenever its first tick comes after a start: its job rows and
 * the month-end status snapshots (status.snapshots). Left out of the "nothing lost, nothing twice" comparison, which
 * would otherwise depend on whether the first instance's tick came before the count. (The other jobs have nothing to
 * act on here: no follows, no feeds.)
 */
const SCHEDULER_TABLES = new Set(['ScheduledJob', 'SnapshotDay', 'ResponsibilitySnapshot']);

async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      if (SCHEDULER_TABLES.has(name)) continue;
      counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

test('SIGTERM to `npm start`: the in-flight export completes, the database closes cleanly, every row survives', async () => {
  test.setTimeout(420_000);
  const tmp = await mkdtemp(path.join(tmpdir(), 'pactwatch-e2e-sigterm-'));
  const appPort = await freePort();
  const databasePort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  // The point is the embedded database and the secret `npm start` keeps for it.
  const env = embeddedStartEnv(tmp, appPort, databasePort);
  let instance: Instance | undefined;
  try {
    instance = await npmStart(env);
    const databaseUrl = await embeddedDatabaseUrlFor(path.join(tmp, 'postgres'), databasePort);
    // Enough history that the export is still streaming when the signal comes (the client also reads slowly).
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`
      INSERT INTO "StatusUpdate" ("commitmentId", status, "observedOn", reason)
      SELECT c.id, 'in_progress', DATE '2024-01-01' + (g % 500), 'Bulk row ' || g
        FROM generate_series(1, 20000) AS g
        JOIN LATERAL (SELECT id FROM "Commitment" ORDER BY id OFFSET (g % 9) LIMIT 1) AS c ON true`);
    await client.end();
    const user = await withPrisma(databaseUrl, (prisma) => createUser(prisma, 'viewer'));
    const cookie = await sessionCookie(appUrl, user);

    // The export whole, as a baseline.
    const baseline = await fetch(`${appUrl}/reports/updates.csv`, { headers: { cookie } });
    expect(baseline.status).toBe(200);
    const expected = await baseline.text();
    const expectedLines = expected.trimEnd().split('\n').length;
    expect(expectedLines).toBeGreaterThan(20_000);
    const before = await tableCounts(databaseUrl);

    // The same export on a connection of its own (no keep-alive to outlive it), paused after its first bytes so it
    // is still in flight while the app stops: SIGTERM to npm alone, as `docker stop` or a service manager sends.
    const npmPid = instance.child.process.pid!;
    const body = await new Promise<string>((resolve, reject) => {
      const request = http.get(
        `${appUrl}/reports/updates.csv`,
        { headers: { cookie }, agent: false },
        (response) => {
          if (response.statusCode !== 200) reject(new Error(`export answered ${response.statusCode}`));
          const chunks: Buffer[] = [];
          let signalled = false;
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (signalled) return;
            signalled = true;
            response.pause();
            process.kill(npmPid, 'SIGTERM');
            // Stopping: a new connection is refused, while this one is still being served. The app has 10 s
            // (scripts/start.ts) before it is killed, so wait for the refusal at most 6 s, then read on.
            void waitUntil(
              'a new connection to be refused',
              () => connectionRefused(`${appUrl}/api/health`),
              {
                timeoutMs: 6_000,
                intervalMs: 200,
              },
            )
              .then(
                () => undefined,
                (error: Error) => error,
              )
              .then((error) => {
                response.resume();
                if (error)
                  reject(new Error(`the app still accepted connections after SIGTERM: ${error.message}`));
              });
          });
          response.on('end', () =>
            response.complete
              ? resolve(Buffer.concat(chunks).toString('utf8'))
              : reject(new Error('the export was cut off')),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
    expect(body.length).toBe(expected.length);
    expect(body.trimEnd().split('\n').length).toBe(expectedLines);
    expect(body).toBe(expected);

    const exit = await Promise.race([
      instance.child.exited,
      sleep(60_000).then(() => {
        throw new Error('npm start did not stop within 60 s of SIGTERM');
      }),
    ]);
    const stopLog = instance.output.text();
    expect(stopLog, 'nothing had to be killed').not.toMatch(/did not stop within|killing it/);
    expect(stopLog).toMatch(/\[pactwatch\] stopped\b/);
    expect(exit).toEqual({ code: 0, signal: null });
    // The embedded database shut down cleanly (PostgreSQL's last line after a fast shutdown's checkpoint).
    const databaseLog = await readFile(path.join(tmp, 'postgres.log'), 'utf8');
    expect(databaseLog.trimEnd().split('\n').at(-1)).toMatch(/database system is shut down$/);
    expect(
      await stat(path.join(tmp, 'postgres', 'postmaster.pid')).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    instance = undefined;

    // The next start finds everything, and nothing twice (no second seed).
    instance = await npmStart(env);
    expect(await tableCounts(databaseUrl)).toEqual(before);
    const afterRestart = await fetch(`${appUrl}/reports/updates.csv`, {
      headers: { cookie: await sessionCookie(appUrl, user) },
    });
    expect((await afterRestart.text()).trimEnd().split('\n').length).toBe(expectedLines);
    process.kill(instance.child.process.pid!, 'SIGTERM');
    expect(await instance.child.exited).toEqual({ code: 0, signal: null });
    instance = undefined;
  } finally {
    if (instance) await stopChild(instance.child, { graceMs: 30_000 });
    // Should `npm start` have died without stopping its app and database (sessions of their own), find them.
    const leftovers = await killProcessesWithEnv('PACTWATCH_DATA_DIR', tmp);
    await rm(tmp, { recursive: true, force: true });
    expect(leftovers, 'processes `npm start` left running').toEqual([]);
  }
});
