// Starts the in-app scheduler in a server process (called from lib/instrumentation-node.ts). It has its own pool
// of two connections, so jobs never take a connection that pages and actions wait for.
import { randomUUID } from 'node:crypto';
import { databaseUrl } from '../config.ts';
import { createDatabaseClient } from '../db-client.ts';
import { logger, runWithRequestId } from '../log.ts';
import { jobs } from './jobs.ts';
import { startScheduler } from './scheduler.ts';

/** PACTWATCH_SCHEDULER=off leaves this process without a scheduler (another instance, or a script, runs jobs). */
function schedulerEnabled(): boolean {
  return process.env.PACTWATCH_SCHEDULER !== 'off';
}

/** How often each process looks for due jobs (PACTWATCH_SCHEDULER_TICK_MS, default 15 s). */
function schedulerTickMs(): number {
  const value = Number(process.env.PACTWATCH_SCHEDULER_TICK_MS ?? 15_000);
  return Number.isFinite(value) && value >= 100 ? value : 15_000;
}

export function startAppScheduler(): void {
  if (!schedulerEnabled() || jobs.length === 0) return;
  const db = createDatabaseClient({ connectionString: databaseUrl(), max: 2 });
  const scheduler = startScheduler({
    db,
    jobs,
    tickMs: schedulerTickMs(),
    logger,
    // Each turn's log lines (its queries included) carry an id of their own, as a request's do.
    around: (job, turn) => runWithRequestId(`job:${job.name}:${randomUUID().slice(0, 8)}`, turn),
  });
  logger.info({ jobs: jobs.map((job) => job.name), tickMs: schedulerTickMs() }, 'scheduler started');
  const stop = () => void scheduler.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
