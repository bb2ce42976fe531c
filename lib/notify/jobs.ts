// The scheduler's notification jobs (registered in lib/scheduler/jobs.ts). Each gets its client from the context.
import type { Job } from '../scheduler/scheduler.ts';
import { writeDailyEvents } from './daily-events.ts';
import { sendDailyDigests, sendImmediateEmails } from './email-jobs.ts';
import { immediateMailEveryMs } from './settings.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const notifyJobs: Job[] = [
  // Overdue, due soon, stale, contradicted: once per episode however many instances run it (event keys).
  {
    name: 'notify.daily-events',
    everyMs: DAY_MS,
    run: ({ db, now }) => writeDailyEvents(db, { now }).then(() => {}),
  },
  {
    name: 'notify.email-immediate',
    everyMs: immediateMailEveryMs(),
    run: ({ db, now }) => sendImmediateEmails(db, { now }).then(() => {}),
  },
  {
    name: 'notify.email-daily',
    everyMs: DAY_MS,
    run: ({ db, now }) => sendDailyDigests(db, { now }).then(() => {}),
  },
];
