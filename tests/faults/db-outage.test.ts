// The database goes away mid-use: an embedded server this test starts, killed with SIGKILL (no goodbye to its
// clients, no clean close of its files) in the middle of a burst of follow-ups, then started again on the same
// data directory and port. Through the app's own client (lib/db-client.ts, as lib/db.ts builds it) and the app's
// health route:
// - while it is down, queries fail fast with an error the app recognises as "database unavailable", the health
//   route answers 503, and nothing crashes the process (a dropped pool connection is an `error` event);
// - when it is back, the same client works again by itself (the pool opens new connections);
// - every follow-up the data layer acknowledged is there after the restart, and none is half-written: no item
//   without its status updates, every update with its audit event, the cache equal to the derivation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFollowUp } from '../../lib/data/evidence.ts';
import { createDatabaseClient } from '../../lib/db-client.ts';
import { isDatabaseUnavailable } from '../../lib/db-errors.ts';
import { migrate } from '../../lib/migrations.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../scripts/lib/embedded-db.ts';
import { createTestUser } from '../support/users.ts';
import {
  createFollowUpFixture,
  expectConsistent,
  followUpFields,
  followUpInput,
  freePort,
  killEmbeddedDatabase,
  orphanEvidence,
  waitFor,
} from './support.ts';

const WRITERS = 3;

let tmp: string;
let dataDir: string;
let port: number;
let database: EmbeddedDatabase | undefined;
let prisma: PrismaClient;
let health: () => Promise<Response>;

function start(): Promise<EmbeddedDatabase> {
  return startEmbeddedDatabase({ dataDir, port, timeoutMs: 180_000 });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'pactwatch-faults-'));
  dataDir = path.join(tmp, 'postgres');
  port = await freePort();
  database = await start();
  await migrate(database.url);
  prisma = createDatabaseClient({ connectionString: database.url, max: WRITERS });
  // The health route runs on lib/db.ts's client, which reads DATABASE_URL on first use: point it here.
  if ((globalThis as { prisma?: unknown }).prisma)
    throw new Error('lib/db.ts was used before this test set it up');
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = '2';
  const route = await import('../../app/api/health/route.ts');
  health = () => route.GET();
}, 240_000);

afterAll(async () => {
  await prisma?.$disconnect().catch(() => {});
  await (globalThis as { prisma?: PrismaClient }).prisma?.$disconnect().catch(() => {});
  await database?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

type Acknowledged = { url: string; evidenceId: number; updateIds: number[] };

describe('the database goes away mid-use', () => {
  it(
    'fails fast while down, recovers by itself and leaves no follow-up half-written',
    { timeout: 300_000 },
    async () => {
      const user = await createTestUser(prisma, 'analyst', { label: 'outage' });
      const fixture = await createFollowUpFixture(prisma, 3);
      const urlPrefix = 'https://news.example.com/faults/';
      expect((await health()).status).toBe(200);

      // A burst of follow-ups, each touching all three commitments (several inserts, a cache refresh and audit
      // events per row: a long transaction, likely to be cut in the middle).
      const acknowledged: Acknowledged[] = [];
      const failures: unknown[] = [];
      let counter = 0;
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const n = counter++;
          const input = followUpInput(followUpFields(fixture, n));
          try {
            const logged = await logFollowUp(input, user.id, prisma);
            acknowledged.push({
              url: input.url,
              evidenceId: logged.evidence.id,
              updateIds: logged.updateIds,
            });
          } catch (error) {
            failures.push(error);
            await sleep(100);
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);

      await waitFor('a few follow-ups to be logged', async () => acknowledged.length >= 8, 120_000, 20);
      let beforeKill = acknowledged.length;
      await killEmbeddedDatabase(dataDir, database!.exited, () => (beforeKill = acknowledged.length));
      await database!.stop(); // the process is gone already; its postmaster.pid stays behind, stale
      database = undefined;

      // Down: the health route says so at once, and a query fails fast with an error the app classifies.
      const probeStarted = Date.now();
      const response = await health();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable' });
      const queryError = await prisma.$queryRaw`SELECT 1`.then(
        () => null,
        (error: unknown) => error,
      );
      expect(queryError, 'a query while the database is down').not.toBeNull();
      expect(isDatabaseUnavailable(queryError)).toBe(true);
      expect(Date.now() - probeStarted, 'how long the failures took').toBeLessThan(5_000);

      // Let the writers keep failing for a moment: every failure must be the "unavailable" kind.
      const failedBefore = failures.length;
      await waitFor(
        'writes to fail while the database is down',
        async () => failures.length >= failedBefore + 4,
        30_000,
        50,
      );
      expect(acknowledged.length - beforeKill, 'follow-ups acknowledged after the kill').toBeLessThanOrEqual(
        WRITERS,
      );

      // Back, on the same data and port; the same clients recover without being told.
      database = await start();
      const recoveredInMs = await waitFor(
        'the app client to answer again',
        async () => (await prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`)[0].ok === 1,
        30_000,
      );
      await waitFor('the health route to answer 200', async () => (await health()).status === 200, 30_000);
      const afterRestart = acknowledged.length;
      await waitFor(
        'follow-ups to be logged again',
        async () => acknowledged.length >= afterRestart + 4,
        60_000,
        50,
      );
      stop = true;
      await Promise.all(writers);

      console.log(
        `outage: ${beforeKill} follow-ups before the kill, ${acknowledged.length} in all, ${failures.length} failed while down; recovered ${recoveredInMs} ms after the restart`,
      );
      const unexpected = failures
        .filter((error) => !isDatabaseUnavailable(error))
        .map((error) => String(error));
      expect(unexpected, 'failures other than "database unavailable"').toEqual([]);
      expect(recoveredInMs).toBeLessThan(30_000);

      // Every acknowledged follow-up survived the crash, whole.
      const stored = await prisma.evidence.findMany({
        where: { url: { in: acknowledged.map((a) => a.url) } },
        select: { url: true, id: true, statusUpdates: { select: { id: true } } },
      });
      const storedByUrl = new Map(stored.map((row) => [row.url, row]));
      for (const expected of acknowledged) {
        const row = storedByUrl.get(expected.url);
        expect(row, `acknowledged follow-up ${expected.url}`).toBeDefined();
        expect(row!.statusUpdates.map((u) => u.id).sort((a, b) => a - b)).toEqual(
          [...expected.updateIds].sort((a, b) => a - b),
        );
      }
      // And nothing else is half there: an item is stored with all its rows or not at all.
      expect(await orphanEvidence(prisma, urlPrefix), 'items stored without their status updates').toEqual(
        [],
      );
      const items = await prisma.evidence.findMany({
        where: { url: { startsWith: urlPrefix } },
        select: { _count: { select: { statusUpdates: true } } },
      });
      expect(items.every((item) => item._count.statusUpdates === fixture.commitmentIds.length)).toBe(true);
      const updates = await expectConsistent(prisma, fixture.commitmentIds);
      expect(updates).toBe(items.length * fixture.commitmentIds.length);
    },
  );
});
