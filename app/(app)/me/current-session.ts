import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getAuth } from '@/lib/auth/auth';

/**
 * The id (not the token: that stays in the HttpOnly cookie) of the session this request was made in. The
 * password form carries it so that changing the password keeps this session signed in and ends the others.
 * Trusting the form with it is safe: the change runs only with the current password, and ends every session of
 * that user but the named one, so a forged id can at most spare another session of the same user, or none.
 */
export const getCurrentSessionId = cache(async (): Promise<string | null> => {
  const session = await getAuth().api.getSession({ headers: await headers() });
  return session?.session.id ?? null;
});
