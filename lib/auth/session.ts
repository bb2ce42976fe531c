import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { dataVersion } from '../data-version.ts';
import { SessionMemo, pageCacheBytes, sessionKey, sessionValidUntil } from '../page-cache.ts';
import { getAuth } from './auth.ts';
import { SESSION_EXPIRES_IN, SESSION_UPDATE_AGE } from './create-auth.ts';
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
 * Users whose session Better Auth accepted, by the session cookie's hash, at one data version (the same rules as
 * the proxy's, lib/page-cache.ts): a deleted session, a deactivated account or a changed role is a write, which
 * moves the version, so the next request asks Better Auth again; so does one past the session's expiry or due for
 * its daily refresh. Saves the second session lookup of every request the proxy has already checked. Off, like
 * every cache of the app, with PACTWATCH_PAGE_CACHE_MB=0.
 */
const accepted = pageCacheBytes() ? new SessionMemo<CurrentUser>(10_000) : null;

/**
 * The signed-in user, looked up in PostgreSQL (session and user row) once per request; null when nobody is
 * signed in, the session expired or was deleted, or the account is deactivated.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const requestHeaders = await headers();
  const auth = getAuth();
  const key = sessionKey(requestHeaders.get('cookie'), (await auth.$context).authCookies.sessionToken.name);
  if (!key) return null;
  const version = accepted && (await dataVersion());
  const remembered = version ? accepted.get(key, version) : null;
  if (remembered) return remembered;

  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { user } = session;
  if (user.deactivatedAt || !isRole(user.role)) return null;
  const current: CurrentUser = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    deactivatedAt: null,
  };
  if (version) {
    accepted.set(key, {
      value: current,
      version,
      validUntil: sessionValidUntil(
        new Date(session.session.expiresAt),
        SESSION_EXPIRES_IN,
        SESSION_UPDATE_AGE,
      ),
    });
  }
  return current;
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
