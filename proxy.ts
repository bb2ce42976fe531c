// Runs before every request except Next's static files (Node runtime, the default for Next 16's proxy).
// 1. Every path except the sign-in page, Better Auth's endpoints and the health check needs a VALID session,
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
import { authSettings } from '@/lib/auth/config';
import {
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
  newNonce,
} from '@/lib/auth/security-headers';
import { PATHNAME_HEADER } from '@/lib/auth/session-headers';
import { databaseUnavailableResponse, isDatabaseUnavailable } from '@/lib/db-errors';
import { logger, runWithRequestId } from '@/lib/log';
import { cachedPageResponse, pageLookup, rememberSession, rememberedUser } from '@/lib/page-cache-proxy';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/request-id';

function isPublic(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname === '/api/health' ||
    pathname === '/api/auth' ||
    pathname.startsWith('/api/auth/')
  );
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

async function guard(request: NextRequest, requestId: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const https = authSettings().secureCookies;
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development', https });

  let setCookies: string[] = [];
  // The sign-in page looks a browser's session up itself (to send the signed-in on): looked up here first, a
  // database that is down gets the 503 page below rather than a failed render.
  const signInPage = pathname === '/sign-in' && request.method === 'GET';
  if (!isPublic(pathname) || signInPage) {
    // A page the cache may answer: the data's version first, then a session accepted at that very version is
    // not asked about again (lib/page-cache.ts says why that is sound).
    const lookup = signInPage ? null : await pageLookup(request);
    let userId = lookup && rememberedUser(lookup);
    if (!userId) {
      const { headers: authHeaders, response: session } = await getProxyAuth().api.getSession({
        headers: request.headers,
        returnHeaders: true,
      });
      // Refreshed expiry (once a day) or a cleared cookie for a dead session: pass it on to the browser.
      setCookies = authHeaders?.getSetCookie() ?? [];
      if (!signInPage && (!session || session.user.deactivatedAt)) {
        let refusal: NextResponse;
        if (wantsRedirect(request)) {
          const url = new URL('/sign-in', request.url);
          if (pathname !== '/') url.searchParams.set('next', `${pathname}${search}`);
          refusal = NextResponse.redirect(url);
        } else {
          refusal = NextResponse.json(
            { error: 'unauthenticated', message: 'Sign in first.' },
            { status: 401, headers: { 'Cache-Control': 'no-store' } },
          );
        }
        for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) refusal.headers.set(name, value);
        for (const cookie of setCookies) refusal.headers.append('Set-Cookie', cookie);
        return withSecurityHeaders(refusal, csp, https, requestId);
      }
      // A refreshed session cookie must reach the browser with a page rendered for this request.
      if (lookup && session && !setCookies.length) {
        rememberSession(lookup, { userId: session.user.id, expiresAt: new Date(session.session.expiresAt) });
        userId = session.user.id;
      }
    }
    if (lookup && userId) {
      const cached = await cachedPageResponse(request, lookup, userId, nonce, requestId);
      if (cached) {
        for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) cached.headers.set(name, value);
        return withSecurityHeaders(cached, csp, https, requestId);
      }
    }
  }

  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on every script it renders.
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(PATHNAME_HEADER, `${pathname}${search}`);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
  return withSecurityHeaders(response, csp, https, requestId);
}

export const config = {
  // Everything but Next's build output and the favicon. Not "anything with a dot": /reports/*.csv must be guarded.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)'],
};
