'use server';
// The signed-in user's own notifications and how they reach them (e-mail, feed): any active role (`read`), and
// never another user's. Each write is audited in lib/notify/notifications.ts with the user as actor.
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { db } from '@/lib/db';
import {
  createFeedToken,
  markAllRead,
  markRead,
  revokeFeedToken,
  setEmailFrequency,
} from '@/lib/notify/notifications';
import { emailFrequencySchema, emptySchema, notificationIdSchema } from '@/lib/notify/schemas';
import { publicBaseUrl } from '@/lib/notify/settings';

const PAGE = '/me/notifications';

export const markNotificationRead = action(
  { permission: 'read', schema: notificationIdSchema },
  async (input, { user }) => {
    await markRead(db, user.id, BigInt(input.id));
    revalidatePath(PAGE);
    return { message: 'Marked read.' };
  },
);

export const markAllNotificationsRead = action(
  { permission: 'read', schema: emptySchema },
  async (_input, { user }) => {
    const count = await markAllRead(db, user.id);
    revalidatePath(PAGE);
    return { message: count === 1 ? 'Marked 1 notification read.' : `Marked ${count} notifications read.` };
  },
);

const FREQUENCY_MESSAGES = {
  off: 'No e-mail: notifications stay in the app and your feed.',
  immediate: 'You will be e-mailed as things happen.',
  daily: 'You will get one digest a day.',
} as const;

export const setEmailPreference = action(
  { permission: 'read', schema: emailFrequencySchema },
  async (input, { user }) => {
    await setEmailFrequency(db, user.id, input.emailFrequency);
    revalidatePath(PAGE);
    return { message: FREQUENCY_MESSAGES[input.emailFrequency] };
  },
);

export const createFeedAddress = action(
  { permission: 'read', schema: emptySchema },
  async (_input, { user }): Promise<{ message: string; feedUrl: string }> => {
    const token = await createFeedToken(db, user.id);
    revalidatePath(PAGE);
    return {
      message:
        'Copy the address into your feed reader now: it is not shown again. Any earlier address stopped working.',
      // Without a configured public URL, a path: the page makes it absolute on the address it was loaded from.
      feedUrl: `${publicBaseUrl(process.env, '')}/feeds/${token}.atom`,
    };
  },
);

export const revokeFeedAddress = action(
  { permission: 'read', schema: emptySchema },
  async (_input, { user }) => {
    await revokeFeedToken(db, user.id);
    revalidatePath(PAGE);
    return { message: 'Feed address revoked: feed readers using it now get “not found”.' };
  },
);
