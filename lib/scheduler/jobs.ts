// Every job of the in-app scheduler (lib/scheduler/scheduler.ts). A job gets its database client from its
// context and must not import lib/db.ts: it runs outside any request, from instrumentation.ts.
import { keepSnapshotMonths } from '../data/snapshots.ts';
import { feedsPollJob } from '../feeds/job.ts';
import { notifyJobs } from '../notify/jobs.ts';
import type { Job } from './scheduler.ts';

/** Keeps the per-party statuses at the last month-ends for the party dashboard's chart (lib/data/snapshots.ts). */
const snapshotsJob: Job = {
  name: 'status.snapshots',
  everyMs: 24 * 60 * 60 * 1000,
  run: ({ db, now }) => keepSnapshotMonths(db, now),
};

export const jobs: Job[] = [feedsPollJob, ...notifyJobs, snapshotsJob];
