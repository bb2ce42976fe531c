// The in-app scheduler (docs/decisions/016-feeds-and-scheduler.md): a loop in every app process that runs each
// registered job when it is due, with PostgreSQL deciding which process runs it. A job's row in "ScheduledJob"
// holds when it is next due; a process runs the job only after one UPDATE that moves `dueAt` forward and matches
// only while the row is still due. Under READ COMMITTED a second process's UPDATE waits for the first, re-reads
// the row, no longer finds it due and changes nothing, so each due run happens in exactly one process however many
// instances share the database. A process that dies mid-run loses that run; the next one is due `everyMs` later.
//
// No connection is held between ticks and nothing is written while nothing is due (a tick reads one small table).
import { hostname } from 'node:os';
import type { PrismaClient } from '../generated/prisma/client.ts';

export type Job = {
  /** Unique and stable: the row's key. */
  name: string;
  /** How long after a run starts the next one is due. */
  everyMs: number;
  /** The work. Errors are recorded on the job's row (lastError) and logged; they never stop the loop. */
  run(context: JobContext): Promise<void>;
};

type JobContext = { db: PrismaClient; now: Date };

type Logger = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

const PROCESS_NAME = `${hostname()}:${process.pid}`;

/**
 * Claims `job` if it is due: true in exactly one caller per due run. Creates the job's row, due now, the first
 * time any process sees the job.
 */
export async function claimJob(db: PrismaClient, job: Job, runBy = PROCESS_NAME): Promise<boolean> {
  await db.$executeRaw`
    INSERT INTO "ScheduledJob" (name, "dueAt") VALUES (${job.name}, now()) ON CONFLICT (name) DO NOTHING`;
  const claimed = await db.$executeRaw`
    UPDATE "ScheduledJob"
       SET "dueAt" = now() + ${job.everyMs} * interval '1 millisecond',
           "lastStartedAt" = now(), "lastRunBy" = ${runBy}, runs = runs + 1
     WHERE name = ${job.name} AND "dueAt" <= now()`;
  return claimed === 1;
}

/** Runs `job` if this process claims it; records how it ended. True when it ran. */
export async function runIfDue(
  db: PrismaClient,
  job: Job,
  logger?: Logger,
  runBy = PROCESS_NAME,
): Promise<boolean> {
  if (!(await claimJob(db, job, runBy))) return false;
  const started = Date.now();
  let error: string | null = null;
  try {
    await job.run({ db, now: new Date() });
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
    logger?.error({ job: job.name, err: cause }, 'scheduled job failed');
  }
  await db.$executeRaw`
    UPDATE "ScheduledJob" SET "lastFinishedAt" = now(), "lastError" = ${error} WHERE name = ${job.name}`;
  if (!error) logger?.info({ job: job.name, ms: Date.now() - started }, 'scheduled job ran');
  return true;
}

/**
 * Makes `job` due now (an operator's or an analyst's "check now"); the next tick of any process runs it. Takes a
 * transaction's client too, so the request is part of the write that asks for it.
 */
export async function makeDue(db: Pick<PrismaClient, '$executeRaw'>, name: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "ScheduledJob" (name, "dueAt") VALUES (${name}, now())
    ON CONFLICT (name) DO UPDATE SET "dueAt" = LEAST("ScheduledJob"."dueAt", now())`;
}

export type Scheduler = { stop(): Promise<void>; tick(): Promise<void> };

/**
 * Starts the loop: every `tickMs`, each due job runs (one job at a time per process, so a slow feed never
 * overlaps the next poll of the same process). `stop` waits for the running tick.
 */
export function startScheduler(options: {
  db: PrismaClient;
  jobs: Job[];
  tickMs: number;
  logger?: Logger;
  /** Runs each job's turn (the claim, and the run if claimed): e.g. under a log context of its own. */
  around?: (job: Job, turn: () => Promise<void>) => Promise<void>;
}): Scheduler {
  const { db, jobs, tickMs, logger } = options;
  const around = options.around ?? ((_job: Job, turn: () => Promise<void>) => turn());
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      try {
        await around(job, async () => {
          await runIfDue(db, job, logger);
        });
      } catch (cause) {
        // The database went away or the row could not be written: try again next tick.
        logger?.warn({ job: job.name, err: cause }, 'scheduler tick failed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick().finally(() => {
      running = null;
    });
  }, tickMs);
  timer.unref();
  return {
    async tick() {
      while (running) await running;
      running = tick().finally(() => {
        running = null;
      });
      await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
