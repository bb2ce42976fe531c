// 50 analysts log a follow-up on the same commitment at the same moment, through the data function the
// log-follow-up action calls (lib/data/evidence.ts logFollowUp), each in its own transaction on a pool the size
// the app uses: every one is recorded, none fails (no deadlock, no serialisation error, no timeout), and the
// status cache ends equal to what the rules derive from the 50 rows.
import { afterAll, describe, expect, it } from 'vitest';
import { logFollowUp } from '../../lib/data/evidence.ts';
import { createDatabaseClient } from '../../lib/db-client.ts';
import { testDatabaseUrl, unique } from '../support/db.ts';
import { createTestUser } from '../support/users.ts';
import {
  createFollowUpFixture,
  expectConsistent,
  followUpFields,
  followUpInput,
  orphanEvidence,
} from './support.ts';

const CONCURRENT = 50;

// The app's client: same pool settings, same handling of dropped connections. Bigger than one connection so the
// transactions really overlap in PostgreSQL. The 50 writers queue for its 8 connections longer than the app's
// pool wait (PACTWATCH_POOL_WAIT_MS, which turns a full pool into a 503) on a busy machine; what is tested here is
// that every write lands, so they may wait.
const prisma = createDatabaseClient({ connectionString: testDatabaseUrl(), max: 8, poolWaitMs: 120_000 });

afterAll(async () => {
  await prisma.$disconnect();
});

describe('50 concurrent follow-ups on one commitment', () => {
  it(
    'records all of them, with no error, and leaves the cache equal to the derivation',
    { timeout: 120_000 },
    async () => {
      const user = await createTestUser(prisma, 'analyst', { label: 'concurrent' });
      const fixture = await createFollowUpFixture(prisma, 1);
      const [commitmentId] = fixture.commitmentIds;
      const batch = unique('batch');
      const inputs = Array.from({ length: CONCURRENT }, (_, n) => {
        const fields = followUpFields(fixture, n);
        fields.url = `https://news.example.com/concurrent/${batch}/${n}`;
        return followUpInput(fields);
      });

      const started = Date.now();
      const results = await Promise.allSettled(inputs.map((input) => logFollowUp(input, user.id, prisma)));
      const elapsedMs = Date.now() - started;

      const failures = results
        .map((result, n) =>
          result.status === 'rejected' ? `#${n}: ${(result.reason as Error).message}` : null,
        )
        .filter(Boolean);
      expect(failures, 'follow-ups that failed').toEqual([]);
      const logged = results.map(
        (result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof logFollowUp>>>).value,
      );
      expect(logged.every((result) => !result.reused && result.updateIds.length === 1)).toBe(true);
      const updateIds = logged.flatMap((result) => result.updateIds);
      expect(new Set(updateIds).size).toBe(CONCURRENT);

      const stored = await prisma.statusUpdate.findMany({
        where: { commitmentId },
        select: { id: true, authorId: true },
      });
      expect(stored.map((row) => row.id).sort((a, b) => a - b)).toEqual([...updateIds].sort((a, b) => a - b));
      expect(stored.every((row) => row.authorId === user.id)).toBe(true);
      expect(
        await prisma.evidence.count({
          where: { url: { startsWith: `https://news.example.com/concurrent/${batch}/` } },
        }),
      ).toBe(CONCURRENT);
      expect(await orphanEvidence(prisma, `https://news.example.com/concurrent/${batch}/`)).toEqual([]);
      expect(await expectConsistent(prisma, [commitmentId])).toBe(CONCURRENT);
      // Bounded: 50 small transactions queue on one row lock, they must not wait out a timeout.
      expect(elapsedMs).toBeLessThan(90_000);
    },
  );
});
