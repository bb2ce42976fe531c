// The data version (docs/decisions/019-data-version.md, lib/data-version.ts): raised by one at the commit of every
// transaction that wrote this database, by whatever path, and by nothing else. Runs in a schema of its own built
// from the migrations, so other tests writing to the shared test database (or other databases on the server) at
// the same moment cannot move it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../lib/migrations.ts';
import { testDatabaseUrl } from './support/db.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';

/** Tables whose writes must not move the version: the mechanism itself and throttling/scheduler bookkeeping. */
const EXEMPT = ['DataVersion', 'DataVersionBump', 'RateLimit', 'ScheduledJob', 'SignInFailure'];

let scratch: ScratchSchema;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  clients.push(client);
  return client;
}

async function version(client?: pg.Client): Promise<bigint> {
  const sql = 'SELECT "version"::text AS v FROM "DataVersion" WHERE "id" = 1';
  const result = client ? await client.query<{ v: string }>(sql) : await scratch.query<{ v: string }>(sql);
  return BigInt(result.rows[0].v);
}

beforeAll(async () => {
  scratch = await createScratchSchema('dataversion', { connectable: true });
  for (const migration of await readMigrations()) await scratch.query(migration.sql);
}, 120_000);

afterAll(async () => {
  for (const client of clients) await client.end().catch(() => {});
  await scratch?.drop();
});

describe('the data version', () => {
  it('is kept by a trigger on every table but the exempt ones', async () => {
    const tables = await scratch.query<{ table: string; tracked: boolean }>(
      `SELECT c.relname AS table,
              EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_data_version'
                         AND NOT t.tgisinternal) AS tracked
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        ORDER BY 1`,
      [scratch.name],
    );
    expect(tables.rows.length).toBeGreaterThan(30);
    const untracked = tables.rows.filter((row) => !row.tracked).map((row) => row.table);
    // A table added by a later migration without its trigger fails here.
    expect(untracked.sort()).toEqual([...EXEMPT].sort());
  });

  it('moves by one when a transaction that wrote commits, not before, and not on rollback', async () => {
    const writer = await connect();
    const reader = await connect();
    const before = await version(reader);

    await writer.query('BEGIN');
    await writer.query(`INSERT INTO "Category" (slug, name) VALUES ('dv-one', 'dv-one')`);
    await writer.query(`UPDATE "Category" SET name = 'dv-one-renamed' WHERE name = 'dv-one'`);
    await writer.query(`INSERT INTO "Outlet" (name, "updatedAt") VALUES ('dv-outlet', now())`);
    // Not yet: another connection sees the old version while the data is not visible either.
    expect(await version(reader)).toBe(before);
    await writer.query('COMMIT');
    // Three statements on two tables: one transaction, one step.
    expect(await version(reader)).toBe(before + 1n);

    await writer.query('BEGIN');
    await writer.query(`DELETE FROM "Outlet" WHERE name = 'dv-outlet'`);
    await writer.query('ROLLBACK');
    expect(await version(reader)).toBe(before + 1n);

    // A write inside a savepoint that is rolled back, then another write: still one step, at commit.
    await writer.query('BEGIN');
    await writer.query('SAVEPOINT s');
    await writer.query(`DELETE FROM "Outlet" WHERE name = 'dv-outlet'`);
    await writer.query('ROLLBACK TO SAVEPOINT s');
    expect(await version(reader)).toBe(before + 1n);
    await writer.query(`UPDATE "Category" SET name = 'dv-two' WHERE name = 'dv-one-renamed'`);
    await writer.query('COMMIT');
    expect(await version(reader)).toBe(before + 2n);

    // A transaction that only read: no step. Nor does the bookkeeping table stay filled.
    await writer.query('BEGIN');
    await writer.query('SELECT count(*) FROM "Category"');
    await writer.query('COMMIT');
    expect(await version(reader)).toBe(before + 2n);
    expect((await reader.query('SELECT count(*)::int AS n FROM "DataVersionBump"')).rows[0].n).toBe(0);
  });

  it('ignores the exempt tables, and writes to other databases on the server', async () => {
    const writer = await connect();
    const before = await version(writer);
    await writer.query(
      `INSERT INTO "ScheduledJob" (name, "dueAt") VALUES ('dv-job', now()) ON CONFLICT (name) DO UPDATE SET "dueAt" = now()`,
    );
    await writer.query(`INSERT INTO "RateLimit" (id, key, count, "lastRequest") VALUES ('dv', 'dv', 1, 0)`);
    expect(await version(writer)).toBe(before);

    const elsewhere = new pg.Client({ connectionString: new URL('/postgres', testDatabaseUrl()).toString() });
    await elsewhere.connect();
    try {
      await elsewhere.query('CREATE TEMP TABLE dv_elsewhere (n int)');
      await elsewhere.query('INSERT INTO dv_elsewhere VALUES (1)');
    } finally {
      await elsewhere.end();
    }
    expect(await version(writer)).toBe(before);
  });

  it('counts a TRUNCATE, and lets concurrent writers work until their commits', async () => {
    const a = await connect();
    const b = await connect();
    const before = await version(a);
    await a.query('BEGIN');
    await a.query(`INSERT INTO "Category" (slug, name) VALUES ('dv-a', 'dv-a')`);
    // B writes and commits while A is still open: it waits for nothing A holds.
    await b.query(`SET statement_timeout = '10s'`);
    await b.query(`INSERT INTO "Category" (slug, name) VALUES ('dv-b', 'dv-b')`);
    expect(await version(b)).toBe(before + 1n);
    await a.query('COMMIT');
    expect(await version(b)).toBe(before + 2n);

    await b.query('CREATE TABLE dv_scratch_target (n int)');
    await b.query(
      `CREATE TRIGGER dv_scratch_target_data_version AFTER TRUNCATE ON dv_scratch_target
         FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_data_version_request()`,
    );
    const beforeTruncate = await version(b);
    await b.query('TRUNCATE dv_scratch_target');
    expect(await version(b)).toBe(beforeTruncate + 1n);
    await b.query('DROP TABLE dv_scratch_target');
  });
});
