// `npm run bench -- --scale N`: loads (or reuses) the synthetic dataset of scale N into pw_bench_<N>, then, in
// one run against `next start`: four pages under autocannon with no writes and again while follow-ups are written,
// each page rendered without any cache, the pages spread over several instances on one database (sessions, a write
// seen on each, the scheduler running each due job once), each page's own SQL replayed as a baseline, the
// updates.csv export against COPY, and log-follow-up latency at 10 workers (through the app's POST /api/v1/follow-ups,
// which runs the form action's steps, and at the data layer). Every number is printed with the load
// average at its start and the rows written on the server during it. Writes bench/results/latest.json (and
// scale-<N>.json) and prints a markdown table with the targets. docs/bench.md explains every number.
//
//   --scale N          dataset size (1 = the seed; 100 = 1,000 agreements … 1,000,000 status updates)
//   --fresh            rebuild pw_bench_<N> even when a complete one of this generator version exists
//   --build            rebuild the app into .next-bench even when a build is there
//   --duration S       about how long each page is measured (the request count is set from the warm-up's pace),
//                      and the window of each SQL baseline and of the follow-up loop (default 10)
//   --warmup S         warm-up seconds before each page's and each SQL baseline's measurement (default 3; a
//                      page's warm-up starts with 2 requests per connection)
//   --connections C    autocannon connections = SQL loops = follow-up workers (default 10)
//   --port P           app port; P+1 serves the SQL-capturing instance, P+2 the uncached one and then the second
//                      instance, P+3… further instances (default 5400)
//   --writes-per-second W   follow-ups posted to the app per second while the pages are measured again, and
//                      while they are spread over the instances (default 1; 0: no writes, no second measurement)
//   --instances N      instances the page load is spread over in the multi-instance part (default 2; 1 skips it)
//   --explain          also write docs/explain/<page>.md (each statement timed, plans of the slowest)
//   --skip-export, --skip-follow-ups, --skip-search   leave those parts out (follow-ups: both 10-worker loops;
//                      the writer above still runs; search: the /search page and the
//                      commitment picker's typeahead under a fixed mix of queries, and the follow-up form's size)
//
// DATABASE_URL names the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres); only the
// bench database on it is created or changed. Everything runs on localhost.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { createApiToken } from '../../lib/api/tokens.ts';
import { refreshStatusCache } from '../../lib/data/status-cache.ts';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { isPortInUse } from '../lib/process.ts';
import {
  cpuMs,
  ensureBuild,
  ensureUser,
  ensureViewer,
  getPage,
  ROOT,
  signIn,
  startApp,
  type App,
} from './app.ts';
import { watchConditions } from './conditions.ts';
import { DEFAULT_SERVER_URL, loadSecondsOf, prepareDatabase, withClient } from './database.ts';
import { GENERATOR_VERSION } from './dataset.ts';
import { Rng } from './prng.ts';
import { writeExplainDoc } from './explain-doc.ts';
import { copyBaseline, downloadExport, updatesReportSelect } from './export.ts';
import type { FollowUpConfig } from './follow-ups.ts';
import {
  followUpForm,
  httpWriteLoops,
  postFollowUp,
  startPacedWriter,
  type HttpWriter,
} from './http-writes.ts';
import {
  BROWSER_ACCEPT,
  loadTest,
  loadTestSpread,
  measuredAmount,
  percentile,
  round,
  type Latency,
} from './measure.ts';
import {
  exportResult,
  judge,
  machineInfo,
  markdown,
  PAGES,
  writeResults,
  type BenchResult,
  type InstancesResult,
  type LoadRow,
  type PageKey,
  type PageResult,
  type RenderResult,
  type SchedulerCheck,
  type UnderWrites,
} from './report.ts';
import { measureSearch, measureSearchUncached } from './search.ts';
import { captureOffset, readCapturedSince, replayBaseline, type CapturedQuery } from './sql-baseline.ts';

const say = (line: string) => console.log(`[bench] ${line}`);

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number (got ${value ?? 'nothing'})`);
    process.exit(2);
  }
  return n;
}

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    port: { type: 'string' },
    explain: { type: 'boolean', default: false },
    'skip-export': { type: 'boolean', default: false },
    'skip-follow-ups': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'writes-per-second': { type: 'string' },
    instances: { type: 'string' },
  },
  strict: true,
});

const scale = positiveInt(args.scale, 'scale');
const seconds = positiveInt(args.duration, 'duration', 10);
const warmupSeconds = positiveInt(args.warmup, 'warmup', 3);
const connections = positiveInt(args.connections, 'connections', 10);
const port = positiveInt(args.port, 'port', 5400);
const writesPerSecond = Number(args['writes-per-second'] ?? 1);
if (!Number.isFinite(writesPerSecond) || writesPerSecond < 0 || writesPerSecond > 100) {
  console.error(`--writes-per-second must be a number from 0 to 100 (got ${args['writes-per-second']})`);
  process.exit(2);
}
const instanceCount = positiveInt(args.instances, 'instances', 2);
/** Every instance ticks its scheduler this often, so a job made due runs within the check's wait. */
const SCHEDULER_TICK_MS = 1_000;
/** Upper bounds on every loop besides its time window. */
const MAX_REQUESTS = 200_000;

async function pickPages(url: string): Promise<Record<PageKey, string>> {
  return withClient(url, async (client) => {
    // The commitment with the most follow-ups: the heaviest dashboard a viewer can open.
    const commitment = await client.query<{ id: number }>(`
      SELECT c.id FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
       WHERE c."archivedAt" IS NULL AND a."archivedAt" IS NULL
       ORDER BY (SELECT count(*) FROM "StatusUpdate" su WHERE su."commitmentId" = c.id) DESC, c.id
       LIMIT 1`);
    // The party with the most commitments, counting the parties under it (the party page rolls them up).
    const party = await client.query<{ id: number }>(`
      WITH RECURSIVE tree(root, id) AS (
        SELECT id, id FROM "Party" WHERE "archivedAt" IS NULL
        UNION ALL
        SELECT t.root, p.id FROM "Party" p JOIN tree t ON p."parentId" = t.id
      )
      SELECT t.root AS id FROM tree t JOIN "CommitmentParty" cp ON cp."partyId" = t.id
       GROUP BY t.root ORDER BY count(DISTINCT cp."commitmentId") DESC, t.root LIMIT 1`);
    if (!commitment.rows.length || !party.rows.length)
      throw new Error('the bench database has no commitments');
    return {
      overview: '/',
      commitment: `/commitments/${commitment.rows[0].id}`,
      agreements: '/agreements',
      party: `/parties/${party.rows[0].id}`,
    };
  });
}

async function datasetCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const counts: Record<string, number> = {};
    for (const [label, table] of [
      ['agreements', 'Agreement'],
      ['commitments', 'Commitment'],
      ['evidence items', 'Evidence'],
      ['status updates', 'StatusUpdate'],
      ['parties', 'Party'],
      ['audit events', 'AuditEvent'],
    ]) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[label] = rows[0].n;
    }
    return counts;
  });
}

/** Sequential requests per page for the uncached render's latency and CPU. */
const UNCACHED_REQUESTS = 7;

async function checkPort(candidate: number): Promise<void> {
  if (await isPortInUse(candidate)) throw new Error(`port ${candidate} is in use: pass another --port`);
}

/** Each page once through a capturing server: the statements a single GET runs, after two warm-up GETs. */
async function captureSql(
  app: App,
  cookie: string,
  captureFile: string,
  pages: Record<PageKey, string>,
): Promise<{
  queries: Record<PageKey, CapturedQuery[]>;
  bytes: Record<PageKey, number>;
  uncached: Record<PageKey, { p50: number; cpuMsPerRequest: number }>;
}> {
  const captured = {} as Record<PageKey, CapturedQuery[]>;
  const bytes = {} as Record<PageKey, number>;
  const uncached = {} as Record<PageKey, { p50: number; cpuMsPerRequest: number }>;
  for (const [key, pathname] of Object.entries(pages) as [PageKey, string][]) {
    for (let i = 0; i < 2; i++) await getPage(app.baseUrl, pathname, cookie);
    const offset = await captureOffset(captureFile);
    const response = await getPage(app.baseUrl, pathname, cookie);
    if (response.status !== 200)
      throw new Error(`GET ${pathname} answered ${response.status} ${response.location ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything the page does after its last byte
    captured[key] = await readCapturedSince(captureFile, offset);
    bytes[key] = response.bytes;
    // One at a time, without the page cache: what rendering the page costs.
    const times: number[] = [];
    const cpuBefore = await cpuMs(app.serverPid);
    for (let i = 0; i < UNCACHED_REQUESTS; i++) {
      const started = performance.now();
      await getPage(app.baseUrl, pathname, cookie);
      times.push(performance.now() - started);
    }
    const cpuMsPerRequest = round(((await cpuMs(app.serverPid)) - cpuBefore) / UNCACHED_REQUESTS);
    uncached[key] = {
      p50: round(
        percentile(
          times.sort((a, b) => a - b),
          50,
        ),
      ),
      cpuMsPerRequest,
    };
    say(
      `  ${key}: ${captured[key].length} statements, ${Math.round(response.bytes / 1024)} KB of HTML; ` +
        `uncached ${uncached[key].p50} ms, ${cpuMsPerRequest} ms CPU per request`,
    );
  }
  return { queries: captured, bytes, uncached };
}

/** What every follow-up writer needs, and how to put the database back as loaded afterwards. */
type FollowUpSetup = {
  base: Pick<FollowUpConfig, 'databaseUrl' | 'actorId' | 'commitmentIds' | 'outletIds'>;
  /** A write token of the bench writer (an analyst), for POST /api/v1/follow-ups; deleted by restore(). */
  token: string;
  /** Deletes every follow-up (and its evidence and audit events) written since the setup; refreshes the cache. */
  restore(): Promise<void>;
};

async function followUpSetup(databaseUrl: string): Promise<FollowUpSetup> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  const writer = await prisma.user.upsert({
    where: { email: 'writer@bench.pactwatch.local' },
    create: {
      id: 'bench-writer',
      name: 'Bench writer',
      email: 'writer@bench.pactwatch.local',
      role: 'analyst',
    },
    update: {},
    select: { id: true },
  });
  const live = await prisma.commitment.findMany({
    where: { archivedAt: null, agreement: { archivedAt: null } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  // Evenly spread, at most 2,000 ids (they travel in an environment variable).
  const step = Math.max(1, Math.ceil(live.length / 2_000));
  const commitmentIds = live.filter((_, index) => index % step === 0).map((row) => row.id);
  const outletIds = (await prisma.outlet.findMany({ where: { archivedAt: null }, select: { id: true } })).map(
    (row) => row.id,
  );
  const maxOf = async (table: string) =>
    (
      await prisma.$queryRawUnsafe<{ max: bigint | number | null }[]>(`SELECT max(id) AS max FROM "${table}"`)
    )[0].max ?? 0;
  const before = {
    updates: Number(await maxOf('StatusUpdate')),
    evidence: Number(await maxOf('Evidence')),
    audit: BigInt(await maxOf('AuditEvent')),
  };
  const { token, record } = await createApiToken(
    { name: 'bench writer', scope: 'write', expiresAt: new Date(Date.now() + 86_400_000) },
    writer.id,
    prisma,
  );
  return {
    base: { databaseUrl, actorId: writer.id, commitmentIds, outletIds },
    token,
    async restore() {
      try {
        // Put the database back as loaded, so the next run measures the same data.
        const touched = await prisma.statusUpdate.findMany({
          where: { id: { gt: before.updates } },
          select: { commitmentId: true },
          distinct: ['commitmentId'],
        });
        await prisma.$transaction(
          async (tx) => {
            await tx.auditEvent.deleteMany({ where: { id: { gt: before.audit } } });
            await tx.statusUpdate.deleteMany({ where: { id: { gt: before.updates } } });
            await tx.evidence.deleteMany({ where: { id: { gt: before.evidence } } });
            await tx.apiToken.delete({ where: { id: record.id } });
            await refreshStatusCache(
              tx,
              touched.map((row) => row.commitmentId),
            );
          },
          { timeout: 120_000 },
        );
        await prisma.$executeRawUnsafe(
          // SearchDocument too: the loop's rows went through its GIN index's pending list, which every search
          // would otherwise scan until autovacuum empties it.
          'VACUUM (ANALYZE) "StatusUpdate", "Evidence", "AuditEvent", "Commitment", "CommitmentPartyStatus", "SearchDocument"',
        );
      } finally {
        await prisma.$disconnect();
      }
    },
  };
}

/** scripts/bench/follow-ups.ts as a child process (it needs the react-server condition); see its header. */
function runFollowUpChild(config: FollowUpConfig): Promise<Latency> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts/bench/follow-ups.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_FOLLOWUP_CONFIG: JSON.stringify(config) },
        // Its slow-query log lines (pino, stdout) show up in the bench's output, as the app's would.
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the follow-up loop exited with ${code}`));
      else readFile(config.resultFile, 'utf8').then((text) => resolve(JSON.parse(text) as Latency), reject);
    });
  });
}

/** Log-follow-up latency at `connections` workers, at the data layer; the rows it writes are removed afterwards. */
async function measureFollowUps(databaseUrl: string, tmp: string): Promise<Latency> {
  const setup = await followUpSetup(databaseUrl);
  try {
    return await runFollowUpChild({
      ...setup.base,
      workers: connections,
      seconds,
      maxIterations: MAX_REQUESTS,
      runId: Date.now().toString(36),
      resultFile: path.join(tmp, 'follow-ups.json'),
    });
  } finally {
    await setup.restore();
  }
}

/** Total CPU ms of several server processes. */
async function cpuOf(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await cpuMs(pid);
  return total;
}

/**
 * One page under load over `apps` (the connections split evenly): two warm-up requests per connection, then
 * `amount` requests measured, with the conditions of the window.
 */
async function measureLoad(options: {
  apps: readonly App[];
  pathname: string;
  cookie: string;
  amount: number;
  databaseUrl: string;
  database: string;
}): Promise<LoadRow> {
  const { apps, pathname, cookie, amount } = options;
  const urls = apps.map((app) => `${app.baseUrl}${pathname}`);
  const pids = apps.map((app) => app.serverPid);
  await loadTestSpread({ urls, cookie, connections, amount: connections * 2, maxSeconds: 300 });
  const ended = await watchConditions(options.databaseUrl, options.database);
  const cpuBefore = await cpuOf(pids);
  const http = await loadTestSpread({ urls, cookie, connections, amount, maxSeconds: seconds * 3 + 60 });
  const serverCpuMsPerRequest = round(((await cpuOf(pids)) - cpuBefore) / Math.max(1, http.count));
  const conditions = await ended();
  const { errors, ...latency } = http;
  say(
    `  ${http.count} requests: p50 ${http.p50} ms, p95 ${http.p95} ms, p99 ${http.p99} ms, ${http.rps} req/s; ` +
      `server CPU ${serverCpuMsPerRequest} ms/request; load ${conditions.loadAverage}, ` +
      `${conditions.serverRowsWritten} rows written on the server`,
  );
  return { ...latency, path: pathname, socketErrors: errors, serverCpuMsPerRequest, conditions };
}

/**
 * Seconds of unmeasured follow-up loops before the measured ones, at least (or --warmup when longer): on this
 * 2-core machine the CPU a follow-up costs the server settles after about a thousand of them (docs/bench.md).
 */
const WRITE_WARMUP_SECONDS = 15;

/**
 * Requests per page on the uncached instance, one at a time, after RENDER_WARMUP_ROUNDS of every page in turn. A
 * server's periodic work falls into a window at its own rate only if the window is long: a scavenge every second or
 * so, a full mark-compact every 15–20 s (up to 5 ms a request over a window of 30 renders in which one lands, none in
 * the next), the scheduler's tick every 15 s. 120 renders of a page take 3–10 s.
 */
const RENDER_REQUESTS = 120;
/**
 * Rounds of every page, unmeasured, before the first page is measured: what a render costs a server that is in
 * service, not one whose JIT compiler is still at work. V8 compiles a function in tiers as it is called more (Node 24:
 * Sparkplug, Maglev, then TurboFan); a fresh process's renders cost about 1.5× more at first, and the four pages in
 * turn settle after 600–800 requests (docs/bench.md). The capturing instance's "uncached" numbers (two warm-up
 * requests) show the cold side.
 */
const RENDER_WARMUP_ROUNDS = 200;

/** Each page rendered by an instance without the page cache: HTML size and server CPU per request. */
async function measureRenders(
  app: App,
  cookie: string,
  pages: Record<PageKey, string>,
  databaseUrl: string,
  database: string,
): Promise<Record<PageKey, RenderResult>> {
  const renders = {} as Record<PageKey, RenderResult>;
  const entries = Object.entries(pages) as [PageKey, string][];
  for (let round = 0; round < RENDER_WARMUP_ROUNDS; round++)
    for (const [, pathname] of entries) await getPage(app.baseUrl, pathname, cookie);
  for (const [key, pathname] of entries) {
    const ended = await watchConditions(databaseUrl, database);
    const times: number[] = [];
    let bytes = 0;
    const cpuBefore = await cpuMs(app.serverPid);
    for (let i = 0; i < RENDER_REQUESTS; i++) {
      const started = performance.now();
      const response = await getPage(app.baseUrl, pathname, cookie);
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
      if (response.pageCache === 'hit') throw new Error(`GET ${pathname} came from the page cache`);
      bytes = response.bytes;
    }
    const cpuMsPerRequest = round(((await cpuMs(app.serverPid)) - cpuBefore) / RENDER_REQUESTS);
    const conditions = await ended();
    renders[key] = {
      path: pathname,
      htmlKB: round(bytes / 1024),
      cpuMsPerRequest,
      p50: round(
        percentile(
          times.sort((a, b) => a - b),
          50,
        ),
      ),
      requests: RENDER_REQUESTS,
      warmup: RENDER_WARMUP_ROUNDS * entries.length,
      conditions,
    };
    say(
      `  ${key}: ${renders[key].htmlKB} KB of HTML, ${cpuMsPerRequest} ms CPU per request, p50 ${renders[key].p50} ms ` +
        `(load ${conditions.loadAverage}, ${conditions.serverRowsWritten} rows written on the server)`,
    );
  }
  return renders;
}

/** GET a page's HTML with the session cookie. */
async function pageHtml(baseUrl: string, pathname: string, cookie: string): Promise<string> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    headers: { cookie, accept: BROWSER_ACCEPT },
    redirect: 'manual',
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${baseUrl}${pathname} answered ${response.status}`);
  return text;
}

type JobRow = {
  name: string;
  runs: number;
  everyMs: number;
  lastRunBy: string | null;
  lastError: string | null;
  finishedAfterMark: boolean;
};

async function scheduledJobs(databaseUrl: string, mark: Date): Promise<JobRow[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<JobRow>(
      `SELECT name, runs, "lastRunBy", "lastError",
              coalesce(extract(epoch FROM "dueAt" - "lastStartedAt") * 1000, 0)::float8 AS "everyMs",
              coalesce("lastFinishedAt" >= $1, false) AS "finishedAfterMark"
         FROM "ScheduledJob" ORDER BY name`,
      [mark],
    );
    return rows;
  });
}

/**
 * Makes every scheduler job due at once while all instances tick (every SCHEDULER_TICK_MS), waits until each
 * has run and a few more ticks, and reports how often each ran: a job due once must run once, by one instance.
 */
async function checkScheduler(
  databaseUrl: string,
): Promise<{ jobs: SchedulerCheck[]; waitedSeconds: number }> {
  const mark = new Date(Date.now() - 1_000);
  const before = await scheduledJobs(databaseUrl, mark);
  await withClient(databaseUrl, (client) => client.query(`UPDATE "ScheduledJob" SET "dueAt" = now()`));
  const started = performance.now();
  let after = before;
  while (performance.now() - started < 180_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    after = await scheduledJobs(databaseUrl, mark);
    if (after.every((job) => job.finishedAfterMark)) break;
  }
  // A few more ticks of every instance: a second run would show now.
  await new Promise((resolve) => setTimeout(resolve, SCHEDULER_TICK_MS * 3));
  after = await scheduledJobs(databaseUrl, mark);
  const waitedSeconds = round((performance.now() - started) / 1000);
  const jobs = after.map((job) => {
    const runsBefore = before.find((row) => row.name === job.name)?.runs ?? 0;
    const ran = job.runs - runsBefore;
    // A job due more often than the wait may rightly run again; one due later must have run exactly once.
    const allowed = job.everyMs > 0 ? Math.max(1, Math.floor((waitedSeconds * 1000) / job.everyMs) + 1) : 1;
    return {
      name: job.name,
      runsBefore,
      runsAfter: job.runs,
      everyMs: Math.round(job.everyMs),
      lastRunBy: job.lastRunBy,
      lastError: job.lastError,
      pass: ran >= 1 && ran <= allowed,
    };
  });
  return { jobs, waitedSeconds };
}

/**
 * With a writer posting follow-ups through the app (POST /api/v1/follow-ups, the action's steps) at
 * --writes-per-second: the four pages again on the one instance; then, with --instances N > 1, N-1 more instances
 * on the same database and secret: one sign-in's cookie on each, a write through the first seen on each one's next
 * load, the pages spread over all of them (the writer posting to each in turn), and the scheduler. Last,
 * log-follow-up latency through the app at `connections` workers.
 */
async function measureUnderWrites(options: {
  app: App;
  cookie: string;
  pages: Record<PageKey, string>;
  database: { url: string; name: string };
  setup: FollowUpSetup;
  tmp: string;
  secret: string;
  instanceEnv: Record<string, string>;
  result: Omit<BenchResult, 'targets'>;
}): Promise<void> {
  const { app, cookie, pages, database, setup, tmp, result } = options;
  const amountOf = (key: PageKey) => result.pages[key]?.requests ?? connections * 10;
  const common = { cookie, databaseUrl: database.url, database: database.name };
  const runId = `w${Date.now().toString(36)}`;
  const writerOn = (apps: readonly App[], suffix: string): HttpWriter => ({
    baseUrls: apps.map((each) => each.baseUrl),
    token: setup.token,
    runId: `${runId}${suffix}`,
    commitmentIds: setup.base.commitmentIds,
    outletIds: setup.base.outletIds,
    rng: new Rng(`http-writes/${runId}${suffix}`),
  });
  let writer: { stop(): Promise<Latency> } | null = null;
  const others: App[] = [];
  try {
    if (writesPerSecond > 0) {
      say(
        `a writer posts ${writesPerSecond} follow-up(s) per second to POST /api/v1/follow-ups from now on…`,
      );
      writer = await startPacedWriter(writerOn([app], 'a'), writesPerSecond);
      const under: UnderWrites['pages'] = {};
      for (const [key, pathname] of Object.entries(pages) as [PageKey, string][]) {
        say(`${PAGES[key].title} ${pathname} at ${writesPerSecond} write/s: ${amountOf(key)} requests…`);
        under[key] = await measureLoad({ ...common, apps: [app], pathname, amount: amountOf(key) });
      }
      const writes = await writer.stop();
      writer = null;
      say(`  the writer logged ${writes.count} follow-ups, p50 ${writes.p50} ms, p95 ${writes.p95} ms`);
      result.underWrites = { writesPerSecond, writes, pages: under };
    }
    if (instanceCount > 1) {
      for (let index = 1; index < instanceCount; index++) {
        others.push(
          await startApp({
            port: port + 1 + index,
            databaseUrl: database.url,
            poolMax: connections,
            logFile: path.join(tmp, `app-${index + 1}.log`),
            secret: options.secret,
            env: options.instanceEnv,
            log: say,
          }),
        );
      }
      const apps = [app, ...others];
      say(`${apps.length} instances: ${apps.map((each) => each.baseUrl).join(', ')}`);
      // The cookie of the one sign-in (on the first instance), on every instance.
      const sessionStatus: number[] = [];
      for (const each of apps) sessionStatus.push((await getPage(each.baseUrl, '/', cookie)).status);
      say(`  one sign-in's session on each: HTTP ${sessionStatus.join(', ')}`);
      // Each instance has the commitment page cached; a follow-up is posted through the first; each one's next
      // load must show it.
      for (const each of apps)
        for (let i = 0; i < 2; i++) await getPage(each.baseUrl, pages.commitment, cookie);
      const visible = writerOn([app], 'v');
      const form = followUpForm(
        { ...visible, commitmentIds: [Number(pages.commitment.split('/').pop())] },
        visible.rng,
        0,
        0,
      );
      await postFollowUp(app.baseUrl, setup.token, form);
      const writeSeen: boolean[] = [];
      for (const each of apps)
        writeSeen.push((await pageHtml(each.baseUrl, pages.commitment, cookie)).includes(form.title));
      say(`  a follow-up posted to the first, seen on each one's next load: ${writeSeen.join(', ')}`);
      let writes: Latency | null = null;
      if (writesPerSecond > 0) writer = await startPacedWriter(writerOn(apps, 'b'), writesPerSecond);
      const spread: InstancesResult['pages'] = {};
      for (const [key, pathname] of Object.entries(pages) as [PageKey, string][]) {
        say(`${PAGES[key].title} ${pathname} over ${apps.length} instances, ${writesPerSecond} write/s…`);
        spread[key] = await measureLoad({ ...common, apps, pathname, amount: amountOf(key) });
      }
      if (writer) {
        writes = await writer.stop();
        writer = null;
      }
      say(
        `scheduler: every job made due now, ${apps.length} instances ticking every ${SCHEDULER_TICK_MS} ms…`,
      );
      const scheduler = await checkScheduler(database.url);
      for (const job of scheduler.jobs) {
        say(
          `  ${job.name}: runs ${job.runsBefore} → ${job.runsAfter} (by ${job.lastRunBy ?? '?'})` +
            (job.lastError ? `, last error: ${job.lastError}` : ''),
        );
      }
      result.instances = {
        count: apps.length,
        baseUrls: apps.map((each) => each.baseUrl),
        sessionStatus,
        writeSeen,
        writesPerSecond,
        writes,
        pages: spread,
        scheduler: scheduler.jobs,
        schedulerWaitSeconds: scheduler.waitedSeconds,
      };
    }
    if (!args['skip-follow-ups']) {
      const writeWarmup = Math.max(warmupSeconds, WRITE_WARMUP_SECONDS);
      say(
        `log follow-up through the app (POST /api/v1/follow-ups), ${connections} workers: ${writeWarmup} s of ` +
          `warm-up, then ${seconds} s measured…`,
      );
      // The same loops first, reported but not judged: a fresh process's first thousand or so follow-ups cost
      // about 1.7× the CPU of the ones after (V8 compiling the route's code, each pooled connection's first plans,
      // the touched commitments' pages read into PostgreSQL's buffers), where a server in service is long past them.
      const warmup = await httpWriteLoops(writerOn([app], 'w'), {
        workers: connections,
        seconds: writeWarmup,
        maxIterations: MAX_REQUESTS,
      });
      say(
        `  warm-up: ${warmup.count} follow-ups, ${warmup.rps}/s, p50 ${warmup.p50} ms, p95 ${warmup.p95} ms`,
      );
      const ended = await watchConditions(database.url, database.name);
      const latency = await httpWriteLoops(writerOn([app], 'c'), {
        workers: connections,
        seconds,
        maxIterations: MAX_REQUESTS,
      });
      const conditions = await ended();
      result.httpFollowUps = { ...latency, workers: connections, conditions, warmup };
      say(`  ${latency.rps} follow-ups/s, p50 ${latency.p50} ms, p95 ${latency.p95} ms`);
    }
  } finally {
    if (writer) await writer.stop().catch(() => undefined);
    for (const other of others) await other.stop();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  for (const host of [new URL(serverUrl).hostname]) {
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
      throw new Error(`DATABASE_URL must be local (got ${host})`);
  }
  for (let offset = 0; offset <= Math.max(2, instanceCount); offset++) await checkPort(port + offset);
  const postgres = await withClient(
    serverUrl,
    async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string,
  );
  const machine = machineInfo(postgres);
  say(`scale ${scale}; ${machine.cpu}, ${machine.cores} cores; load average ${machine.loadAverageAtStart}`);

  const database = await prepareDatabase(serverUrl, scale, { fresh: args.fresh, log: say });
  await ensureBuild({ force: args.build, log: say });
  const viewer = await ensureViewer(database.url);
  const analyst = await ensureUser(database.url, 'analyst');
  const pages = await pickPages(database.url);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'pactwatch-bench-'));
  const appPoolMax = connections;

  const result: Omit<BenchResult, 'targets'> = {
    scale,
    generatedAt: new Date().toISOString(),
    generatorVersion: GENERATOR_VERSION,
    machine,
    settings: { connections, seconds, warmupSeconds, appPoolMax },
    dataset: await datasetCounts(database.url),
    loadSeconds: database.loadSeconds ?? (await loadSecondsOf(database.url)),
    pages: {},
    export: null,
    followUpsPerSec: null,
    followUps: null,
    search: null,
    renders: null,
    underWrites: null,
    instances: null,
    httpFollowUps: null,
  };

  // 1. What SQL does each page run? A separate instance with the capturing preload, stopped before measuring.
  say('capturing each page’s SQL…');
  const captureFile = path.join(tmp, 'sql.jsonl');
  let captured: Record<PageKey, CapturedQuery[]>;
  let pageBytes: Record<PageKey, number>;
  let uncached: Record<PageKey, { p50: number; cpuMsPerRequest: number }>;
  {
    const app = await startApp({
      port: port + 1,
      databaseUrl: database.url,
      poolMax: appPoolMax,
      logFile: path.join(tmp, 'capture-app.log'),
      captureFile,
      // The page's own SQL, every time: a cached page would run none.
      env: { PACTWATCH_PAGE_CACHE_MB: '0' },
      log: say,
    });
    try {
      ({
        queries: captured,
        bytes: pageBytes,
        uncached,
      } = await captureSql(app, await signIn(app.baseUrl, viewer), captureFile, pages));
    } finally {
      await app.stop();
    }
  }

  // 2. Every page rendered without any cache, on a plain instance with the page cache off.
  let searchUncached: Awaited<ReturnType<typeof measureSearchUncached>> | undefined;
  say('each page rendered without the page cache (PACTWATCH_PAGE_CACHE_MB=0), one request at a time…');
  {
    const uncachedApp = await startApp({
      port: port + 2,
      databaseUrl: database.url,
      poolMax: appPoolMax,
      logFile: path.join(tmp, 'uncached-app.log'),
      env: { PACTWATCH_PAGE_CACHE_MB: '0' },
      log: say,
    });
    try {
      const uncachedCookie = await signIn(uncachedApp.baseUrl, viewer);
      result.renders = await measureRenders(uncachedApp, uncachedCookie, pages, database.url, database.name);
      if (!args['skip-search']) {
        say('the search mix, each query alone, caches off…');
        searchUncached = await measureSearchUncached(uncachedApp, uncachedCookie, say);
      }
    } finally {
      await uncachedApp.stop();
    }
  }

  // 3. The pages under load (no writes, then with a writer, then over several instances), then the export,
  // against plain `next start`s sharing one BETTER_AUTH_SECRET.
  const secret = randomBytes(32).toString('base64');
  const instanceEnv = {
    PACTWATCH_SCHEDULER_TICK_MS: String(SCHEDULER_TICK_MS),
    // The bench's writers post with one token, faster than the default 120 a minute.
    PACTWATCH_API_RATE_LIMIT: '1000000',
  };
  const appLog = path.join(tmp, 'app.log');
  const app = await startApp({
    port,
    databaseUrl: database.url,
    poolMax: appPoolMax,
    logFile: appLog,
    secret,
    env: instanceEnv,
    log: say,
  });
  say(`app on ${app.baseUrl} (server pid ${app.serverPid}, log ${appLog})`);
  try {
    const cookie = await signIn(app.baseUrl, viewer);
    for (const [key, pathname] of Object.entries(pages) as [PageKey, string][]) {
      const url = `${app.baseUrl}${pathname}`;
      say(`${PAGES[key].title} ${pathname}: warm-up, then about ${seconds} s measured…`);
      // Two requests per connection fill caches and pools, then about --warmup seconds of requests warm the JIT
      // (as the SQL baseline's warm-up does); the second warm-up's pace sets the measured count.
      const first = await loadTest({ url, cookie, connections, amount: connections * 2, maxSeconds: 300 });
      const warmup = await loadTest({
        url,
        cookie,
        connections,
        amount: measuredAmount(first, connections, warmupSeconds, MAX_REQUESTS),
        maxSeconds: warmupSeconds * 3 + 60,
      });
      const amount = measuredAmount(warmup, connections, seconds, MAX_REQUESTS);
      const pageCache = (await getPage(app.baseUrl, pathname, cookie)).pageCache ?? 'none';
      const ended = await watchConditions(database.url, database.name);
      const cpuBefore = await cpuMs(app.serverPid);
      const http = await loadTest({ url, cookie, connections, amount, maxSeconds: seconds * 3 + 60 });
      const serverCpuMsPerRequest = ((await cpuMs(app.serverPid)) - cpuBefore) / Math.max(1, http.count);
      const conditions = await ended();
      say(
        `  ${http.count} requests: p50 ${http.p50} ms, p95 ${http.p95} ms, p99 ${http.p99} ms, ${http.rps} req/s; ` +
          `server CPU ${round(serverCpuMsPerRequest)} ms/request; load ${conditions.loadAverage}, ` +
          `${conditions.serverRowsWritten} rows written on the server`,
      );
      result.pages[key] = {
        path: pathname,
        p50: http.p50,
        p95: http.p95,
        p99: http.p99,
        rps: http.rps,
        requests: http.count,
        sqlP50: Number.NaN,
        sqlP95: Number.NaN,
        sqlP99: Number.NaN,
        sqlStatements: captured[key].length,
        socketErrors: http.errors,
        htmlKB: Math.round(pageBytes[key] / 1024),
        serverCpuMsPerRequest: round(serverCpuMsPerRequest),
        pageCache,
        uncachedP50: uncached[key].p50,
        uncachedCpuMsPerRequest: uncached[key].cpuMsPerRequest,
        conditions,
      };
    }

    if (!args['skip-search']) {
      result.search = await measureSearch({
        app,
        viewerCookie: cookie,
        analystCookie: await signIn(app.baseUrl, analyst),
        databaseUrl: database.url,
        database: database.name,
        connections,
        seconds,
        warmupSeconds,
        maxRequests: MAX_REQUESTS,
        cpuMs,
        say,
        uncached: searchUncached,
      });
    }

    {
      const setup = await followUpSetup(database.url);
      try {
        await measureUnderWrites({ app, cookie, pages, database, setup, tmp, secret, instanceEnv, result });
      } finally {
        say('removing the follow-ups written meanwhile…');
        await setup.restore();
      }
    }

    if (!args['skip-export']) {
      const select = await updatesReportSelect();
      say('updates.csv: COPY warm-up (unmeasured), then the app’s export, then COPY measured…');
      await copyBaseline(database.url, select);
      const ended = await watchConditions(database.url, database.name);
      const exported = await downloadExport({
        baseUrl: app.baseUrl,
        cookie,
        serverPid: app.serverPid,
        timeoutSeconds: 1800,
      });
      const copy = await copyBaseline(database.url, select);
      if (copy.rows !== exported.rows) {
        say(
          `  warning: the app exported ${exported.rows} rows, COPY ${copy.rows}: the SELECT may have changed`,
        );
      }
      result.export = { ...exportResult(exported, copy), conditions: await ended() };
      say(
        `  app: ${exported.rows.toLocaleString('en')} rows in ${exported.seconds} s = ${exported.rowsPerSec.toLocaleString('en')} rows/s, ` +
          `RSS +${exported.rssGrowthMB} MB; COPY: ${copy.rowsPerSec.toLocaleString('en')} rows/s`,
      );
    }
  } catch (error) {
    say(`the app's log is ${appLog}`);
    throw error;
  } finally {
    await app.stop();
  }

  // 4. Each page's SQL alone, at the same concurrency (app stopped, so it has the machine to itself as the app did).
  for (const [key, queries] of Object.entries(captured) as [PageKey, CapturedQuery[]][]) {
    say(`SQL of ${PAGES[key].title}: ${queries.length} statements, ${connections} loops, ${seconds} s…`);
    const sql = await replayBaseline(database.url, queries, {
      workers: connections,
      seconds,
      warmupSeconds,
      maxIterations: MAX_REQUESTS,
    });
    say(`  p50 ${sql.p50} ms, p95 ${sql.p95} ms, ${sql.rps} pages' worth/s`);
    const page = result.pages[key] as PageResult;
    Object.assign(page, { sqlP50: sql.p50, sqlP95: sql.p95, sqlP99: sql.p99 });
  }

  // 5. Log-follow-up latency, at the data layer; the rows it writes are removed afterwards.
  if (!args['skip-follow-ups']) {
    say(`log follow-up (data layer: logFollowUpSchema + logFollowUp), ${connections} workers, ${seconds} s…`);
    const ended = await watchConditions(database.url, database.name);
    const followUps = await measureFollowUps(database.url, tmp);
    const conditions = await ended();
    result.followUpsPerSec = followUps.rps;
    result.followUps = {
      ...followUps,
      measuredAt: 'data layer (logFollowUpSchema + logFollowUp)',
      workers: connections,
      conditions,
    };
    say(`  ${followUps.rps} follow-ups/s (p50 ${followUps.p50} ms, p95 ${followUps.p95} ms)`);
  }

  if (args.explain) {
    for (const [key, queries] of Object.entries(captured) as [PageKey, CapturedQuery[]][]) {
      const file = await writeExplainDoc({
        root: ROOT,
        page: key,
        pathname: pages[key],
        databaseUrl: database.url,
        databaseName: database.name,
        scale,
        machine,
        queries,
      });
      say(`wrote ${file}`);
    }
  }

  const final: BenchResult = { ...result, targets: judge(result) };
  const files = await writeResults(ROOT, final);
  say(`wrote ${files.join(', ')}`);
  console.log('');
  console.log(markdown(final));
  await rm(tmp, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
