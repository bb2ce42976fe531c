// `npm run bench -- --scale N`: loads (or reuses) the synthetic dataset of scale N into pw_bench_<N>, then, in
// one run against `next start`: four pages under autocannon, each page's own SQL replayed as a baseline, the
// updates.csv export against COPY, and log-follow-up throughput. Writes bench/results/latest.json (and
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
//   --port P           app port; P+1 serves the SQL-capturing instance (default 5400)
//   --explain          also write docs/explain/<page>.md (each statement timed, plans of the slowest)
//   --skip-export, --skip-follow-ups, --skip-search   leave those parts out (search: the /search page and the
//                      commitment picker's typeahead under a fixed mix of queries, and the follow-up form's size)
//
// DATABASE_URL names the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres); only the
// bench database on it is created or changed. Everything runs on localhost.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
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
import { DEFAULT_SERVER_URL, loadSecondsOf, prepareDatabase, withClient } from './database.ts';
import { GENERATOR_VERSION } from './dataset.ts';
import { writeExplainDoc } from './explain-doc.ts';
import { copyBaseline, downloadExport, updatesReportSelect } from './export.ts';
import type { FollowUpConfig } from './follow-ups.ts';
import { loadTest, measuredAmount, percentile, round, type Latency } from './measure.ts';
import {
  exportResult,
  judge,
  machineInfo,
  markdown,
  PAGES,
  writeResults,
  type BenchResult,
  type PageKey,
  type PageResult,
} from './report.ts';
import { measureSearch } from './search.ts';
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
  },
  strict: true,
});

const scale = positiveInt(args.scale, 'scale');
const seconds = positiveInt(args.duration, 'duration', 10);
const warmupSeconds = positiveInt(args.warmup, 'warmup', 3);
const connections = positiveInt(args.connections, 'connections', 10);
const port = positiveInt(args.port, 'port', 5400);
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

async function measureFollowUps(databaseUrl: string, tmp: string): Promise<Latency> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
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
    const outletIds = (
      await prisma.outlet.findMany({ where: { archivedAt: null }, select: { id: true } })
    ).map((row) => row.id);
    const maxOf = async (table: string) =>
      (
        await prisma.$queryRawUnsafe<{ max: bigint | number | null }[]>(
          `SELECT max(id) AS max FROM "${table}"`,
        )
      )[0].max ?? 0;
    const before = {
      updates: Number(await maxOf('StatusUpdate')),
      evidence: Number(await maxOf('Evidence')),
      audit: BigInt(await maxOf('AuditEvent')),
    };
    const config: FollowUpConfig = {
      databaseUrl,
      actorId: writer.id,
      commitmentIds,
      outletIds,
      workers: connections,
      seconds,
      maxIterations: MAX_REQUESTS,
      runId: Date.now().toString(36),
      resultFile: path.join(tmp, 'follow-ups.json'),
    };
    try {
      return await runFollowUpChild(config);
    } finally {
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
    }
  } finally {
    await prisma.$disconnect();
  }
}

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

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  for (const host of [new URL(serverUrl).hostname]) {
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
      throw new Error(`DATABASE_URL must be local (got ${host})`);
  }
  await checkPort(port);
  await checkPort(port + 1);
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

  // 2. The pages under load, then the export, against a plain `next start`.
  const appLog = path.join(tmp, 'app.log');
  const app = await startApp({
    port,
    databaseUrl: database.url,
    poolMax: appPoolMax,
    logFile: appLog,
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
      const cpuBefore = await cpuMs(app.serverPid);
      const http = await loadTest({ url, cookie, connections, amount, maxSeconds: seconds * 3 + 60 });
      const serverCpuMsPerRequest = ((await cpuMs(app.serverPid)) - cpuBefore) / Math.max(1, http.count);
      say(
        `  ${http.count} requests: p50 ${http.p50} ms, p95 ${http.p95} ms, p99 ${http.p99} ms, ${http.rps} req/s; ` +
          `server CPU ${round(serverCpuMsPerRequest)} ms/request`,
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
      });
    }

    if (!args['skip-export']) {
      const select = await updatesReportSelect();
      say('updates.csv: COPY warm-up (unmeasured), then the app’s export, then COPY measured…');
      await copyBaseline(database.url, select);
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
      result.export = exportResult(exported, copy);
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

  // 3. Each page's SQL alone, at the same concurrency (app stopped, so it has the machine to itself as the app did).
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

  // 4. Log-follow-up throughput, at the data layer; the rows it writes are removed afterwards.
  if (!args['skip-follow-ups']) {
    say(`log follow-up (data layer: logFollowUpSchema + logFollowUp), ${connections} workers, ${seconds} s…`);
    const followUps = await measureFollowUps(database.url, tmp);
    result.followUpsPerSec = followUps.rps;
    result.followUps = {
      ...followUps,
      measuredAt: 'data layer (logFollowUpSchema + logFollowUp)',
      workers: connections,
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
