// The scheduler's job that polls every outlet feed (lib/feeds/poll.ts). "Check now" on an outlet's page makes it
// due (makeDue), so the next tick of any instance polls.
import type { Job } from '../scheduler/scheduler.ts';
import { pollFeeds } from './poll.ts';

export const FEEDS_POLL_JOB = 'feeds.poll';

/** How often feeds are polled: PACTWATCH_FEED_POLL_MINUTES (default 30, at least 1). */
export function feedPollEveryMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.PACTWATCH_FEED_POLL_MINUTES?.trim() || 30);
  return (Number.isFinite(minutes) && minutes >= 1 ? minutes : 30) * 60_000;
}

export const feedsPollJob: Job = {
  name: FEEDS_POLL_JOB,
  everyMs: feedPollEveryMs(),
  async run({ db, now }) {
    await pollFeeds(db, { now });
  },
};
