// The benchmark's database: pw_bench_<scale> on DATABASE_URL's server, created, migrated, seeded and filled
// once, then reused by later runs of the same scale and generator version (`--fresh` rebuilds it). A load that
// did not finish leaves no "complete" mark, so the next run starts over instead of measuring half a dataset.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { fillSnapshotDays, snapshotMonthEnds } from '../../lib/data/snapshots.ts';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { rebuildStatusCache } from '../../lib/data/status-cache.ts';
import { migrate } from '../../lib/migrations.ts';
import { seed } from '../../prisma/seed.ts';
import { countsFor, GENERATOR_VERSION, loadSynthetic } from './dataset.ts';

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function benchDatabaseUrl(serverUrl: string, scale: number): { url: string; name: string } {
  const name = `pw_bench_${scale}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

type Meta = Record<string, string>;

async function readMeta(url: string): Promise<Meta | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null; // no such database yet
  }
  try {
    const { rows } = await client.query<{ key: string; value: string }>(`SELECT key, value FROM bench.meta`);
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  } catch {
    return null; // created but never marked: a load that did not get far
  } finally {
    await client.end();
  }
}

async function recreate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // FORCE: a crashed earlier run may still hold connections to it.
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export type PreparedDatabase = { url: string; name: string; reused: boolean; loadSeconds: number | null };

/**
 * A database holding the dataset of `scale`, migrated to the current schema, with the status cache filled and
 * statistics fresh.
 */
export async function prepareDatabase(
  serverUrl: string,
  scale: number,
  options: { fresh: boolean; log: (line: string) => void },
): Promise<PreparedDatabase> {
  const { log } = options;
  const { url, name } = benchDatabaseUrl(serverUrl, scale);
  const meta = options.fresh ? null : await readMeta(url);
  const reusable =
    meta?.complete === 'true' &&
    meta.scale === String(scale) &&
    meta.generatorVersion === String(GENERATOR_VERSION);
  if (reusable) {
    log(`reusing ${name} (scale ${scale}, generator v${GENERATOR_VERSION}, loaded ${meta.loadedAt})`);
    try {
      const applied = await migrate(url, { log: (line) => log(`  ${line}`) });
      const filled = await keepSnapshots(url, log);
      if (applied.length || filled) {
        // New indexes, columns or rows since the load: refresh the planner's statistics.
        await withClient(url, (client) => client.query('VACUUM (ANALYZE)'));
      }
      return { url, name, reused: true, loadSeconds: null };
    } catch (error) {
      log(`  ${(error as Error).message}`);
      log(`  migrations no longer apply to ${name}: rebuilding it`);
    }
  }

  const started = Date.now();
  const counts = countsFor(scale);
  log(
    `building ${name}: seed + ${counts.agreements.toLocaleString('en')} agreements, ` +
      `${counts.commitments.toLocaleString('en')} commitments, ${counts.evidence.toLocaleString('en')} evidence items, ` +
      `${counts.updates.toLocaleString('en')} status updates`,
  );
  await recreate(serverUrl, name);
  await migrate(url);
  await seed(url, (line) => log(`  ${line}`));
  await withClient(url, async (client) => {
    await loadSynthetic(client, scale, log);
  });

  // Statistics first: without them the cache's window queries are planned for empty tables.
  await withClient(url, (client) => client.query('ANALYZE'));
  log('  status cache: rebuilding from history…');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    // Small batches keep each transaction well inside Prisma's interactive-transaction timeout on a busy machine.
    const refreshed = await rebuildStatusCache(prisma, { batchSize: 100 });
    log(`  status cache: ${refreshed.toLocaleString('en')} commitments (${secondsSince(started)} s)`);
  } finally {
    await prisma.$disconnect();
  }
  await keepSnapshots(url, log);

  await withClient(url, async (client) => {
    // VACUUM too, not only ANALYZE: it sets the visibility map, so index-only scans behave as on a settled
    // database rather than on one that was bulk-loaded a moment ago.
    await client.query('VACUUM (ANALYZE)');
    await client.query('CREATE SCHEMA IF NOT EXISTS bench');
    await client.query('CREATE TABLE IF NOT EXISTS bench.meta (key text PRIMARY KEY, value text NOT NULL)');
    const loadSeconds = (Date.now() - started) / 1000;
    const entries: Meta = {
      scale: String(scale),
      generatorVersion: String(GENERATOR_VERSION),
      loadedAt: new Date().toISOString(),
      loadSeconds: loadSeconds.toFixed(1),
      complete: 'true',
    };
    for (const [key, value] of Object.entries(entries)) {
      await client.query(
        'INSERT INTO bench.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2',
        [key, value],
      );
    }
  });
  const loadSeconds = (Date.now() - started) / 1000;
  log(`${name} ready in ${loadSeconds.toFixed(1)} s`);
  return { url, name, reused: false, loadSeconds };
}

/**
 * The past month-ends the app's status.snapshots job keeps (lib/data/snapshots.ts), filled here before any app
 * starts, so that no measurement runs while the first instance's scheduler fills them. Returns how many it filled.
 */
async function keepSnapshots(url: string, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    const filled = await fillSnapshotDays(prisma, snapshotMonthEnds());
    if (filled.length)
      log(`  status snapshots: ${filled.length} month-end(s) kept (${secondsSince(started)} s)`);
    return filled.length;
  } finally {
    await prisma.$disconnect();
  }
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function loadSecondsOf(url: string): Promise<number | null> {
  const meta = await readMeta(url);
  return meta?.loadSeconds ? Number(meta.loadSeconds) : null;
}

function secondsSince(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(1);
}
