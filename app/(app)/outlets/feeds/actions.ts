'use server';
// An outlet's feeds: add, remove, "check now" (makes the poll job due: the scheduler's next tick polls every
// feed). Analysts and admins; each write is audited in its transaction (lib/feeds/feeds.ts).
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { addOutletFeed, checkFeedsNow, removeOutletFeed } from '@/lib/feeds/feeds';
import { addFeedSchema, checkFeedsSchema, feedSchema } from '@/lib/feeds/schemas';

function revalidateFeeds(outletId: number): void {
  revalidatePath(`/outlets/${outletId}`);
  revalidatePath('/inbox');
}

export const addFeed = action({ permission: 'write', schema: addFeedSchema }, async (input, { user }) => {
  const feed = await addOutletFeed(input, user.id);
  revalidateFeeds(feed.outletId);
  return { message: `Watching ${feed.url}: its items arrive in the Inbox shortly.` };
});

export const removeFeed = action({ permission: 'write', schema: feedSchema }, async (input, { user }) => {
  const feed = await removeOutletFeed(input, user.id);
  revalidateFeeds(feed.outletId);
  return { message: `Stopped watching ${feed.title ?? feed.url}.` };
});

export const checkFeeds = action(
  { permission: 'write', schema: checkFeedsSchema },
  async (input, { user }) => {
    const outlet = await checkFeedsNow(input, user.id);
    revalidateFeeds(outlet.id);
    return { message: `${outlet.name}’s feeds are checked within a minute; reload to see what arrived.` };
  },
);
