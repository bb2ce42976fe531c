import 'server-only';
import { db } from '../db.ts';
import { createAuth, type Auth } from './create-auth.ts';

// Built on first use, not at import: `next build` imports this module without BETTER_AUTH_SECRET or a database,
// and a missing secret should fail the first request that needs it with a clear message, not the build.
let instance: Auth | undefined;
let proxyInstance: Auth | undefined;

/** For server components, server actions and route handlers. */
export function getAuth(): Auth {
  instance ??= createAuth(db);
  return instance;
}

/** For proxy.ts: same configuration without the Next cookie bridge; the proxy sets cookies on its own response. */
export function getProxyAuth(): Auth {
  proxyInstance ??= createAuth(db, { nextCookies: false }) as unknown as Auth;
  return proxyInstance;
}
