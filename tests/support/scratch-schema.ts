// A schema of its own for tests that need an untouched database, such as the migration runner's tests: cheaper
// than a database, and dropped with everything in it.
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

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty schema in the run's test database. `query` always works inside it; with `connectable`, so
 * does `url`, which carries the search path as a startup option.
 */
export async function createScratchSchema(
  label: string,
  options: { connectable?: boolean } = {},
): Promise<ScratchSchema> {
  const base = testDatabaseUrl();
  const name = `t_${label}_${randomBytes(4).toString('hex')}`;
  await withClient(base, (client) => client.query(`CREATE SCHEMA "${name}"`));

  const url = new URL(base);
  if (options.connectable) url.searchParams.set('options', `-c search_path="${name}"`);

  return {
    name,
    url: url.toString(),
    query: (sql, params) =>
      withClient(url.toString(), async (client) => {
        await client.query('BEGIN');
        try {
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
      withClient(base, (client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)).then(() => {}),
  };
}
