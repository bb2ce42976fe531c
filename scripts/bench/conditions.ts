// What a measurement ran under, printed beside its number: the machine's load average when the window started and
// the rows written on the PostgreSQL server while it ran (the machine and the server are shared; other work makes
// the numbers worse). Every section uses it (scripts/bench/search.ts too): pg_stat_database's
// inserted + updated + deleted tuples, for the whole server and for the bench database alone.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { withClient } from './database.ts';

export type Conditions = {
  /** 1-minute load average when the measured window started. */
  loadAverage: number;
  /**
   * Rows inserted, updated or deleted on the whole PostgreSQL server during the window (other databases too; a
   * database dropped before the window ended is not counted).
   */
  serverRowsWritten: number;
  /** The same, in the bench database alone (the bench's own writer included). */
  benchRowsWritten: number;
};

/** Rows written so far per database (by oid). */
type Counters = Map<number, { name: string; rows: number }>;

async function rowsWritten(databaseUrl: string): Promise<Counters> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ datid: number; datname: string | null; rows: string }>(
      `SELECT datid::int AS datid, datname, (tup_inserted + tup_updated + tup_deleted)::text AS rows
         FROM pg_stat_database`,
    );
    return new Map(rows.map((row) => [row.datid, { name: row.datname ?? '', rows: Number(row.rows) }]));
  });
}

/**
 * What was written between two readings, database by database: a database dropped meanwhile (a test's) takes its
 * counts out of any server-wide sum, so only those present at the end count, from zero when created meanwhile.
 */
function written(before: Counters, after: Counters, database: string): { server: number; bench: number } {
  let server = 0;
  let bench = 0;
  for (const [datid, now] of after) {
    const delta = Math.max(0, now.rows - (before.get(datid)?.rows ?? 0));
    server += delta;
    if (now.name === database) bench += delta;
  }
  return { server, bench };
}

/** Starts watching: call the returned function when the window ends. */
export async function watchConditions(
  databaseUrl: string,
  database: string,
): Promise<() => Promise<Conditions>> {
  const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
  const before = await rowsWritten(databaseUrl);
  return async () => {
    // Statistics reach pg_stat_database within about a second of a transaction's end.
    await sleep(1_000);
    const { server, bench } = written(before, await rowsWritten(databaseUrl), database);
    return { loadAverage, serverRowsWritten: server, benchRowsWritten: bench };
  };
}

/** One line for a table cell. */
export function describeConditions(conditions: Conditions): string {
  return `load ${conditions.loadAverage}, ${conditions.serverRowsWritten.toLocaleString('en')} rows written`;
}
