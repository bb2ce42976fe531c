// A schema of its own for tests that need an untouched database, such as the migration runner's tests.
// Schemas rather than databases because the embedded server (PGlite) has exactly one database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './db.ts';

export type ScratchSchema = {
  name: string;
  /** With `connectable`: a connection string whose connections work inside this schema (for migrate()). */
  url: string;
  /** Runs `sql` on a short-lived connection with this schema first on the search path. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
};

let pgliteAnswer: Promise<boolean> | undefined;

/** PGlite multiplexes every connection onto one session and ignores startup options, so it needs other tricks. */
export function isPglite(url = testDatabaseUrl()): Promise<boolean> {
  pgliteAnswer ??= withClient(url, async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0].version.includes('PGlite');
  });
  return pgliteAnswer;
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The scratch schema PGlite's shared session is switched to, if any: there can be only one. */
let sessionHolder: string | undefined;

/**
 * Creates an empty schema in the run's test database. `query` always works inside it. With `connectable`, so
 * does `url`: on PostgreSQL it carries the search path as a startup option; on PGlite, whose connections all
 * share one session and which ignores startup options, the session's search path is switched to the schema
 * until `drop()`. Fine because PGlite runs the test files one at a time, but only one connectable scratch
 * schema may exist at a time there.
 */
export async function createScratchSchema(
  label: string,
  options: { connectable?: boolean } = {},
): Promise<ScratchSchema> {
  const base = testDatabaseUrl();
  const name = `t_${label}_${randomBytes(4).toString('hex')}`;
  const switchSession = options.connectable === true && (await isPglite(base));
  if (switchSession && sessionHolder) {
    throw new Error(`PGlite's session already belongs to scratch schema ${sessionHolder}; drop it first`);
  }
  const restore = await withClient(base, async (client) => {
    await client.query(`CREATE SCHEMA "${name}"`);
    if (!switchSession) return undefined;
    const { rows } = await client.query<{ search_path: string }>('SHOW search_path');
    await client.query(`SET search_path TO "${name}"`);
    sessionHolder = name;
    return rows[0].search_path;
  });

  const url = new URL(base);
  if (options.connectable && !switchSession) url.searchParams.set('options', `-c search_path="${name}"`);

  return {
    name,
    url: url.toString(),
    query: (sql, params) =>
      withClient(url.toString(), async (client) => {
        await client.query('BEGIN');
        try {
          // SET LOCAL lasts until the end of this transaction, so on PGlite's shared session it leaks nowhere.
          await client.query(`SET LOCAL search_path TO "${name}"`);
          const result = await client.query(sql, params);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }),
    drop: () =>
      withClient(base, async (client) => {
        if (restore !== undefined) {
          await client.query("SELECT set_config('search_path', $1, false)", [restore]);
          sessionHolder = undefined;
        }
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      }),
  };
}
