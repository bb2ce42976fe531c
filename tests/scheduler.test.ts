// The in-app scheduler (lib/scheduler/scheduler.ts) against a real database: several processes' worth of clients,
// each on its own connections, racing for the same due job; the job runs once per due run, an error is recorded
// on its row and does not stop the next run, and "check now" makes a job due again.
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabaseClient } from '../lib/db-client.ts';
import { claimJob, makeDue, runIfDue, startScheduler, type Job } from '../lib/scheduler/scheduler.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

const prisma = testPrisma();
// Four "instances": separate pools, so their UPDATEs really race on separate connections.
const instances = Array.from({ length: 4 }, () =>
  createDatabaseClient({ connectionString: testDatabaseUrl(), max: 2 }),
);

afterAll(async () => {
  await Promise.all(instances.map((client) => client.$disconnect()));
  await prisma.$disconnect();
});

describe('scheduler', () => {
  it('runs a due job in exactly one of several racing instances, then not again until it is due', async () => {
    let runs = 0;
    const job: Job = { name: unique('job'), everyMs: 60_000, run: async () => void runs++ };
    for (let round = 0; round < 5; round++) {
      if (round > 0) await makeDue(prisma, job.name);
      const ran = await Promise.all(
        instances.map((client, i) => runIfDue(client, job, undefined, `instance-${i}`)),
      );
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(runs).toBe(round + 1);
      // Not due again: every instance passes.
      expect(await Promise.all(instances.map((client) => claimJob(client, job)))).toEqual([
        false,
        false,
        false,
        false,
      ]);
    }
    const row = await prisma.scheduledJob.findUniqueOrThrow({ where: { name: job.name } });
    expect(row.runs).toBe(5);
    expect(row.lastError).toBeNull();
    expect(row.dueAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('records a failing run on the job row and runs it again when due', async () => {
    let calls = 0;
    const job: Job = {
      name: unique('failing'),
      everyMs: 60_000,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('feed unreachable');
      },
    };
    expect(await runIfDue(prisma, job)).toBe(true);
    expect((await prisma.scheduledJob.findUniqueOrThrow({ where: { name: job.name } })).lastError).toBe(
      'feed unreachable',
    );
    await makeDue(prisma, job.name);
    expect(await runIfDue(prisma, job)).toBe(true);
    const row = await prisma.scheduledJob.findUniqueOrThrow({ where: { name: job.name } });
    expect(row.lastError).toBeNull();
    expect(row.lastFinishedAt).not.toBeNull();
  });

  it('runs a short-interval job once per interval across four looping instances', async () => {
    let runs = 0;
    const job: Job = { name: unique('loop'), everyMs: 400, run: async () => void runs++ };
    const loops = instances.map((db) => startScheduler({ db, jobs: [job], tickMs: 50 }));
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await Promise.all(loops.map((loop) => loop.stop()));
    const elapsed = Date.now() - started;
    // One run at the start and one per 400 ms after it, never more, whichever instance ran each.
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(Math.floor(elapsed / 400) + 1);
  });
});
