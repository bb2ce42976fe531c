// `npm start`: everything a newcomer needs to see Pactwatch running, with or without a PostgreSQL server.
// With no DATABASE_URL it runs the embedded PostgreSQL as a child process; either way it builds
// the app on first start, migrates, seeds a fresh database, serves with `next start` and, on Ctrl-C or SIGTERM,
// stops the app first and the database last so no request sees the database vanish.
//
// package.json runs it as `node --import ./scripts/lib/early-signals.mjs --import tsx scripts/start.ts`: one
// process, so a signal reaches this script's handlers itself. Not through the tsx CLI (`tsx scripts/start.ts`),
// which runs the script in a child and relays a signal to it, then SIGKILLs it and exits 143 unless the child
// acknowledges within 30 ms, a deadline a busy machine misses: this script then dies without stopping anything and
// the app and database are left running. early-signals.mjs covers the seconds before the handlers below exist.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, readMigrations } from '../lib/migrations.ts';
import { seed } from '../prisma/seed.ts';
import { ensureDemoAdmin } from './lib/demo-admin.ts';
import { startEmbeddedDatabase, waitForPostgres } from './lib/embedded-db.ts';
import { describeExit, isPortInUse, spawnChild, stopChild, waitForHttp, type Exit } from './lib/process.ts';
import { ensureAuthSecret } from './lib/secret.ts';

const NEXT_BIN = fileURLToPath(new URL('../node_modules/.bin/next', import.meta.url));

type Config = {
  port: number;
  hostname: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPort: number;
  distDir: string;
};

function readConfig(env = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    hostname: env.HOSTNAME || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PACTWATCH_DATA_DIR ?? '.data'),
    dbPort: Number(env.PACTWATCH_DB_PORT ?? 54329),
    // next.config.ts reads the same variable.
    distDir: env.NEXT_DIST_DIR ?? '.next',
  };
}

function say(line: string): void {
  console.log(`[pactwatch] ${line}`);
}

// ---- shutdown -------------------------------------------------------------------------------------------

/** What is running, in start order; stopped in reverse so the app goes before the database it uses. */
const running: { name: string; stop(): Promise<void> }[] = [];
let shuttingDown: Promise<never> | undefined;
/** Aborted as shutdown begins, to cancel what is only waiting (a readiness probe the app would wait for). */
const stopRequested = new AbortController();

function shutdown(exitCode: number): Promise<never> {
  stopRequested.abort();
  shuttingDown ??= (async () => {
    for (const item of [...running].reverse()) {
      say(`stopping ${item.name}…`);
      await item
        .stop()
        .catch((error: Error) => console.error(`[pactwatch] could not stop ${item.name}: ${error.message}`));
    }
    say(exitCode === 0 ? 'stopped' : 'stopped after an error');
    process.exit(exitCode);
  })();
  return shuttingDown;
}

function fail(message: string): Promise<never> {
  if (!shuttingDown) console.error(`[pactwatch] ${message}`);
  return shutdown(1);
}

/** A child that exits while we are not stopping has crashed: take everything down rather than limp on. */
function failWhenExits(name: string, exited: Promise<Exit>): void {
  void exited.then((exit) => {
    if (!shuttingDown) void fail(`${name} ${describeExit(exit)} unexpectedly`);
  });
}

function handleSignals(): void {
  // SIGHUP: a closed terminal. The children, in sessions of their own, would not see it and outlive us.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // npm and tsx relay the terminal's Ctrl-C too, so a repeated signal is normal and changes nothing.
      if (!shuttingDown) say(`${signal} received`);
      void shutdown(0);
    });
  }
}

/** Runs a short-lived command (the build) in the foreground, stoppable by a signal meanwhile. */
async function runToEnd(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawnChild(name, process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
    detached: true,
  });
  const entry = { name, stop: () => stopChild(child).then(() => {}) };
  running.push(entry);
  const exit = await child.exited;
  running.splice(running.indexOf(entry), 1);
  if (exit.code !== 0) throw new Error(`${name} ${describeExit(exit)}`);
}

// ---- steps ----------------------------------------------------------------------------------------------

async function buildIfNeeded(config: Config): Promise<void> {
  const built = await stat(path.join(config.distDir, 'BUILD_ID')).then(
    () => true,
    () => false,
  );
  if (built) return;
  say('building the app (first start only)…');
  await runToEnd('next build', [NEXT_BIN, 'build'], process.env);
}

/** Starts the embedded database, or checks the configured one answers; returns its connection string. */
type ProvidedDatabase = { url: string; embedded: boolean };

async function provideDatabase(config: Config): Promise<ProvidedDatabase> {
  if (config.databaseUrl) {
    say(`using the database at ${redact(config.databaseUrl)}`);
    // A database started alongside (docker compose) may need a moment.
    await waitForPostgres(config.databaseUrl, {
      timeoutMs: 60_000,
      onProgress: (seconds) => say(`still waiting for the database (${seconds} s)…`),
    });
    return { url: config.databaseUrl, embedded: false };
  }

  say('starting embedded database…');
  await mkdir(config.dataDir, { recursive: true });
  await mentionOldPglite(config.dataDir);
  const dataDir = path.join(config.dataDir, 'postgres');
  const database = await startEmbeddedDatabase({
    dataDir,
    passwordFile: path.join(config.dataDir, 'db-password'),
    port: config.dbPort,
    log: say,
    // Ctrl-C must reach only this script, which stops the app before the database.
    detached: true,
    // Stoppable from the moment it exists: a signal during its (first, slow) initialisation waits for it to go.
    onSpawn: (spawned) => running.push({ name: 'embedded database', stop: spawned.stop }),
  });
  // Only once it is ready: a failed start is reported by startEmbeddedDatabase, with the server's log.
  failWhenExits('embedded database', database.exited);
  say(
    `embedded PostgreSQL on 127.0.0.1:${config.dbPort}, data in ${dataDir} (user postgres, password in ${path.join(config.dataDir, 'db-password')})`,
  );
  return { url: database.url, embedded: true };
}

/**
 * Versions before 0.2 kept the embedded database in `<data dir>/pglite` (PGlite). Its data is not carried over by
 * itself and is never deleted: say once per start how to bring it across.
 */
async function mentionOldPglite(dataDir: string): Promise<void> {
  const old = path.join(dataDir, 'pglite');
  if (
    !(await stat(old).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  )
    return;
  say(
    `found ${old}, the data of an earlier Pactwatch's embedded database (PGlite); it is no longer used and is left as it was.`,
  );
  say(
    '  to carry it over, see README.md, "Upgrading from the PGlite database" (export with the earlier version,',
  );
  say('  import with this one).');
}

/** Applies pending migrations; true when the database had none applied before, i.e. it is new. */
async function migrateDatabase(url: string): Promise<boolean> {
  say('migrating…');
  const all = await readMigrations();
  const applied = await migrate(url, { log: (line) => say(`  ${line}`) });
  if (applied.length === 0) say('  database is up to date');
  return all.length > 0 && applied.length === all.length;
}

async function seedDatabase(url: string): Promise<void> {
  say('new database: loading the seed agreement…');
  await seed(url, (line) => say(`  ${line}`));
}

async function startApp(config: Config, database: ProvidedDatabase): Promise<void> {
  const args = [NEXT_BIN, 'start', '-p', String(config.port)];
  if (config.hostname) args.push('-H', config.hostname);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    // Where the page cache renders pages for itself (lib/page-cache-proxy.ts).
    PACTWATCH_INTERNAL_ORIGIN: `http://${probeHost(config.hostname)}:${config.port}`,
  };
  // The embedded install keeps a generated secret in its data directory; any other deployment sets its own
  // (several instances behind a load balancer must share one).
  if (database.embedded) env.BETTER_AUTH_SECRET = ensureAuthSecret(config.dataDir);
  else if (!env.BETTER_AUTH_SECRET) throw new Error('BETTER_AUTH_SECRET is not set; see .env.example');

  say('starting the app…');
  const app = spawnChild('the app (next start)', process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
    // Own process group: Ctrl-C comes to us, and we stop the app before the database.
    detached: true,
  });
  running.push({ name: 'the app', stop: () => stopChild(app, { log: say }).then(() => {}) });
  // Should this script die without running shutdown, still take the app down with it.
  process.once('exit', () => {
    if (!app.hasExited()) stopChild(app).catch(() => {});
  });
  failWhenExits('the app', app.exited);

  await waitForHttp(`http://${probeHost(config.hostname)}:${config.port}/api/health`, 120_000, {
    abort: app.exited,
    signal: stopRequested.signal,
    abortMessage: () => 'the app stopped before it answered /api/health',
    onProgress: (seconds) => {
      if (!shuttingDown) say(`waiting for the app to answer /api/health (${seconds} s)…`);
    },
  });
  say(`ready on http://${displayHost(config.hostname)}:${config.port}`);
}

function isWildcard(hostname: string | undefined): boolean {
  return !hostname || hostname === '0.0.0.0' || hostname === '::' || hostname === '[::]';
}

function probeHost(hostname: string | undefined): string {
  return isWildcard(hostname) ? '127.0.0.1' : hostname!;
}

function displayHost(hostname: string | undefined): string {
  return isWildcard(hostname) || hostname === '127.0.0.1' ? 'localhost' : hostname!;
}

/** The connection string without its password, fit for a terminal or a CI log. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

async function main(): Promise<void> {
  handleSignals();
  const config = readConfig();
  // Found now rather than after a minute of building and migrating.
  if (await isPortInUse(config.port, probeHost(config.hostname))) {
    throw new Error(`port ${config.port} is already in use; stop what is using it or set PORT`);
  }
  // A signal can arrive between steps; once shutting down, start nothing new.
  await buildIfNeeded(config);
  if (shuttingDown) return;
  const database = await provideDatabase(config);
  if (shuttingDown) return;
  const isNew = await migrateDatabase(database.url);
  if (isNew && !shuttingDown) await seedDatabase(database.url);
  if (shuttingDown) return;
  // Only on the embedded database, and only while it has no users: the login is printed once, after "ready".
  const demoLogin: string[] = [];
  if (database.embedded) await ensureDemoAdmin(database.url, (line) => demoLogin.push(line));
  if (shuttingDown) return;
  await startApp(config, database);
  for (const line of demoLogin) say(line);
}

main().catch((error: Error) => fail(error.message));
