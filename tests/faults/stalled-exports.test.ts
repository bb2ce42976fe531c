// A hostile probe of the CSV downloads: several clients open GET /reports/updates.csv on a database of a hundred
// thousand updates, read the response head and stop reading, over real TCP sockets whose receive windows fill up
// so that the server's writes block. Meanwhile other users load the health check and pages. The route
// handlers are the app's own, served over HTTP the way Next serves them (its pipeToNodeResponse, backpressure
// included), with the session stubbed per request.
// - the health check and the pages answer, within a generous bound, all the while;
// - exports over the caps are refused at once (429 for the user's own cap, 503 for the server's, Retry-After);
// - the stalled exports are cut off after the idle time: slots, pool connections and COPY backends released, and
//   a client that reads again finds its file broken off, not complete.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pipeToNodeResponse } from 'next/dist/server/pipe-readable';
import pg from 'pg';
import type { CurrentUser } from '../../lib/auth/session.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { migrate } from '../../lib/migrations.ts';
import { testDatabaseUrl } from '../support/db.ts';
import { freePort, waitFor } from './support.ts';

const session = vi.hoisted(() => ({
  storage: undefined as { getStore(): CurrentUser | undefined } | undefined,
}));

vi.mock('../../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.storage?.getStore() ?? null,
}));

/**
 * Updates in the database: about 60 MB of updates.csv, far more than fits in the buffers between the server and a
 * client that stopped reading (about 4 MB here), and few enough that three COPYs start within seconds.
 */
const UPDATES = 100_000;
/**
 * The default: long enough for every download to stall (their COPYs start together on two shared cores) and for
 * the loads below to run while all of them still hold their slots.
 */
const IDLE_MS = 30_000;
const POOL_MAX = 2;
const EXPORT_MAX = 3;
/** Generous: each of these answers in milliseconds on an idle machine. */
const ANSWER_WITHIN_MS = 10_000;
/** How long a request may take before it counts as never answered. */
const GIVE_UP_MS = 20_000;

let databaseName: string;
let serverUrl: string;
let server: http.Server;
let port: number;
let monitor: pg.Client;
const sockets: net.Socket[] = [];
/** The server's side of each download: are its writes blocked? */
const downloads: http.ServerResponse[] = [];

type Handler = (request: Request) => Promise<Response>;
let routes: Record<string, Handler>;
let activeExports: () => number;

/** A database of this file's own: the export reads all of it, and its backends are easy to tell apart. */
async function createDatabase(): Promise<string> {
  serverUrl = testDatabaseUrl();
  const url = new URL(serverUrl);
  databaseName = `${url.pathname.slice(1)}_exports_${randomBytes(3).toString('hex')}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${databaseName}`;
  await migrate(url.toString());
  return url.toString();
}

async function populate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      WITH category AS (INSERT INTO "Category" (slug, name) VALUES ('probe', 'Probe') RETURNING id),
           agreement AS (
             INSERT INTO "Agreement" (title, kind, "updatedAt") VALUES ('Probe agreement, Geneva', 'mou', now())
             RETURNING id)
      INSERT INTO "Commitment" ("agreementId", "categoryId", title, "updatedAt")
      SELECT agreement.id, category.id, 'Commitment ' || g, now() FROM agreement, category, generate_series(1, 200) g`);
    await client.query(`
      INSERT INTO "StatusUpdate" ("commitmentId", status, reason, "observedOn")
      SELECT (SELECT min(id) FROM "Commitment") + g % 200,
             (ARRAY['in_progress', 'stalled', 'fulfilled']::"CommitmentStatus"[])[1 + g % 3],
             'Reason ' || g || ': ' || repeat(md5(g::text), 17),
             date '2020-01-01' + g % 1500
        FROM generate_series(1, ${UPDATES}) g`);
  } finally {
    await client.end();
  }
}

/** Next's way of sending a route handler's Response (next/dist/server/send-response.js), minus its headers filter. */
async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const handler = routes[url.pathname];
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  const userId = headers.get('x-test-user');
  const user: CurrentUser | undefined = userId
    ? {
        id: userId,
        name: userId,
        email: `${userId}@test.pactwatch.local`,
        role: 'viewer',
        deactivatedAt: null,
      }
    : undefined;
  const storage = session.storage as AsyncLocalStorage<CurrentUser | undefined>;
  const response = await storage.run(user, () => handler(new Request(url, { headers })));
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length') res.setHeader(name, value);
  });
  if (!response.body) {
    res.end();
    return;
  }
  if (url.pathname.endsWith('.csv')) downloads.push(res);
  await pipeToNodeResponse(response.body, res);
}

/** A client that sends its request, reads the response head and then nothing more (its socket paused). */
type StalledClient = {
  head: Promise<string>;
  /** Reads on, to the end of the connection; resolves with the bytes received in all and how they ended. */
  resume(): Promise<{ bytes: number; complete: boolean }>;
};

function stalledClient(path: string, userId: string): StalledClient {
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  // Cut off by the server: a reset is what the test expects, not an error of its own.
  socket.on('error', () => {});
  let received = 0;
  let tail = Buffer.alloc(0);
  let headText = '';
  let start = '';
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const head = new Promise<string>((resolve, reject) => {
    socket.once('close', () => reject(new Error(`${path}: connection closed before the response head`)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      tail = Buffer.concat([tail, chunk]).subarray(-64);
      if (headText) return;
      start += chunk.toString('latin1');
      const end = start.indexOf('\r\n\r\n');
      if (end === -1) return;
      headText = start.slice(0, end);
      socket.pause();
      resolve(headText);
    });
  });
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-test-user: ${userId}\r\nConnection: close\r\n\r\n`,
  );
  return {
    head,
    async resume() {
      socket.resume();
      await closed;
      // A chunked body that was sent to its end finishes with the last, empty chunk.
      return { bytes: received, complete: tail.toString('latin1').endsWith('\r\n0\r\n\r\n') };
    },
  };
}

/** GET `path` as `userId`; status, milliseconds and body, or the failure (a timeout: no answer). */
async function timedGet(path: string, userId = 'visitor') {
  const started = Date.now();
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { 'x-test-user': userId, connection: 'close' },
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    const body = await response.text();
    return { path, status: response.status, ms: Date.now() - started, body, headers: response.headers };
  } catch (error) {
    return { path, status: 0, ms: Date.now() - started, body: String(error), headers: new Headers() };
  }
}

async function copyBackends(): Promise<number> {
  const { rows } = await monitor.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE datname = $1 AND state = 'active' AND query LIKE 'COPY%'`,
    [databaseName],
  );
  return rows[0].count;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  return Promise.race([
    promise,
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms)),
  ]);
}

beforeAll(async () => {
  const url = await createDatabase();
  await populate(url);
  monitor = new pg.Client({ connectionString: serverUrl });
  await monitor.connect();

  // lib/db.ts and the export slots read these on first use.
  if ((globalThis as { prisma?: unknown }).prisma)
    throw new Error('lib/db.ts was used before this test set it up');
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    PACTWATCH_POOL_WAIT_MS: '3000',
    PACTWATCH_EXPORT_MAX: String(EXPORT_MAX),
    PACTWATCH_EXPORT_USER_MAX: '1',
    PACTWATCH_EXPORT_IDLE_MS: String(IDLE_MS),
  });
  session.storage = new AsyncLocalStorage<CurrentUser | undefined>();
  const [updates, commitments, health, commitmentsData, dashboard, slots] = await Promise.all([
    import('../../app/reports/updates.csv/route.ts'),
    import('../../app/reports/commitments.csv/route.ts'),
    import('../../app/api/health/route.ts'),
    import('../../lib/data/commitments.ts'),
    import('../../lib/data/dashboard.ts'),
    import('../../lib/csv/export-slots.ts').catch(() => null),
  ]);
  activeExports = () => slots?.exportSlots().active() ?? Number.NaN;
  routes = {
    '/reports/updates.csv': (request) => updates.GET(request),
    '/reports/commitments.csv': (request) => commitments.GET(request),
    '/api/health': () => health.GET(),
    // What the overview and the commitment list read, on the pool every page uses.
    '/': async () => Response.json(await dashboard.getOverviewSummary()),
    '/commitments': async () => Response.json(await commitmentsData.listCommitments({ page: 2 })),
  };
  port = await freePort();
  server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  const clients = globalThis as { prisma?: PrismaClient; exportPrisma?: PrismaClient };
  await withTimeout(
    Promise.all([clients.prisma?.$disconnect(), clients.exportPrisma?.$disconnect()]),
    10_000,
  );
  if (databaseName) await monitor?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await monitor?.end();
});

describe('downloads that stop being read', () => {
  it('never starve other requests, and are cut off after the idle time', { timeout: 300_000 }, async () => {
    // The app answers, and has opened its pool, before the probe.
    expect((await timedGet('/api/health')).status).toBe(200);
    const started = Date.now();
    // As many stalled downloads as the server allows exports, each by a user of its own.
    const stalled = Array.from({ length: EXPORT_MAX }, (_, i) =>
      stalledClient('/reports/updates.csv', `prober-${i}`),
    );
    const heads = await Promise.all(stalled.map((client) => withTimeout(client.head, GIVE_UP_MS * 2)));
    // Their writes block: the client's window and the server's buffers are full.
    const blocked = await waitFor(
      "the stalled downloads' writes to block",
      async () => downloads.length === EXPORT_MAX && downloads.every((res) => res.writableNeedDrain),
      GIVE_UP_MS,
      50,
    ).then(
      () => true,
      () => false,
    );
    const blockedAt = Date.now() - started;

    // Meanwhile: one more export by a prober (over the user's cap), one by somebody else (over the
    // server's), and rounds of the health check and pages, each as if from another user.
    const refusals = Promise.all([
      timedGet('/reports/updates.csv', 'prober-0'),
      timedGet('/reports/commitments.csv', 'latecomer'),
    ]);
    const loads = [];
    for (let round = 0; round < 3; round++)
      loads.push(...(await Promise.all(['/api/health', '/', '/commitments'].map((path) => timedGet(path)))));
    const [overUser, overServer] = await refusals;
    const exportsWhileLoading = activeExports();
    const loadedAt = Date.now() - started;

    expect(
      loads
        .filter((load) => load.status !== 200 || load.ms > ANSWER_WITHIN_MS)
        .map(({ body, ...load }) => ({
          ...load,
          body: body.slice(0, 200),
        })),
      `health and pages answered 200 within ${ANSWER_WITHIN_MS} ms while downloads stalled`,
    ).toEqual([]);
    expect(
      heads.map((head) => (head === 'timed out' ? head : head.split('\r\n')[0])),
      'each stalled download was answered',
    ).toEqual(Array.from({ length: EXPORT_MAX }, () => 'HTTP/1.1 200 OK'));
    expect(blocked, "the server's writes to the stalled clients blocked").toBe(true);
    expect(exportsWhileLoading, 'the downloads were still stalled (not yet idle) during the loads').toBe(
      EXPORT_MAX,
    );

    expect([overUser.status, overServer.status], 'exports over the user’s and the server’s caps').toEqual([
      429, 503,
    ]);
    for (const refused of [overUser, overServer]) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(refused.body).toMatch(/try again/i);
      expect(refused.ms).toBeLessThan(ANSWER_WITHIN_MS);
    }

    // The idle time passes: every stalled download is aborted and gives back its slot and connection.
    const cutOffMs = await waitFor(
      'the stalled downloads to be aborted',
      async () => activeExports() === 0,
      IDLE_MS + 60_000,
      100,
    );
    await waitFor('their COPYs to end', async () => (await copyBackends()) === 0, GIVE_UP_MS, 200);
    const exportClient = (globalThis as { exportPrisma?: PrismaClient }).exportPrisma;
    const { poolOf } = await import('../../lib/db-client.ts');
    const exportPool = poolOf(exportClient!);
    expect(exportPool.totalCount - exportPool.idleCount, 'export connections still checked out').toBe(0);

    // A stalled client that reads again gets what was buffered, then the connection ends: the file broken
    // off, not complete.
    const ends = await Promise.all(stalled.map((client) => withTimeout(client.resume(), GIVE_UP_MS * 2)));
    for (const end of ends) {
      expect(end, 'the connection ended once the client read again').not.toBe('timed out');
      if (end !== 'timed out') expect(end.complete, 'a cut-off download does not look complete').toBe(false);
    }

    // And exports work again.
    const after = await timedGet('/reports/commitments.csv', 'prober-0');
    expect(after.status).toBe(200);
    expect(after.body.split('\r\n').filter(Boolean)).toHaveLength(201);
    console.log(
      `stalled exports: blocked after ${blockedAt} ms, loads done after ${loadedAt} ms, cut off ${cutOffMs} ms later; ` +
        `loads took ${loads.map((load) => load.ms).join(', ')} ms; ` +
        `${ends.map((end) => (end === 'timed out' ? end : `${(end.bytes / 1e6).toFixed(1)} MB`)).join(', ')} received before the cut`,
    );
  });
});
