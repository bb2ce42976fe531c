// The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) behind `pglite-server`, a wire-protocol socket
// server, run as a child process so the app and tools connect to it with ordinary `pg` connection strings.
// Used by `npm start` when DATABASE_URL is unset and by the test runner. See docs/decisions/002-embedded-database.md.
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  describeExit,
  isPortInUse,
  spawnChild,
  stopChild,
  waitUntil,
  type Child,
  type Exit,
} from './process.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('../../node_modules/.bin/pglite-server', import.meta.url));

export type EmbeddedDatabase = {
  /** Connection string for the server's only database. */
  url: string;
  /** Settles when the server process exits, whether asked to or not (lets callers notice a crash). */
  exited: Promise<Exit>;
  /** Stops the server so it closes its data directory cleanly; safe to call twice. */
  stop(): Promise<void>;
};

export type EmbeddedDatabaseOptions = {
  /** Directory PGlite keeps its files in; created (and initialised, which takes 10-15 s) on first use. */
  dataDir: string;
  port: number;
  /** The server drops connections past this, so every pool using it must stay below. */
  maxConnections: number;
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections; a first initialisation on a busy machine is slow. */
  timeoutMs?: number;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only the caller, which can then
   * stop whatever uses the database first and the database last. The caller must then stop it itself.
   */
  detached?: boolean;
  /**
   * Called as soon as the server process exists, long before it is ready (a first initialisation takes 10-40 s):
   * a caller stopping on a signal meanwhile can then stop it and wait for it, rather than leave it to the
   * fire-and-forget `exit` hook. The promise still settles only once the server is ready (or has failed).
   */
  onSpawn?: (database: EmbeddedDatabase) => void;
};

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/** Starts `pglite-server` on `dataDir` and resolves once it answers queries. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const {
    dataDir,
    port,
    maxConnections,
    log = () => {},
    timeoutMs = 120_000,
    detached = false,
    onSpawn,
  } = options;
  const url = embeddedDatabaseUrl(port);
  // Refuse early: waiting for "a server on this port" would otherwise happily find someone else's.
  if (await isPortInUse(port)) {
    throw new Error(
      `port ${port} is already in use; stop what is using it or choose another port (PGLITE_PORT)`,
    );
  }
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  await claimDataDir(dataDir);

  // Its chatter (a line per connection) goes to a file next to the data, kept for when something goes wrong.
  const logFile = `${dataDir}.log`;
  const output = openSync(logFile, 'a');
  const child = spawnChild(
    'embedded database',
    process.execPath,
    [SERVER_SCRIPT, '-d', dataDir, '-p', String(port), '-m', String(maxConnections)],
    { stdio: ['ignore', output, output], detached },
  );
  closeSync(output);
  const locked = writeFile(lockFileOf(dataDir), String(child.process.pid ?? ''));

  // If the caller exits without stopping us (an uncaught error), still ask the server to close cleanly.
  const stopOnExit = () => child.process.kill('SIGTERM');
  process.once('exit', stopOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', stopOnExit);
      // SIGTERM (like SIGINT) makes pglite-server stop listening, close PGlite (a clean shutdown of its data
      // directory) and exit 0. SIGKILL is the last resort: the next start then has to recover the data.
      // While it is still initialising it has no handler yet and SIGTERM ends it at once; no client has written
      // anything then, and PGlite opens the directory normally next time (tried: killed while it wrote a new one).
      await stopChild(child, { signal: 'SIGTERM', graceMs: 20_000, log });
      // A stop right after the spawn must not remove the pid file before it is written.
      await locked.catch(() => {});
      await rm(lockFileOf(dataDir), { force: true });
    })());
  const database: EmbeddedDatabase = { url, exited: child.exited, stop };
  // Before any await, so no signal finds the server running but not yet stoppable.
  onSpawn?.(database);

  try {
    await locked;
    await waitForPostgres(url, {
      timeoutMs,
      abort: child.exited,
      abortMessage: () => `embedded database ${describeExit(exitOrUnknown(child))} before it was ready`,
      onProgress: (seconds) => {
        if (!stopping)
          log(`still starting the embedded database (${seconds} s; the first start takes longest)…`);
      },
    });
  } catch (error) {
    await stop();
    const tail = await tailOf(logFile);
    throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail}`, {
      cause: error,
    });
  }
  return database;
}

/** Waits until a PostgreSQL server accepts a connection and answers `SELECT 1`. */
export async function waitForPostgres(
  url: string,
  options: {
    timeoutMs: number;
    abort?: Promise<unknown>;
    abortMessage?: () => string;
    onProgress?: (seconds: number) => void;
  },
): Promise<void> {
  await waitUntil('the database to accept connections', () => canQuery(url), { intervalMs: 300, ...options });
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  // An unanswered `error` event would crash the process when the server drops the socket mid-check.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

function lockFileOf(dataDir: string): string {
  return `${dataDir}.pid`;
}

/**
 * Two PGlite servers on one data directory would corrupt it, and they need not share a port to collide,
 * so a pid file beside the directory marks it taken while a server runs.
 */
async function claimDataDir(dataDir: string): Promise<void> {
  const pid = Number(await readFile(lockFileOf(dataDir), 'utf8').catch(() => ''));
  if (pid && isAlive(pid)) {
    throw new Error(
      `${dataDir} is in use by another embedded database server (pid ${pid}); stop it first (is Pactwatch already running?)`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means the directory is taken.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function exitOrUnknown(child: Child): Exit {
  return { code: child.process.exitCode, signal: child.process.signalCode };
}

async function tailOf(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
