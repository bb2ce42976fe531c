'use server';
// The signed-in user's own API tokens: with `read`, the least permission (a viewer makes read-only tokens; the
// scope is capped by lib/api/tokens.ts, not here). The new token is returned once and never stored.
import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken } from '@/lib/api/tokens';
import { createTokenSchema, revokeTokenSchema } from '@/lib/api/token-schema';
import { action } from '@/lib/auth/action';
import { db } from '@/lib/db';

export const createToken = action(
  { permission: 'read', schema: createTokenSchema },
  async (input, { user }): Promise<{ message: string; token: string }> => {
    const { token, record } = await createApiToken(
      { name: input.name, scope: input.access, expiresAt: input.expiresOn ?? null },
      user.id,
      db,
    );
    revalidatePath('/me/tokens');
    const access = record.scope === 'write' ? 'read and write' : 'read-only';
    return {
      message: `Created “${record.name}” (${access}). Copy it now: it is not shown again.`,
      token,
    };
  },
);

export const revokeToken = action(
  { permission: 'read', schema: revokeTokenSchema },
  async (input, { user }) => {
    await revokeApiToken(input.id, user.id, db);
    revalidatePath('/me/tokens');
    return { message: 'Revoked.' };
  },
);
