// The forms of outlets' feeds and of the Inbox (app/(app)/outlets/feeds/actions.ts, app/(app)/inbox/actions.ts).
import * as z from 'zod';
import { idField, recordIdField, requiredText } from '../validation/fields.ts';

export const FEED_URL_MAX = 2_000;

/** A feed's address: http(s) only, stored as the URL parser writes it (so one feed is not added twice by case). */
const feedUrlSchema = requiredText('Enter the address of the outlet’s RSS or Atom feed.', FEED_URL_MAX, {
  oneLine: true,
}).transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Enter a full address starting with http:// or https://.' });
    return z.NEVER;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({
      code: 'custom',
      message: `Only http:// and https:// feeds are read, not ${url.protocol} ones.`,
    });
    return z.NEVER;
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the address.' });
    return z.NEVER;
  }
  url.hash = '';
  if (url.href.length > FEED_URL_MAX) {
    ctx.addIssue({ code: 'custom', message: 'That address is too long.' });
    return z.NEVER;
  }
  return url.href;
});

const outletIdField = idField('This form does not say which outlet it is for: reload the page.');

export const addFeedSchema = z.object({ outletId: outletIdField, url: feedUrlSchema });
export type AddFeedInput = z.output<typeof addFeedSchema>;

export const feedSchema = z.object({ outletId: outletIdField, id: recordIdField });
export type FeedInput = z.output<typeof feedSchema>;

export const checkFeedsSchema = z.object({ outletId: outletIdField });
export type CheckFeedsInput = z.output<typeof checkFeedsSchema>;

export const inboxItemSchema = z.object({ id: recordIdField });
export type InboxItemInput = z.output<typeof inboxItemSchema>;
