// Log-follow-up latency at the data layer: `workers` parallel loops each parse a filled-in form with
// logFollowUpSchema and call logFollowUp (lib/data/evidence.ts), the database part of what the action does (it
// also checks the warnings to confirm, revalidates and redirects). The same write through the running app, over
// HTTP, is scripts/bench/http-writes.ts; this one says how much of its time is the database's.
//
// Runs as a child of scripts/bench/run.ts under `node --conditions=react-server --import tsx`, because
// lib/data/evidence.ts imports lib/db.ts, which imports 'server-only' (empty under that condition; the lazy
// `db` is never used, as a client is passed in). Writes its result to `resultFile`.
import { writeFile } from 'node:fs/promises';
import { logFollowUp } from '../../lib/data/evidence.ts';
import { createDatabaseClient } from '../../lib/db-client.ts';
import { logFollowUpSchema } from '../../lib/validation/follow-up.ts';
import { followUpForm } from './http-writes.ts';
import { parallelLoops } from './measure.ts';
import { Rng } from './prng.ts';

export type FollowUpConfig = {
  databaseUrl: string;
  actorId: string;
  commitmentIds: number[];
  outletIds: number[];
  workers: number;
  seconds: number;
  maxIterations: number;
  runId: string;
  /** Where the result (a Latency as JSON) is written. */
  resultFile: string;
};

async function main(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_FOLLOWUP_CONFIG ?? '') as FollowUpConfig;
  // The app's own client factory: the same pool settings and slow-query log as a server process.
  const prisma = createDatabaseClient({ connectionString: config.databaseUrl, max: config.workers });
  const rng = new Rng(`follow-ups/${config.runId}`);
  try {
    const latency = await parallelLoops({
      workers: config.workers,
      seconds: config.seconds,
      maxIterations: config.maxIterations,
      iteration: async (worker, n) => {
        const input = logFollowUpSchema.parse(followUpForm(config, rng, worker, n));
        await logFollowUp(input, config.actorId, prisma);
      },
    });
    await writeFile(config.resultFile, JSON.stringify(latency));
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
