// Processes for the fault tests (vitest and Playwright alike, so no test-runner imports here): free ports, a
// hard kill of the embedded database, polling.
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** Ports this process handed out: their users may not have bound them yet (a database and an app started in turn). */
const handedOut = new Set<number>();

/**
 * A port nothing listens on and this process has not handed out before: from TEST_PORT_RANGE when set (as
 * scripts/test.ts does), else any.
 */
export async function freePort(): Promise<number> {
  const port = await unusedPort();
  handedOut.add(port);
  return port;
}

async function unusedPort(): Promise<number> {
  const range = process.env.TEST_PORT_RANGE?.match(/^(\d+)-(\d+)$/);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    // From a random start: the runner hands out the low end of the range itself.
    const offset = Math.floor(Math.random() * (high - low + 1));
    for (let i = 0; i <= high - low; i++) {
      const candidate = low + ((offset + i) % (high - low + 1));
      if (handedOut.has(candidate)) continue;
      const port = await canListen(candidate);
      if (port) return port;
    }
    throw new Error(`no free port in TEST_PORT_RANGE=${process.env.TEST_PORT_RANGE}`);
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await canListen(0);
    if (port && !handedOut.has(port)) return port;
  }
  throw new Error('found no free port');
}

/**
 * Kills the embedded server on `dataDir` the hard way (SIGKILL, as a crash or the OOM killer would): the postmaster
 * and its backends at once, with no chance to close connections or write a shutdown checkpoint. The pid is the first
 * line of PostgreSQL's own `postmaster.pid`, which stays behind, stale, as after a real crash.
 */
export async function killEmbeddedDatabase(
  dataDir: string,
  exited: Promise<unknown>,
  /** Called synchronously just before the signals go out, when nothing has been killed yet. */
  onKill: () => void = () => {},
): Promise<void> {
  const pid = Number((await readFile(`${dataDir}/postmaster.pid`, 'utf8')).split('\n')[0]);
  if (!pid) throw new Error(`no pid in ${dataDir}/postmaster.pid`);
  const victims = [pid, ...(await childrenOf(pid))];
  onKill();
  for (const victim of victims) {
    try {
      process.kill(victim, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  await Promise.race([
    exited,
    sleep(10_000).then(() => {
      throw new Error(`embedded database (pid ${pid}) still running 10 s after SIGKILL`);
    }),
  ]);
}

/** Pids whose parent is `pid` (Linux /proc; elsewhere none). */
async function childrenOf(pid: number): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const children: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

/** Polls `check` until it resolves true (errors count as false); returns the milliseconds it took. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Pids of the processes whose environment holds `NAME=value`: everything a test started with a unique value
 * there (a temporary data directory), including grandchildren in sessions of their own that a process-group
 * signal does not reach. Linux only (/proc); elsewhere none are found.
 */
export async function processesWithEnv(name: string, value: string): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const marker = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (environ.split('\0').includes(marker)) pids.push(pid);
  }
  return pids;
}

/** SIGKILLs what processesWithEnv finds: the last resort of a test's cleanup. Returns the pids it killed. */
export async function killProcessesWithEnv(name: string, value: string): Promise<number[]> {
  const pids = await processesWithEnv(name, value);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
