// proxy.ts's side of the page cache (lib/page-cache.ts explains it): reads the data version, remembers the
// sessions Better Auth accepted at it, answers from the cache, or has the page rendered by this same server and
// keeps the result.
//
// The proxy cannot see the body of the response Next renders after it, so a miss asks the server for the page
// itself, over loopback, marked with a per-process secret so that this inner request renders normally. The inner
// request carries the browser's own headers (cookie included): it is checked and rendered like any other.
import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { getProxyAuth } from '@/lib/auth/auth';
import type { HandedUser } from '@/lib/auth/handoff';
import { SESSION_EXPIRES_IN, SESSION_UPDATE_AGE } from '@/lib/auth/create-auth';
import { dataVersion } from '@/lib/data-version';
import { formatDay, today } from '@/lib/domain/dates';
import { logger } from '@/lib/log';
import {
  PAGE_CACHE_HEADER,
  PageCache,
  VersionedMemo,
  isCacheableRequest,
  keptHeaders,
  nonceOf,
  outerLocation,
  pageCacheBytes,
  pageKey,
  sessionKey,
  sessionValidUntil,
  withNonce,
  type CachedPage,
} from '@/lib/page-cache';
import { REQUEST_ID_HEADER } from '@/lib/request-id';

const RENDER_HEADER = 'x-pactwatch-page-render';
const renderSecret = crypto.randomUUID();

const maxBytes = pageCacheBytes();
const cache = maxBytes ? new PageCache(maxBytes) : null;
const sessions = new VersionedMemo<HandedUser>(10_000);

/** How many session checks are remembered (for tests: junk in the Cookie header must not add any). */
export function rememberedSessionCount(): number {
  return sessions.size;
}

/** The name of the cookie Better Auth reads the session token from (it depends on secure cookies). */
async function sessionCookieName(): Promise<string> {
  return (await getProxyAuth().$context).authCookies.sessionToken.name;
}

/**
 * The address this server renders its own pages at: PACTWATCH_INTERNAL_ORIGIN (npm start, the test runner and the
 * bench set it), else http://127.0.0.1:$PORT when the server listens there (no HOSTNAME, a wildcard or loopback).
 * Ours, never a private Next.js variable. Without one (next dev, an unknown bind) nothing is cached.
 */
export function ownOrigin(env: Record<string, string | undefined> = process.env): string | null {
  if (env.NODE_ENV !== 'production') return null;
  if (env.PACTWATCH_INTERNAL_ORIGIN) return env.PACTWATCH_INTERNAL_ORIGIN.replace(/\/+$/, '');
  const host = env.HOSTNAME ?? '';
  const loopback = ['', '0.0.0.0', '::', '[::]', '127.0.0.1', 'localhost'].includes(host);
  return env.PORT && /^\d+$/.test(env.PORT) && loopback ? `http://127.0.0.1:${env.PORT}` : null;
}

/** This server asking itself for a page on behalf of the cache: render it, do not look it up. */
function isPageRender(request: NextRequest): boolean {
  return request.headers.get(RENDER_HEADER) === renderSecret;
}

/** A request with a session cookie: that cookie's key and the data version, read first thing. */
export type SessionLookup = { version: string; sessionKey: string };

/** A request the page cache may answer, with the data's version it was made at. */
export type PageLookup = SessionLookup & { origin: string };

/**
 * For any request with a session cookie (while the caches are on): the data version (lib/data-version.ts), read
 * before anything else of this request, so that whatever is read after it is at least as new, and the key of the
 * session cookie. Otherwise null (without a session cookie Better Auth refuses the request anyway).
 */
export async function sessionLookup(request: NextRequest): Promise<SessionLookup | null> {
  if (!maxBytes || !request.headers.has('cookie')) return null;
  const key = sessionKey(request.headers.get('cookie'), await sessionCookieName());
  if (!key) return null;
  const version = await dataVersion();
  return version === null ? null : { version, sessionKey: key };
}

/** For a GET of a cacheable page (cache on, not the cache's own render): the lookup the page cache uses. */
export function pageLookup(request: NextRequest, session: SessionLookup | null): PageLookup | null {
  const origin = ownOrigin();
  if (!session || !cache || !origin || isPageRender(request)) return null;
  const { pathname } = request.nextUrl;
  if (!isCacheableRequest({ method: request.method, pathname, headers: request.headers })) return null;
  return { ...session, origin };
}

/** The user whose session Better Auth accepted for this very session cookie at this data version, if it did. */
export function rememberedUser(lookup: SessionLookup): HandedUser | null {
  return sessions.get(lookup.sessionKey, lookup.version);
}

/** Remembers a session Better Auth has just accepted for this request. */
export function rememberSession(lookup: SessionLookup, session: { user: HandedUser; expiresAt: Date }): void {
  sessions.set(lookup.sessionKey, {
    value: session.user,
    version: lookup.version,
    validUntil: sessionValidUntil(session.expiresAt, SESSION_EXPIRES_IN, SESSION_UPDATE_AGE),
  });
}

/**
 * The response for a signed-in user's GET of a cacheable page: from the cache, or rendered through it; null to
 * let Next render it as usual (the inner request failed). `nonce` is this response's CSP nonce.
 */
export async function cachedPageResponse(
  request: NextRequest,
  lookup: PageLookup,
  userId: string,
  nonce: string,
  requestId: string,
): Promise<NextResponse | null> {
  if (!cache) return null;
  const { pathname, search } = request.nextUrl;
  const key = pageKey(userId, `${pathname}${search}`, formatDay(today()));
  // The render that fills the cache answers the request that asked for it, even when it cannot be kept.
  let own: NextResponse | null = null;
  try {
    const { page, hit } = await cache.getOrRender(key, lookup.version, async () => {
      const rendered = await renderPage(lookup.origin, request, requestId);
      own = rendered.response;
      return rendered.page ? { ...rendered.page, version: lookup.version } : null;
    });
    if (own) return own;
    if (!page) return null;
    const response = new NextResponse(withNonce(page, nonce), { status: 200, headers: page.headers });
    response.headers.set(PAGE_CACHE_HEADER, hit ? 'hit' : 'shared');
    return response;
  } catch (error) {
    logger.warn(
      { err: error, path: pathname },
      'page cache: rendering through the cache failed; rendering directly',
    );
    return null;
  }
}

async function renderPage(
  origin: string,
  request: NextRequest,
  requestId: string,
): Promise<{ response: NextResponse; page: Omit<CachedPage, 'version'> | null }> {
  const headers = new Headers(request.headers);
  for (const name of ['host', 'connection', 'content-length', 'accept-encoding']) headers.delete(name);
  headers.set(RENDER_HEADER, renderSecret);
  headers.set(REQUEST_ID_HEADER, requestId);
  const { pathname, search } = request.nextUrl;
  const innerUrl = new URL(`${pathname}${search}`, origin);
  const inner = await fetch(innerUrl, { headers, redirect: 'manual', cache: 'no-store' });
  const bytes = await inner.arrayBuffer();
  const body = Buffer.from(bytes);
  const kept = keptHeaders(inner.headers);
  const csp = inner.headers.get('content-security-policy');

  const response = new NextResponse(inner.status === 204 || inner.status === 304 ? null : bytes, {
    status: inner.status,
    headers: kept,
  });
  // A redirect the page made (a canonical query, the sign-in page) may be relative or on the inner request's
  // address; the browser gets it absolute, on its own address.
  const location = inner.headers.get('location');
  if (location !== null) {
    const outer = outerLocation(location, innerUrl.href, request.url);
    if (outer === null) throw new Error('the page answered with a Location that is not a URL');
    response.headers.set('location', outer);
  }
  // The page carries the inner response's nonce: so must this response's policy.
  if (csp) response.headers.set('Content-Security-Policy', csp);
  for (const cookie of inner.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
  response.headers.set(PAGE_CACHE_HEADER, 'miss');

  const nonce = nonceOf(csp);
  const cacheable =
    inner.status === 200 &&
    nonce !== null &&
    !inner.headers.has('set-cookie') &&
    (inner.headers.get('content-type') ?? '').startsWith('text/html');
  return { response, page: cacheable ? { nonce, headers: kept, body } : null };
}
