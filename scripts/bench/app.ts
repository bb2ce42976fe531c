// The app under test: built into its own dist folder (.next-bench) when no build is there, started with
// `next start` on the bench database, and a viewer signed in over HTTP like a browser would.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { access, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { hashForStorage, insertCredentialUser } from '../../lib/auth/credentials.ts';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { describeExit, spawnChild, stopChild, waitForHttp, type Child } from '../lib/process.ts';
import { BROWSER_ACCEPT } from './measure.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST_DIR = '.next-bench';
const TSCONFIG = 'tsconfig.bench.json';
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

/** The bench's users: a viewer reads the pages, an analyst opens the forms (the follow-up form needs write access). */
const BENCH_USERS = {
  viewer: { email: 'viewer@bench.pactwatch.local', name: 'Bench viewer' },
  analyst: { email: 'analyst@bench.pactwatch.local', name: 'Bench analyst' },
} as const;
/** A fixed password: the bench database is local and throw-away, and runs must sign in without a prompt. */
const BENCH_PASSWORD = 'bench viewer password';

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Builds the app into .next-bench unless a build is there (or `force`). The build reads a tsconfig of its own
 * (tsconfig.test.json's file list with .next-bench's type folders, minus tests and scripts), written for the build
 * and deleted afterwards, so other dist folders' stale route types cannot fail it and tsconfig.json is never
 * touched.
 */
export async function ensureBuild(options: { force: boolean; log: (line: string) => void }): Promise<void> {
  if (!options.force && (await exists(path.join(ROOT, DIST_DIR, 'BUILD_ID')))) {
    options.log(`using the existing build in ${DIST_DIR} (--build to rebuild)`);
    return;
  }
  options.log(`building the app into ${DIST_DIR} (takes minutes)…`);
  const base = JSON.parse(await readFile(path.join(ROOT, 'tsconfig.test.json'), 'utf8')) as {
    include: string[];
  };
  const tsconfig = path.join(ROOT, TSCONFIG);
  const config = {
    extends: './tsconfig.json',
    include: base.include.map((entry) => entry.replaceAll('.next-test', DIST_DIR)),
    // Only what the app is built from: a test or script someone is halfway through writing must not fail the
    // benchmark's build (npm run typecheck still checks everything).
    exclude: [
      'node_modules',
      '.data',
      'bench/results',
      'tests',
      'e2e',
      'scripts',
      '**/*.test.ts',
      '**/*.test.tsx',
    ],
  };
  await writeFile(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  try {
    const build = spawnChild('next build', process.execPath, [NEXT_BIN, 'build'], {
      cwd: ROOT,
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TSCONFIG: TSCONFIG },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exit = await build.exited;
    if (exit.code !== 0) throw new Error(`next build ${describeExit(exit)}`);
  } finally {
    await rm(tsconfig, { force: true });
  }
}

/** The bench viewer, created on first use with Better Auth's own password hash (as e2e/support/users.ts does). */
export function ensureViewer(databaseUrl: string): Promise<{ email: string; password: string }> {
  return ensureUser(databaseUrl, 'viewer');
}

/** A bench user of `role`, created on first use; the sessions of earlier runs are dropped. */
export async function ensureUser(
  databaseUrl: string,
  role: keyof typeof BENCH_USERS,
): Promise<{ email: string; password: string }> {
  const { email, name } = BENCH_USERS[role];
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
  try {
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      // Sessions of earlier runs: drop them, so the Session table does not grow run after run.
      await prisma.session.deleteMany({ where: { userId: existing.id } });
    } else {
      const passwordHash = await hashForStorage(BENCH_PASSWORD);
      await insertCredentialUser(prisma, { email, name, role, passwordHash });
    }
    return { email, password: BENCH_PASSWORD };
  } finally {
    await prisma.$disconnect();
  }
}

export type App = {
  baseUrl: string;
  port: number;
  child: Child;
  logFile: string;
  /** The process that owns the listening socket (`next start` may serve from a child process). */
  serverPid: number;
  stop(): Promise<void>;
};

export async function startApp(options: {
  port: number;
  databaseUrl: string;
  poolMax: number;
  logFile: string;
  /** When set, the server runs with sql-capture.mjs preloaded, appending its statements to this file. */
  captureFile?: string;
  /** More environment variables for the server. */
  env?: Record<string, string>;
  /** BETTER_AUTH_SECRET; instances sharing one (and the database) accept each other's sessions. Random if absent. */
  secret?: string;
  log: (line: string) => void;
}): Promise<App> {
  const { port } = options;
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = openSync(options.logFile, 'a');
  const preload = path.join(ROOT, 'scripts/bench/sql-capture.mjs');
  const nodeOptions = [process.env.NODE_OPTIONS, options.captureFile ? `--import=${preload}` : null]
    .filter(Boolean)
    .join(' ');
  const child = spawnChild(
    'next start',
    process.execPath,
    [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NODE_OPTIONS: nodeOptions,
        NEXT_DIST_DIR: DIST_DIR,
        PORT: String(port),
        PACTWATCH_INTERNAL_ORIGIN: baseUrl,
        DATABASE_URL: options.databaseUrl,
        DATABASE_POOL_MAX: String(options.poolMax),
        BETTER_AUTH_SECRET: options.secret ?? randomBytes(32).toString('base64'),
        BETTER_AUTH_URL: '',
        NEXT_TELEMETRY_DISABLED: '1',
        ...(options.captureFile ? { BENCH_SQL_CAPTURE: options.captureFile } : {}),
        ...options.env,
      },
      stdio: ['ignore', output, output],
      detached: true,
    },
  );
  closeSync(output);
  const stop = () => stopChild(child, { graceMs: 10_000, log: options.log }).then(() => {});
  try {
    await waitForHttp(`${baseUrl}/api/health`, 120_000, {
      abort: child.exited,
      abortMessage: () => `the app exited early (see ${options.logFile})`,
    });
    const serverPid = await listeningPid(port, child.process.pid!);
    return { baseUrl, port, child, logFile: options.logFile, serverPid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The pid, among `root` and its descendants, that holds the socket listening on `port`. */
async function listeningPid(port: number, root: number): Promise<number> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  const candidates = [root, ...(await descendants(root))];
  for (const pid of candidates) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodes.has(match[1])) return pid;
    }
  }
  return root;
}

async function descendants(root: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name is in parentheses and may hold spaces: the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(Number(entry));
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

let clockTicks: number | null = null;

/**
 * CPU time (user + system) a process has used so far, in ms. Unlike latency it hardly depends on what else the
 * machine is doing, so it shows what a page costs the server even when the run is noisy.
 */
export async function cpuMs(pid: number): Promise<number> {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, i.e. 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Resident memory of a process in bytes (VmRSS), or null once it is gone. */
export async function residentBytes(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : null;
}

/** Signs in through Better Auth's endpoint (what the sign-in form posts) and returns the Cookie header to send. */
export async function signIn(baseUrl: string, user: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: baseUrl,
      // A client address of its own: Better Auth rate-limits sign-ins per IP (see e2e/support/users.ts).
      'X-Forwarded-For': `10.99.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`,
    },
    body: JSON.stringify({ email: user.email, password: user.password }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  if (!response.ok || !cookies.length) {
    throw new Error(`sign-in of ${user.email} failed: ${response.status} ${await response.text()}`);
  }
  return cookies.join('; ');
}

/** GET a path with the session cookie; resolves once the whole body is read. */
export function getPage(
  baseUrl: string,
  pathname: string,
  cookie: string,
): Promise<{ status: number; bytes: number; location?: string; pageCache?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${baseUrl}${pathname}`,
      { headers: { cookie, accept: BROWSER_ACCEPT } },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            bytes,
            location: response.headers.location,
            pageCache: response.headers['x-pactwatch-page-cache'] as string | undefined,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(120_000, () => request.destroy(new Error(`GET ${pathname} timed out`)));
  });
}
