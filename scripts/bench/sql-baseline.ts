// The raw-SQL baseline of each page: the statements the page actually ran (captured from a `next start` with
// sql-capture.mjs preloaded), replayed on the same database by `workers` parallel loops, one pg connection each.
// One iteration is the page's statements back to back, so its time is what the page would take if PostgreSQL
// were all there was: no Prisma, no React, no HTTP. (The page may run some of them in parallel over its pool;
// the baseline does not, which makes it a little stricter than the page.) Its connections carry the app's session
// settings (withSessionSettings: JIT off), so it runs the same work the page's connections do.
import { readFile, stat } from 'node:fs/promises';
import pg from 'pg';
import { withSessionSettings } from '../../lib/db-client.ts';
import { parallelLoops, round, type Latency } from './measure.ts';

export type CapturedQuery = { at: number; text: string; values: unknown[]; rowMode: 'array' | null };

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const tagged = value as { $bigint?: string; $bytes?: string };
    if (tagged.$bigint !== undefined) return BigInt(tagged.$bigint);
    if (tagged.$bytes !== undefined) return Buffer.from(tagged.$bytes, 'base64');
  }
  return value;
}

export async function captureOffset(file: string): Promise<number> {
  return stat(file).then(
    (info) => info.size,
    () => 0,
  );
}

/** The statements appended to the capture file since `offset`. */
export async function readCapturedSince(file: string, offset: number): Promise<CapturedQuery[]> {
  const text = (await readFile(file)).subarray(offset).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const query = JSON.parse(line) as CapturedQuery;
      return { ...query, values: query.values.map(decode) };
    });
}

function run(client: pg.Client, query: CapturedQuery) {
  return client.query({
    text: query.text,
    values: query.values,
    ...(query.rowMode ? { rowMode: 'array' } : {}),
  });
}

/** Replays a page's statements in `workers` loops for `seconds`; the latency of one whole page's worth. */
export async function replayBaseline(
  databaseUrl: string,
  queries: CapturedQuery[],
  options: { workers: number; seconds: number; warmupSeconds: number; maxIterations: number },
): Promise<Latency> {
  const clients = await Promise.all(
    Array.from({ length: options.workers }, async () => {
      const client = new pg.Client({ connectionString: withSessionSettings(databaseUrl) });
      await client.connect();
      return client;
    }),
  );
  try {
    const iteration = async (worker: number) => {
      for (const query of queries) await run(clients[worker], query);
    };
    await parallelLoops({ ...options, seconds: options.warmupSeconds, iteration });
    return await parallelLoops({ ...options, iteration });
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

export type TimedQuery = { query: CapturedQuery; medianMs: number };

/** Each statement's median time over `runs` sequential executions (statements that write are run once). */
export async function timeEach(
  databaseUrl: string,
  queries: CapturedQuery[],
  runs = 5,
): Promise<TimedQuery[]> {
  const client = new pg.Client({ connectionString: withSessionSettings(databaseUrl) });
  await client.connect();
  try {
    const timed: TimedQuery[] = [];
    for (const query of queries) {
      const samples: number[] = [];
      for (let i = 0; i < (isRead(query.text) ? runs : 1); i++) {
        const t0 = performance.now();
        await run(client, query);
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      timed.push({ query, medianMs: round(samples[Math.floor(samples.length / 2)], 2) });
    }
    return timed;
  } finally {
    await client.end();
  }
}

export function isRead(text: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(text) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(text);
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement with its captured parameters. */
export async function explain(databaseUrl: string, query: CapturedQuery): Promise<string> {
  const client = new pg.Client({ connectionString: withSessionSettings(databaseUrl) });
  await client.connect();
  try {
    await client.query({ text: query.text, values: query.values }); // warm the cache like the page's runs did
    const { rows } = await client.query<{ 'QUERY PLAN': string }>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
      values: query.values,
    });
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
