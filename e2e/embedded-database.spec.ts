// The embedded database as a newcomer gets it: `npm start` with no DATABASE_URL, on a data directory of the spec's
// own, using the build `npm test` made. Two analysts in two browsers save the same party's edit form ten times each,
// five tabs at a time: every save is either a success or the version-conflict notice, nobody is signed out, no
// response is a 5xx, and the app's log holds none of the protocol errors that an embedded server multiplexing
// every client onto one session produced (`portal "" does not exist`, a `Session` row returned for a user, …).
// Then a large updates.csv download is held open mid-stream while other pages load.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { embeddedDatabaseUrlFor } from '../scripts/lib/embedded-db.ts';
import { stopChild } from '../scripts/lib/process.ts';
import { freePort, killProcessesWithEnv } from '../tests/faults/processes.ts';
import { embeddedStartEnv, npmStart, type Instance } from './support/app-process.ts';
import { expect, test } from './support/fixtures.ts';
import { createUser, signInRequest, type E2EUser } from './support/users.ts';

test.use({ signedInAs: null });

const CONFLICT = 'This record was changed by someone else since you opened it.';
/** What the failure looked like on PGlite behind pglite-server (issue 11). */
const PROTOCOL_ERRORS =
  /portal "[^"]*" does not exist|bind message supplies|prepared statement "[^"]*"|Missing data field|insufficient data left in message|unexpected message type/i;

type Outcome = 'saved' | 'conflict';

/** Opens the party's edit form in `tabs` tabs of `context`, then saves all of them at once. */
async function saveInParallel(
  context: BrowserContext,
  partyId: number,
  tabs: number,
  label: string,
  problems: string[],
): Promise<Outcome[]> {
  const pages: Page[] = [];
  for (let i = 0; i < tabs; i++) {
    const page = await context.newPage();
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${label}: ${response.status()} ${response.url()}`);
    });
    await page.goto(`/parties/${partyId}/edit`);
    await page.getByLabel('Short name').fill(`${label}-${i}`);
    pages.push(page);
  }
  const outcomes = await Promise.all(
    pages.map(async (page, i): Promise<Outcome> => {
      await page.getByRole('button', { name: 'Save changes' }).click();
      const saved = page
        .waitForURL(new RegExp(`/parties/${partyId}$`), { timeout: 60_000 })
        .then(() => 'saved' as const);
      const conflict = page
        .getByRole('heading', { name: CONFLICT })
        .waitFor({ timeout: 60_000 })
        .then(() => 'conflict' as const);
      const outcome = await Promise.any([saved, conflict]).catch(async () => {
        problems.push(
          `${label}-${i}: neither saved nor a conflict; the page says: ${await page.innerText('main')}`,
        );
        return 'conflict' as const;
      });
      if (new URL(page.url()).pathname === '/sign-in') problems.push(`${label}-${i}: signed out`);
      if (await page.getByText('Something went wrong').count()) problems.push(`${label}-${i}: error page`);
      return outcome;
    }),
  );
  await Promise.all(pages.map((page) => page.close()));
  return outcomes;
}

test('npm start on the embedded database: two analysts saving at once, and pages during a large export', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const tmp = await mkdtemp(path.join(tmpdir(), 'pactwatch-e2e-embedded-'));
  const appPort = await freePort();
  const databasePort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  // The point is the embedded database `npm start` runs when nothing else is configured.
  const env = embeddedStartEnv(tmp, appPort, databasePort);
  let instance: Instance | undefined;
  const contexts: BrowserContext[] = [];
  try {
    instance = await npmStart(env);
    const databaseUrl = await embeddedDatabaseUrlFor(path.join(tmp, 'postgres'), databasePort);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
    let analysts: E2EUser[];
    let partyId: number;
    try {
      analysts = [await createUser(prisma, 'analyst'), await createUser(prisma, 'analyst')];
      partyId = (await prisma.party.findFirstOrThrow({ where: { name: 'Pakistan' } })).id;
    } finally {
      await prisma.$disconnect();
    }

    // ---- issue [8/9]'s first steps on a clean clone: a token for the demo admin from `npm run token:create`
    // (no DATABASE_URL: it finds the embedded database `npm start` runs), then the seed's commitments over the API.
    const created = await promisify(execFile)(
      'npm',
      ['run', '-s', 'token:create', '--', '--email', 'admin@pactwatch.local'],
      { env },
    );
    const token = created.stdout.trim();
    expect(token).toMatch(/^pw_\S+$/);
    // The seed logs a status for each of its commitments, so `no_evidence` (the example) lists none of
    // them; `not_started` lists the seed's not-started ones.
    const listed = async (status: string) => {
      const response = await fetch(`${appUrl}/api/v1/commitments?status=${status}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { title: string; status: string }[] }).items;
    };
    expect(await listed('no_evidence')).toEqual([]);
    const notStarted = await listed('not_started');
    expect(notStarted.length).toBeGreaterThan(0);
    expect(new Set(notStarted.map((item) => item.status))).toEqual(new Set(['not_started']));
    const anonymous = await fetch(`${appUrl}/api/v1/commitments?status=no_evidence`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');

    // ---- two analysts, ten saves each, five tabs at a time
    for (const analyst of analysts) {
      const context = await browser.newContext({ baseURL: appUrl });
      await signInRequest(context.request, analyst);
      contexts.push(context);
    }
    const problems: string[] = [];
    const outcomes: Outcome[] = [];
    for (const round of [1, 2]) {
      const results = await Promise.all(
        contexts.map((context, who) =>
          saveInParallel(context, partyId, 5, `user${who}-round${round}`, problems),
        ),
      );
      outcomes.push(...results.flat());
    }
    expect(problems, 'sign-outs, error pages, 5xx answers').toEqual([]);
    expect(outcomes).toHaveLength(20);
    // Every tab of a round opened the same version, so at least one save per round went through.
    expect(outcomes.filter((outcome) => outcome === 'saved').length).toBeGreaterThanOrEqual(2);
    // Each context is still signed in.
    for (const context of contexts) {
      const session = await context.request.get('/api/auth/get-session');
      expect(await session.json(), 'still signed in').not.toBeNull();
    }

    // ---- a large export held open mid-stream: other requests are served meanwhile
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO "StatusUpdate" ("commitmentId", status, "observedOn", reason)
        SELECT c.id, 'in_progress', DATE '2024-01-01' + (g % 500), 'Bulk row ' || g
          FROM generate_series(1, 100000) AS g
          JOIN LATERAL (SELECT id FROM "Commitment" ORDER BY id OFFSET (g % 9) LIMIT 1) AS c ON true`);
    } finally {
      await client.end();
    }
    const cookie = (await contexts[0].cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    let exportDone = false;
    let resume: () => void = () => {};
    let started: () => void = () => {};
    const firstBytes = new Promise<void>((resolve) => (started = resolve));
    const exported = new Promise<number>((resolve, reject) => {
      const request = http.get(
        `${appUrl}/reports/updates.csv`,
        { headers: { cookie }, agent: false },
        (response) => {
          if (response.statusCode !== 200) reject(new Error(`export answered ${response.statusCode}`));
          let lines = 0;
          let paused = false;
          response.on('data', (chunk: Buffer) => {
            for (const byte of chunk) if (byte === 0x0a) lines += 1;
            if (paused) return;
            paused = true;
            response.pause();
            resume = () => response.resume();
            started();
          });
          response.on('end', () => {
            exportDone = true;
            resolve(lines);
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
    await firstBytes;

    const page = await contexts[1].newPage();
    const loadStarted = Date.now();
    const overview = await page.goto('/commitments');
    expect(overview?.status()).toBe(200);
    const health = await page.request.get('/api/health');
    expect(health.status()).toBe(200);
    console.log(
      `pages during a paused export: /commitments and /api/health in ${Date.now() - loadStarted} ms`,
    );
    expect(exportDone, 'the export was still open while the pages loaded').toBe(false);
    resume();
    expect(await exported).toBeGreaterThan(100_000);

    // ---- the log
    const log = instance.output.text();
    expect(log.match(PROTOCOL_ERRORS)?.[0] ?? null, 'protocol errors in the app log').toBeNull();
  } finally {
    for (const context of contexts) await context.close();
    if (instance) await stopChild(instance.child, { signal: 'SIGTERM', graceMs: 60_000 });
    const leftovers = await killProcessesWithEnv('PACTWATCH_DATA_DIR', tmp);
    await rm(tmp, { recursive: true, force: true });
    expect(leftovers, 'processes `npm start` left running').toEqual([]);
  }
});
