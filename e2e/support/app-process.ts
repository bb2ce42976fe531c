// The app as a process of a spec's own (faults, the embedded database): its output collected, and `npm start` run
// as a newcomer runs it. Shared by specs that start apps beside the one `npm test` serves.
import path from 'node:path';
import { spawnChild, waitUntil, type Child } from '../../scripts/lib/process.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next');
/** The build `npm test` made. */
export const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-test';

export type Output = { text: () => string; lines: () => Record<string, unknown>[] };

export function collectOutput(child: Child, label: string): Output {
  let text = '';
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    if (process.env.FAULTS_VERBOSE) process.stdout.write(`[${label}] ${chunk.toString()}`);
  };
  child.process.stdout?.on('data', append);
  child.process.stderr?.on('data', append);
  return {
    text: () => text,
    // Next prints some lines of its own ("▲ Next.js", "✓ Ready"); ours are the JSON ones.
    lines: () =>
      text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export type Instance = { child: Child; output: Output };

/** `npm start` with `env` (its own process group), resolved once it printed "ready on". */
export async function npmStart(env: NodeJS.ProcessEnv): Promise<Instance> {
  // Own process group, so a failed run can be cleaned up whole; the clean stop signals npm alone, as
  // `docker stop` or a service manager would.
  const child = spawnChild('npm start', 'npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child, 'npm start');
  await waitUntil('`npm start` to be ready', async () => /ready on http:\/\/\S+/.test(output.text()), {
    timeoutMs: 240_000,
    intervalMs: 300,
    abort: child.exited,
    abortMessage: () => `npm start exited before it was ready:\n${output.text().slice(-3000)}`,
  });
  return { child, output };
}

/**
 * The environment of an `npm start` as a newcomer runs it: the embedded database on `dataDir`, on the given ports,
 * serving the build `npm test` made; no DATABASE_URL, secret or pool size from the caller's environment.
 */
export function embeddedStartEnv(dataDir: string, appPort: number, databasePort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(appPort),
    HOSTNAME: '127.0.0.1',
    PACTWATCH_DB_PORT: String(databasePort),
    PACTWATCH_DATA_DIR: dataDir,
    NEXT_DIST_DIR: DIST_DIR,
  };
  delete env.DATABASE_URL;
  delete env.BETTER_AUTH_SECRET;
  delete env.DATABASE_POOL_MAX;
  return env;
}
