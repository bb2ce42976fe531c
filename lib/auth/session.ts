import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { REQUEST_ID_HEADER } from '../request-id.ts';
import { getAuth } from './auth.ts';
import { authSecret } from './config.ts';
import { HANDOFF_HEADER, verifyHandoff } from './handoff.ts';
import { safeNextPath } from './next-path.ts';
import { can, isRole, type Permission, type Role } from './permissions.ts';
import { PATHNAME_HEADER } from './session-headers.ts';

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  deactivatedAt: Date | null;
};

/**
 * The signed-in user, looked up in PostgreSQL (session and user row) once per request, by the proxy (which hands
 * its answer on) or here; null when nobody is signed in, the session expired or was deleted, or the account is
 * deactivated.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const requestHeaders = await headers();
  // The proxy accepted this very request's session a moment ago and said so, signed (lib/auth/handoff.ts).
  const handed = verifyHandoff(
    requestHeaders.get(HANDOFF_HEADER),
    requestHeaders.get(REQUEST_ID_HEADER),
    authSecret(),
  );
  if (handed) return { ...handed, deactivatedAt: null };
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { user } = session;
  if (user.deactivatedAt || !isRole(user.role)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, deactivatedAt: null };
});

/** For pages and layouts: the user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const here = safeNextPath((await headers()).get(PATHNAME_HEADER));
  redirect(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`);
}

/** For pages: the user if they hold `permission`; otherwise the 403 page. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, permission)) forbidden();
  return user;
}
