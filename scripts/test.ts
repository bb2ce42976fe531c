// `npm test`: every test, on databases made for this run, and a non-zero exit on any failure.
//
//   npm test                        vitest (unit + integration), then Playwright against the built app
//   npm test -- --unit              vitest only          npm test -- --e2e     Playwright only
//   npm test -- migrations health   only test files whose path matches (passed to vitest and Playwright)
//
// Databases: with DATABASE_URL set, two fresh databases on that server (pactwatch_test_<time>_<pid> and ..._e2e),
// dropped afterwards unless KEEP_TEST_DB=1. Without it, the same two databases on an embedded PostgreSQL server
// started for the run on a temporary data directory (scripts/lib/embedded-db.ts) and stopped afterwards. The app is built into NEXT_DIST_DIR (default .next-test; SKIP_BUILD=1
// reuses an existing build), served by `next start` on a free port (TEST_PORT_RANGE=4200-4299 to pick from a range).
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../lib/migrations.ts';
import { startEmbeddedDatabase } from './lib/embedded-db.ts';
import { describeExit, spawnChild, stopChild, waitForHttp } from './lib/process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);

function say(line: string): void {
  console.log(`[test] ${line}`);
}

function usage(): never {
  console.error('usage: npm test -- [--unit | --e2e] [file filter...]');
  process.exit(2);
}

// ---- what runs, and stopping it ------------------------------------------------------------------------

class Interrupted extends Error {}

type Resource = { name: string; stop(): Promise<void> };

/** Everything started, in start order; stopped in reverse so the app goes before its database. */
const resources: Resource[] = [];
let interrupted = false;

function own(resource: Resource): Resource {
  resources.push(resource);
  // Started while an interruption was being cleaned up: nobody else will stop it.
  if (interrupted) void release(resource);
  return resource;
}

async function release(resource: Resource): Promise<void> {
  const index = resources.indexOf(resource);
  if (index !== -1) resources.splice(index, 1);
  await resource.stop().catch((error: Error) => say(`could not stop ${resource.name}: ${error.message}`));
}

async function releaseAll(): Promise<void> {
  for (const resource of [...resources].reverse()) await release(resource);
}

function checkpoint(): void {
  if (interrupted) throw new Interrupted();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // npm and tsx relay the terminal's Ctrl-C, so a second signal is normal and must not skip the cleanup.
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping and cleaning up…`);
    void releaseAll().finally(() => process.exit(130));
  });
}

/** Runs a command to its end in its own process group (so Ctrl-C reaches us first), returning its exit code. */
async function run(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe' = 'inherit',
): Promise<{ code: number; output: string }> {
  checkpoint();
  const child = spawnChild(name, process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', stdio, stdio === 'pipe' ? 'pipe' : 'inherit'],
    detached: true,
  });
  let output = '';
  child.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const resource = own({ name, stop: () => stopChild(child, { graceMs: 10_000, log: say }).then(() => {}) });
  const exit = await child.exited;
  await release(resource);
  checkpoint();
  if (exit.code === null) say(`${name} ${describeExit(exit)}`);
  return { code: exit.code ?? 1, output };
}

// ---- ports and databases -------------------------------------------------------------------------------

const handedOut = new Set<number>();

function canListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** A port nothing listens on (and this run has not handed out yet, since its user may not have bound it yet). */
async function freePort(): Promise<number> {
  const range = process.env.TEST_PORT_RANGE?.match(/^(\d+)-(\d+)$/);
  const candidates = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : Array.from({ length: 20 }, () => 0);
  for (const candidate of candidates) {
    if (handedOut.has(candidate)) continue;
    const port = await canListen(candidate);
    if (port === undefined || handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(
    range ? `no free port in TEST_PORT_RANGE=${process.env.TEST_PORT_RANGE}` : 'found no free port',
  );
}

type Database = { url: string; resource: Resource };

const keepDatabases = process.env.KEEP_TEST_DB === '1';
const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server `serverUrl` points at (DATABASE_URL's, or the run's embedded server). */
async function createServerDatabase(serverUrl: string, label: 'unit' | 'e2e'): Promise<Database> {
  const name = `pactwatch_test_${runId}${label === 'e2e' ? '_e2e' : ''}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const resource = own({
    name: `database ${name}`,
    stop: async () => {
      if (keepDatabases) return say(`kept database ${name} (KEEP_TEST_DB=1)`);
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), resource };
}

/** Without DATABASE_URL: one embedded server for the whole run, on this run's temporary folder. */
let embeddedServer: Promise<string> | undefined;

function runServerUrl(tmp: string): Promise<string> {
  if (process.env.DATABASE_URL) return Promise.resolve(process.env.DATABASE_URL);
  embeddedServer ??= (async () => {
    checkpoint();
    say('starting an embedded PostgreSQL server for this run…');
    const dataDir = path.join(tmp, 'postgres');
    const database = await startEmbeddedDatabase({
      dataDir,
      port: await freePort(),
      log: (line) => say(line),
      // Ctrl-C must reach only this script, which stops the app before the database.
      detached: true,
      onSpawn: (spawned) =>
        void own({
          name: 'embedded database',
          stop: async () => {
            await spawned.stop();
            if (keepDatabases) say(`kept embedded data in ${dataDir} (KEEP_TEST_DB=1)`);
          },
        }),
    });
    return database.serverUrl;
  })();
  return embeddedServer;
}

async function createDatabase(tmp: string, label: 'unit' | 'e2e'): Promise<Database> {
  return createServerDatabase(await runServerUrl(tmp), label);
}

async function migrateDatabase(database: Database): Promise<void> {
  say('migrating…');
  await migrate(database.url, { log: (line) => say(`  ${line}`) });
  checkpoint();
}

// ---- counting results ----------------------------------------------------------------------------------

type Counts = { passed: number; failed: number; skipped: number };
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
/** Failures outside any test (a crashed runner, a failed build); each counts as one failed test. */
const problems: string[] = [];

function problem(message: string): void {
  problems.push(message);
  totals.failed += 1;
  say(`FAILED: ${message}`);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: unknown[] }[];
};

type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: { message?: string }[];
};

/** Adds one runner's counts; a failing exit with no failed test to show for it is a problem of its own. */
function tally(runner: string, code: number, counts: Counts | undefined, extraFailures: string[] = []): void {
  if (!counts) {
    problem(`${runner} ${code === 0 ? 'wrote no report' : `exited with code ${code} and wrote no report`}`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  for (const failure of extraFailures) problem(`${runner}: ${failure}`);
  if (code !== 0 && counts.failed === 0 && extraFailures.length === 0)
    problem(`${runner} exited with code ${code}`);
}

// ---- phases --------------------------------------------------------------------------------------------

async function unitPhase(tmp: string, filters: string[]): Promise<void> {
  say('unit and integration tests (vitest)');
  const database = await createDatabase(tmp, 'unit');
  await migrateDatabase(database);
  const report = path.join(tmp, 'vitest.json');
  const { code } = await run(
    'vitest',
    [
      bin('vitest'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...(filters.length ? ['--passWithNoTests', ...filters] : []),
    ],
    {
      ...process.env,
      TEST_DATABASE_URL: database.url,
      // Code that reaches lib/db.ts must land on the test database too, never on a developer's.
      DATABASE_URL: database.url,
    },
  );
  const json = await readJson<VitestReport>(report);
  // A file that fails to load (a syntax error, a throwing import) has no failed test, only a failed file.
  const brokenFiles = (json?.testResults ?? [])
    .filter((file) => file.status === 'failed' && file.assertionResults.length === 0)
    .map((file) => `${path.relative(ROOT, file.name)}: ${file.message?.split('\n')[0] ?? 'failed to run'}`);
  tally(
    'vitest',
    code,
    json && {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    },
    brokenFiles,
  );
  await release(database.resource);
}

/** With a filter, looks before building whether any spec matches: a build takes minutes. */
async function countSpecs(filters: string[]): Promise<number> {
  const { code, output } = await run(
    'playwright --list',
    [bin('playwright'), 'test', '--list', '--pass-with-no-tests', ...filters],
    process.env,
    'pipe',
  );
  if (code !== 0) throw new Error(`playwright test --list failed:\n${output}`);
  return Number(output.match(/Total: (\d+) tests?/)?.[1] ?? 0);
}

/**
 * Builds with tsconfig.test.json (through next.config.ts's NEXT_TSCONFIG), which lists only this build's route
 * types: the shared tsconfig.json lists `.next/types`, stale whenever a developer's build predates a route change.
 * `next build` adds its dist folder's type globs to the tsconfig when they are missing (any NEXT_DIST_DIR but
 * .next-test); the test build is throw-away, so the file is put back, but only when that addition is the sole
 * change: anything else is someone's edit.
 */
async function buildApp(distDir: string): Promise<boolean> {
  const tsconfig = process.env.NEXT_TSCONFIG ?? 'tsconfig.test.json';
  const tsconfigPath = path.join(ROOT, tsconfig);
  const before = await readFile(tsconfigPath, 'utf8');
  const { code } = await run('next build', [bin('next'), 'build'], {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_TSCONFIG: tsconfig,
  });
  const after = await readFile(tsconfigPath, 'utf8');
  if (after !== before && onlyAddedDistTypes(before, after, distDir)) {
    await writeFile(tsconfigPath, before);
    say(`put back ${tsconfig}, which next build had given ${distDir}'s type globs`);
  }
  return code === 0;
}

function onlyAddedDistTypes(before: string, after: string, distDir: string): boolean {
  try {
    const old = JSON.parse(before) as { include?: string[] };
    const now = JSON.parse(after) as { include?: string[] };
    const added = (now.include ?? []).filter((entry) => !(old.include ?? []).includes(entry));
    const prefix = `${distDir.replace(/\/$/, '')}/`;
    return (
      added.every((entry) => entry.startsWith(prefix)) &&
      JSON.stringify({ ...now, include: old.include }) === JSON.stringify(old)
    );
  } catch {
    return false;
  }
}

type SeedModule = { seed: (connectionString: string, log?: (line: string) => void) => Promise<void> };

async function seedDatabase(database: Database): Promise<void> {
  const file = path.join(ROOT, 'prisma/seed.ts');
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) throw new Error('prisma/seed.ts is missing: the end-to-end specs need the seed data');
  const seedModule = (await import(pathToFileURL(file).href)) as Partial<SeedModule>;
  if (typeof seedModule.seed !== 'function') {
    throw new Error('prisma/seed.ts does not export `seed(connectionString, log?)`');
  }
  say('seeding…');
  await seedModule.seed(database.url, (line) => say(`  ${line}`));
  checkpoint();
}

async function e2ePhase(tmp: string, filters: string[]): Promise<void> {
  say('end-to-end specs (Playwright)');
  if (filters.length && (await countSpecs(filters)) === 0) {
    say('no spec matches the filter; skipping the build');
    return;
  }
  const distDir = process.env.NEXT_DIST_DIR || '.next-test';
  // The embedded server starts while the app builds.
  const databaseReady = createDatabase(tmp, 'e2e');
  databaseReady.catch(() => {});
  const built = await access(path.join(ROOT, distDir, 'BUILD_ID')).then(
    () => true,
    () => false,
  );
  if (process.env.SKIP_BUILD === '1' && built) {
    say(`using the existing build in ${distDir} (SKIP_BUILD=1)`);
  } else {
    say(`building the app into ${distDir}…`);
    if (!(await buildApp(distDir))) {
      await databaseReady.then((database) => release(database.resource)).catch(() => {});
      return problem('next build failed');
    }
  }
  const database = await databaseReady;
  await migrateDatabase(database);
  await seedDatabase(database);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Two ports the specs listen on themselves: a fixture web server (feeds, articles), which this app may fetch
  // from although it is a loopback address, and an SMTP server that receives the app's e-mail.
  const fixturePort = await freePort();
  const smtpPort = await freePort();
  // The app refuses to start in production without one; this app lives for one run. Specs that start a second
  // instance on the same database give it the same secret, as instances behind a load balancer share one.
  const authSecret = process.env.BETTER_AUTH_SECRET || randomBytes(32).toString('base64');
  const logFile = path.join(tmp, 'app.log');
  const output = openSync(logFile, 'a');
  const app = spawnChild(
    'next start',
    process.execPath,
    [bin('next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        NEXT_DIST_DIR: distDir,
        PORT: String(port),
        PACTWATCH_INTERNAL_ORIGIN: baseUrl,
        BETTER_AUTH_SECRET: authSecret,
        // The specs' requests come from this machine with an X-Forwarded-For address of each spec's own, so their
        // sign-ins are counted per spec (e2e/support/users.ts clientIp), as behind a proxy on 127.0.0.1.
        PACTWATCH_TRUSTED_PROXIES: '127.0.0.1',
        PACTWATCH_FETCH_ALLOW_HOSTS: `127.0.0.1:${fixturePort}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        // Due jobs (feeds, notifications, e-mail) run within half a second of becoming due.
        PACTWATCH_SCHEDULER_TICK_MS: '500',
      },
      stdio: ['ignore', output, output],
      detached: true,
    },
  );
  closeSync(output);
  const appResource = own({
    name: 'app',
    stop: () => stopChild(app, { graceMs: 10_000, log: say }).then(() => {}),
  });
  const showAppLog = async () => {
    const lines = (await readFile(logFile, 'utf8').catch(() => '')).trimEnd().split('\n');
    say(`last lines of the app's output:\n${lines.slice(-40).join('\n')}`);
  };

  say(`starting the app on ${baseUrl}…`);
  try {
    await waitForHttp(`${baseUrl}/api/health`, 90_000, {
      abort: app.exited,
      abortMessage: () =>
        `the app ${describeExit({ code: app.process.exitCode, signal: app.process.signalCode })}`,
    });
  } catch (error) {
    if (interrupted) throw new Interrupted();
    await showAppLog();
    return problem(`the app did not become healthy: ${(error as Error).message}`);
  }

  const report = path.join(tmp, 'playwright.json');
  const { code } = await run('playwright', [bin('playwright'), 'test', ...filters], {
    ...process.env,
    PLAYWRIGHT_BASE_URL: baseUrl,
    // Apps that specs start themselves (faults, the embedded database) trust this machine as their proxy too.
    PACTWATCH_TRUSTED_PROXIES: '127.0.0.1',
    E2E_DATABASE_URL: database.url,
    E2E_FIXTURE_PORT: String(fixturePort),
    E2E_SMTP_PORT: String(smtpPort),
    E2E_AUTH_SECRET: authSecret,
    E2E_DIST_DIR: distDir,
    PLAYWRIGHT_JSON_OUTPUT_FILE: report,
  });
  const json = await readJson<PlaywrightReport>(report);
  tally(
    'playwright',
    code,
    json && {
      passed: json.stats.expected + json.stats.flaky,
      failed: json.stats.unexpected,
      skipped: json.stats.skipped,
    },
    (json?.errors ?? []).map((error) => error.message?.split('\n')[0] ?? 'error outside a test'),
  );
  if (code !== 0) await showAppLog();
  await release(appResource);
  await release(database.resource);
}

// ---- main ----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: { unit: { type: 'boolean' }, e2e: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch {
    usage();
  }
  if (parsed.values.help) usage();
  const { unit = false, e2e = false } = parsed.values;
  const filters = parsed.positionals;
  const runUnit = unit || !e2e;
  const runE2e = e2e || !unit;

  const tmp = await mkdtemp(path.join(tmpdir(), 'pactwatch-test-'));
  own({
    name: 'temporary files',
    stop: async () => {
      if (keepDatabases && !process.env.DATABASE_URL) return;
      await rm(tmp, { recursive: true, force: true });
    },
  });
  if (process.env.DATABASE_URL)
    say(`databases on the server at DATABASE_URL, named pactwatch_test_${runId}*`);

  try {
    if (runUnit) await unitPhase(tmp, filters);
    if (runE2e) await e2ePhase(tmp, filters);
  } catch (error) {
    if (error instanceof Interrupted || interrupted) return new Promise<never>(() => {}); // the signal handler exits
    problem((error as Error).message);
  } finally {
    if (!interrupted) await releaseAll();
  }

  if (totals.passed + totals.failed === 0) problem('no test ran');
  if (totals.skipped) say(`${totals.skipped} skipped`);
  for (const message of problems) say(`problem: ${message}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 ? 1 : 0;
}

process.exit(await main());
