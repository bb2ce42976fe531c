'use server';
// Following a commitment, an agreement or a party: any signed-in user (viewers too, hence `read`), for themselves
// only. Audited in lib/notify/follows.ts with the user as actor.
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { db } from '@/lib/db';
import { follow, unfollow } from '@/lib/notify/follows';
import { followSchema } from '@/lib/notify/schemas';

export const followTarget = action(
  { permission: 'read', schema: followSchema },
  async (input, { user }): Promise<{ message: string; following: boolean }> => {
    await follow(db, user.id, input.target, input.id);
    revalidatePath('/me/following');
    return { message: `Following this ${input.target}.`, following: true };
  },
);

export const unfollowTarget = action(
  { permission: 'read', schema: followSchema },
  async (input, { user }): Promise<{ message: string; following: boolean }> => {
    await unfollow(db, user.id, input.target, input.id);
    revalidatePath('/me/following');
    return { message: `No longer following this ${input.target}.`, following: false };
  },
);
