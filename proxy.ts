// Runs before every request except Next's static files (Node runtime, the default for Next 16's proxy).
// 1. Every path except the sign-in page, Better Auth's endpoints, the health check and the token API (/api/v1
//    checks each request's bearer token itself and never a cookie; /api/docs documents it) needs a VALID session,
//    looked up in PostgreSQL (not just a cookie that is present): pages redirect to /sign-in?next=…, anything
//    else (server actions, route handlers, API calls) gets 401 JSON. Pages and actions check again themselves
//    (lib/auth/session.ts, lib/auth/action.ts): this is the perimeter, not the only lock.
// 2. Gives the request its id (x-request-id, kept from the client when acceptable) for the log lines it causes.
// 3. Sets the Content-Security-Policy with a fresh nonce, which Next applies to its own scripts.
// 4. While the database cannot be reached, answers 503 itself (a page that retries, or JSON) instead of a 500.
// 5. Answers a signed-in user's GET of a dashboard or list from the page cache while the data has not changed
//    (lib/page-cache.ts), rendering it through the cache when it is not there.
import { NextResponse, type NextRequest } from 'next/server';
import { getProxyAuth } from '@/lib/auth/auth';
import { authSecret, authSettings } from '@/lib/auth/config';
import { HANDOFF_HEADER, signHandoff, type HandedUser } from '@/lib/auth/handoff';
import { isRole } from '@/lib/auth/permissions';
import {
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
  newNonce,
} from '@/lib/auth/security-headers';
import { PATHNAME_HEADER } from '@/lib/auth/session-headers';
import { databaseUnavailableResponse, isDatabaseUnavailable } from '@/lib/db-errors';
import { logger, runWithRequestId } from '@/lib/log';
import {
  cachedPageResponse,
  pageLookup,
  rememberSession,
  rememberedUser,
  sessionLookup,
  type PageLookup,
} from '@/lib/page-cache-proxy';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/request-id';

function isPublic(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname === '/api/health' ||
    isTokenApi(pathname) ||
    pathname === '/api/auth' ||
    pathname.startsWith('/api/auth/') ||
    // A user's Atom feed and the e-mails' unsubscribe link: each checks its own token (lib/notify/tokens.ts).
    /^\/feeds\/[^/]+\.atom$/.test(pathname) ||
    pathname.startsWith('/unsubscribe/')
  );
}

/** The token API and its reference: lib/api/handler.ts checks the bearer token; no session, no page cache. */
function isTokenApi(pathname: string): boolean {
  return pathname === '/api/v1' || pathname.startsWith('/api/v1/') || pathname === '/api/docs';
}

/** Navigations (and the client router's RSC fetches) get a redirect; everything else a status code. */
function wantsRedirect(request: NextRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') && !request.nextUrl.pathname.startsWith('/api/')
  );
}

function withSecurityHeaders(
  response: NextResponse,
  csp: string,
  https: boolean,
  requestId: string,
): NextResponse {
  // A page rendered through the cache keeps the policy whose nonce it was rendered with.
  if (!response.headers.has('Content-Security-Policy')) response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  // The session lookup's query log lines carry the request id too.
  return runWithRequestId(requestId, async () => {
    try {
      return await guard(request, requestId);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      logger.warn(
        { method: request.method, path: request.nextUrl.pathname },
        'database unavailable: answered 503',
      );
      const refusal = databaseUnavailableResponse(request, requestId);
      for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) refusal.headers.set(name, value);
      return refusal;
    }
  });
}

/**
 * The guard in three steps, each on its own: authenticate (or refuse), answer from the page cache, pass the request
 * on to Next. Every response leaves with this request's CSP and id.
 */
async function guard(request: NextRequest, requestId: string): Promise<NextResponse> {
  const https = authSettings().secureCookies;
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development', https });
  const finish = (response: NextResponse) => withSecurityHeaders(response, csp, https, requestId);

  const auth = await authenticate(request);
  if ('refusal' in auth) return finish(auth.refusal);
  const cached = await fromPageCache(request, auth.cacheable, nonce, requestId);
  if (cached) return finish(cached);
  return finish(passThrough(request, auth, { csp, nonce, requestId }));
}

/** A signed-in user's request the page cache may answer: its lookup, and the user the session belongs to. */
type Cacheable = { lookup: PageLookup; userId: string };

type Authenticated = {
  /** Better Auth's Set-Cookie headers (a refreshed expiry, a cleared cookie), for the browser. */
  setCookies: string[];
  cacheable: Cacheable | null;
  /** The user whose session was just accepted, handed to the page (lib/auth/handoff.ts); null when none was. */
  user: HandedUser | null;
};

/**
 * Step 1. Every path but the public ones needs a valid session, looked up in PostgreSQL: without one, a refusal.
 * The data's version is read first; a session accepted at that very version is not asked about again
 * (lib/page-cache.ts says why that is sound), and a page the cache may answer is looked up under it.
 */
async function authenticate(request: NextRequest): Promise<Authenticated | { refusal: NextResponse }> {
  const { pathname } = request.nextUrl;
  // The sign-in page looks a browser's session up itself (to send the signed-in on): looked up here first, a
  // database that is down gets the 503 page rather than a failed render.
  const signInPage = pathname === '/sign-in' && request.method === 'GET';
  if (isPublic(pathname) && !signInPage) return { setCookies: [], cacheable: null, user: null };

  const session = signInPage ? null : await sessionLookup(request);
  const lookup = pageLookup(request, session);
  const remembered = session && rememberedUser(session);
  if (remembered)
    return { setCookies: [], cacheable: lookup && { lookup, userId: remembered.id }, user: remembered };

  const { headers: authHeaders, response: accepted } = await getProxyAuth().api.getSession({
    headers: request.headers,
    returnHeaders: true,
  });
  // Refreshed expiry (once a day) or a cleared cookie for a dead session: pass it on to the browser.
  const setCookies = authHeaders?.getSetCookie() ?? [];
  if (!signInPage && (!accepted || accepted.user.deactivatedAt))
    return { refusal: refusal(request, setCookies) };
  const user: HandedUser | null =
    accepted && !accepted.user.deactivatedAt && isRole(accepted.user.role)
      ? {
          id: accepted.user.id,
          name: accepted.user.name,
          email: accepted.user.email,
          role: accepted.user.role,
        }
      : null;
  // A refreshed session cookie must reach the browser with a page rendered for this request: no cache then.
  if (!session || !user || !accepted || setCookies.length) return { setCookies, cacheable: null, user };
  rememberSession(session, { user, expiresAt: new Date(accepted.session.expiresAt) });
  return { setCookies, cacheable: lookup && { lookup, userId: user.id }, user };
}

/** No valid session: pages redirect to /sign-in?next=…, anything else gets 401 JSON. */
function refusal(request: NextRequest, setCookies: string[]): NextResponse {
  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (wantsRedirect(request)) {
    const url = new URL('/sign-in', request.url);
    if (pathname !== '/') url.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.json(
      { error: 'unauthenticated', message: 'Sign in first.' },
      { status: 401, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
  return response;
}

/**
 * Step 2. A signed-in user's GET of a dashboard or list, from the page cache or rendered through it; null when the
 * request is not one the cache answers, or the cache could not (Next then renders it as usual).
 */
async function fromPageCache(
  request: NextRequest,
  cacheable: Cacheable | null,
  nonce: string,
  requestId: string,
): Promise<NextResponse | null> {
  if (!cacheable) return null;
  const cached = await cachedPageResponse(request, cacheable.lookup, cacheable.userId, nonce, requestId);
  if (!cached) return null;
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) cached.headers.set(name, value);
  return cached;
}

/**
 * Step 3. On to Next, with the nonce it puts on every script it renders (read from the request's CSP header), the
 * path for the pages' own session check, the request id, the user the proxy just accepted (signed, so the page
 * need not ask Better Auth again: lib/auth/handoff.ts), and Better Auth's cookies for the browser.
 */
function passThrough(
  request: NextRequest,
  { setCookies, user }: Authenticated,
  { csp, nonce, requestId }: { csp: string; nonce: string; requestId: string },
): NextResponse {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(PATHNAME_HEADER, `${pathname}${search}`);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // Only the proxy vouches for a user: whatever a client sent under this name is dropped.
  requestHeaders.delete(HANDOFF_HEADER);
  if (user) requestHeaders.set(HANDOFF_HEADER, signHandoff(user, requestId, authSecret()));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
  return response;
}

export const config = {
  // Everything but Next's build output and the favicon. Not "anything with a dot": /reports/*.csv must be guarded.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)'],
};
