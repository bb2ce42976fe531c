// Log-follow-up throughput, measured at the data layer: `workers` parallel loops each parse a filled-in form
// with logFollowUpSchema and call logFollowUp (lib/data/evidence.ts), which is what the server action does
// after authorising (it then only revalidates and redirects). Posting the action over HTTP would need Next's
// action id and form encoding; this measures the part that touches the database.
//
// Runs as a child of scripts/bench/run.ts under `node --conditions=react-server --import tsx`, because
// lib/data/evidence.ts imports lib/db.ts, which imports 'server-only' (empty under that condition; the lazy
// `db` is never used, as a client is passed in). Writes its result to `resultFile`.
import { writeFile } from 'node:fs/promises';
import { logFollowUp } from '../../lib/data/evidence.ts';
import { formatDay, today } from '../../lib/domain/dates.ts';
import { createDatabaseClient } from '../../lib/db-client.ts';
import { logFollowUpSchema } from '../../lib/validation/follow-up.ts';
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

const STATUSES = ['in_progress', 'partially_fulfilled', 'stalled', 'not_started', 'fulfilled'] as const;

async function main(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_FOLLOWUP_CONFIG ?? '') as FollowUpConfig;
  // The app's own client factory: the same pool settings and slow-query log as a server process.
  const prisma = createDatabaseClient({ connectionString: config.databaseUrl, max: config.workers });
  const rng = new Rng(`follow-ups/${config.runId}`);
  const day = formatDay(today());
  try {
    const latency = await parallelLoops({
      workers: config.workers,
      seconds: config.seconds,
      maxIterations: config.maxIterations,
      iteration: async (worker, n) => {
        const status = rng.pick(STATUSES);
        const fields = {
          url: `https://bench.example/follow-up/${config.runId}/${worker}-${n}`,
          outlet: String(rng.pick(config.outletIds)),
          title: `Bench follow-up ${worker}-${n}: officials report progress`,
          language: 'en',
          publishedOn: day,
          excerpt: 'Officials said the work was proceeding according to the agreed timetable.',
          credibility: '2',
          type: 'concrete_action',
          'rows.0.commitmentId': String(rng.pick(config.commitmentIds)),
          'rows.0.status': status,
          'rows.0.observedOn': day,
          'rows.0.reason': 'The item reports the state of the work on that day.',
        };
        const input = logFollowUpSchema.parse(fields);
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
