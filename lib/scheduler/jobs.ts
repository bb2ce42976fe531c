// Every job of the in-app scheduler (lib/scheduler/scheduler.ts). A job gets its database client from its
// context and must not import lib/db.ts: it runs outside any request, from instrumentation.ts.
import { feedsPollJob } from '../feeds/job.ts';
import { notifyJobs } from '../notify/jobs.ts';
import type { Job } from './scheduler.ts';

export const jobs: Job[] = [feedsPollJob, ...notifyJobs];
