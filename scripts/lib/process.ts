// Child-process and readiness helpers shared by `npm start` (scripts/start.ts), the test runner and the smoke test.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Child = {
  name: string;
  process: ChildProcess;
  /** Settles once, when the process has exited for any reason (or failed to spawn). */
  exited: Promise<Exit>;
  hasExited(): boolean;
  /** Spawned with `detached: true`: it leads its own process group. */
  groupLeader: boolean;
};

/**
 * Spawns a process and starts tracking its exit immediately: an `exit` event that fires before anyone listens
 * would otherwise be lost, and callers race this promise against readiness checks.
 */
export function spawnChild(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, options);
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    // A spawn failure (missing binary) emits `error` and never `exit`.
    child.once('error', () => {
      if (done) return;
      done = true;
      resolve({ code: null, signal: null });
    });
  });
  return { name, process: child, exited, hasExited: () => done, groupLeader: options.detached === true };
}

export function describeExit({ code, signal }: Exit): string {
  if (signal) return `killed by ${signal}`;
  return code === null ? 'failed to start' : `exited with code ${code}`;
}

/**
 * Asks a child to stop with `signal`, waits up to `graceMs`, then kills it. Children spawned with
 * `detached: true` lead their own process group, so the whole group is signalled: a tool that forks workers
 * leaves none behind.
 */
export async function stopChild(
  child: Child,
  options: { signal?: NodeJS.Signals; graceMs?: number; log?: (line: string) => void } = {},
): Promise<Exit> {
  const { signal = 'SIGTERM', graceMs = 10_000, log = () => {} } = options;
  if (child.hasExited()) return child.exited;
  signalChild(child, signal);
  const timedOut = Symbol('timeout');
  const first = await Promise.race([child.exited, sleep(graceMs, timedOut)]);
  if (first !== timedOut) return first as Exit;
  log(`${child.name} did not stop within ${Math.round(graceMs / 1000)} s; killing it`);
  signalChild(child, 'SIGKILL');
  return child.exited;
}

function signalChild(child: Child, signal: NodeJS.Signals): void {
  const pid = child.process.pid;
  if (pid === undefined) return;
  try {
    // A negative pid addresses the process group; only valid when the child leads one (detached).
    process.kill(child.groupLeader ? -pid : pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

/**
 * Polls `check` until it returns true. Fails after `timeoutMs`, or as soon as `abort` settles (typically a
 * child's `exited`), so a crashed server is reported at once instead of after the whole timeout.
 */
export async function waitUntil(
  description: string,
  check: () => Promise<boolean>,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    abort?: Promise<unknown>;
    abortMessage?: () => string;
    /** Called about every `progressEveryMs` while still waiting, with the seconds waited so far. */
    onProgress?: (seconds: number) => void;
    progressEveryMs?: number;
  },
): Promise<void> {
  const { timeoutMs, intervalMs = 250, progressEveryMs = 5_000 } = options;
  const started = Date.now();
  let aborted = false;
  void options.abort?.then(() => {
    aborted = true;
  });
  let lastProgress = started;
  for (;;) {
    if (aborted) throw new Error(options.abortMessage?.() ?? `gave up waiting for ${description}`);
    if (await check().catch(() => false)) return;
    // Settled during the check: no "still waiting" line after, say, a stop has begun.
    if (aborted) throw new Error(options.abortMessage?.() ?? `gave up waiting for ${description}`);
    const now = Date.now();
    if (now - started > timeoutMs) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${description}`);
    }
    if (options.onProgress && now - lastProgress >= progressEveryMs) {
      lastProgress = now;
      options.onProgress(Math.round((now - started) / 1000));
    }
    await (options.abort ? Promise.race([sleep(intervalMs), options.abort]) : sleep(intervalMs));
  }
}

/** Waits until GET `url` answers 200 (e.g. an app's health route). */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  options: {
    abort?: Promise<unknown>;
    abortMessage?: () => string;
    onProgress?: (seconds: number) => void;
    /**
     * Gives up at once, cancelling the request in flight: a server asked to stop waits for open requests
     * before it exits, and one still starting up may take long to answer.
     */
    signal?: AbortSignal;
  } = {},
): Promise<void> {
  const { signal, ...rest } = options;
  const cancelled =
    signal && new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
  if (signal?.aborted) throw new Error(options.abortMessage?.() ?? `gave up waiting for ${url}`);
  await waitUntil(
    `${url} to answer 200`,
    async () => {
      const timeout = AbortSignal.timeout(5_000);
      const response = await fetch(url, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
      await response.body?.cancel();
      return response.status === 200;
    },
    {
      timeoutMs,
      ...rest,
      abort: cancelled && rest.abort ? Promise.race([rest.abort, cancelled]) : (cancelled ?? rest.abort),
    },
  );
}

/** True when something accepts TCP connections on host:port. */
export function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
