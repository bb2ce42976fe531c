'use server';
// Dismissing an Inbox item (and undoing it): analysts and admins, audited (lib/feeds/inbox.ts).
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { dismissInboxItem as dismiss, restoreInboxItem as restore } from '@/lib/feeds/inbox';
import { inboxItemSchema } from '@/lib/feeds/schemas';

export const dismissInboxItem = action(
  { permission: 'write', schema: inboxItemSchema },
  async (input, { user }) => {
    const item = await dismiss(input, user.id);
    revalidatePath('/inbox');
    return { message: `Dismissed “${item.title}”.`, itemId: item.id };
  },
);

export const restoreInboxItem = action(
  { permission: 'write', schema: inboxItemSchema },
  async (input, { user }) => {
    const item = await restore(input, user.id);
    revalidatePath('/inbox');
    return { message: `Restored “${item.title}” to the Inbox.`, itemId: item.id };
  },
);
