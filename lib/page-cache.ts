// Whole-page cache for the read-only pages (dashboards and lists), used by proxy.ts.
//
// Rendering a dashboard costs the server 70–250 ms of CPU (React renders it twice: the RSC payload, then HTML from
// it), far more than its SQL. Most loads of a page show the same data as the last one, so the rendered HTML is
// kept, per user and page, and sent again for as long as the database has not changed.
//
// "Has not changed" is the database's own word: the key carries its data version (lib/data-version.ts), which
// triggers raise at the commit of every transaction that wrote to this database, whoever wrote it (this server,
// another instance, an import, psql), in the same instant as the data becomes visible. Equal versions mean the
// same committed data, so a hit can never show a stale page; a write is a miss for everyone, never a stale hit.
// The page itself is read after the version, so an entry may only be newer than its key, and the version only
// grows. Writes to other databases on the same server do not move it (docs/decisions/019-data-version.md).
//
// Per user, because the header names the user and writers see edit controls; the session is checked before the
// cache is consulted, so a signed-out or deactivated user never reaches it. The nonce of the Content-Security-
// Policy is fresh in every response: the cached page's nonce (a 128-bit random value) is replaced by the new one.
//
// The session check itself (Better Auth: signed cookie, session and user rows) costs more CPU than serving the
// page. Its answer is remembered too (for every request, not only these), under the same version: keyed by a hash of the session
// cookie Better Auth accepted (the only cookie it reads to find a session; the rest of the header, junk included,
// cannot change its answer and makes no new entry), while the database is unchanged (a deleted session or
// deactivated user is a write), the session has not expired and is not due for the refresh Better Auth would
// write. Refusals are never remembered.
//
// What is cached: a GET of a listed page by a browser (not Next's client-side RSC requests, which depend on the
// router state) whose render answered 200 text/html without setting a cookie. Every other answer of that render
// (a redirect, 404, 503) goes to the browser as it is, its Location made absolute (a proxy's answer must be).
// PACTWATCH_PAGE_CACHE_MB bounds the memory (default 64; 0 turns the cache off); least recently used pages go first.
import { createHash } from 'node:crypto';

/** Pages whose HTML depends only on the data, the user, the day and the URL. Forms and admin screens are not here. */
const CACHEABLE_PATHS = [
  /^\/$/,
  /^\/agreements(?:\/\d+)?$/,
  /^\/commitments(?:\/\d+)?$/,
  /^\/parties(?:\/\d+)?$/,
  /^\/evidence(?:\/\d+)?$/,
  /^\/search$/,
];

/** Response headers of the render that are not kept: each response sets its own. */
const UNCACHED_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'content-security-policy',
  'date',
  'keep-alive',
  'set-cookie',
  'strict-transport-security',
  'transfer-encoding',
  'x-request-id',
]);

export const PAGE_CACHE_HEADER = 'x-pactwatch-page-cache';

export type CachedPage = {
  /** The data version read before the page was rendered. */
  version: string;
  /** The CSP nonce the page was rendered with. */
  nonce: string;
  headers: [string, string][];
  /** The HTML as UTF-8: sent as bytes, it is not re-encoded for every response. */
  body: Buffer;
};

export function pageCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.PACTWATCH_PAGE_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
}

/**
 * Whether a request may be answered from the cache: a browser's GET of a listed page (its Accept names HTML). Next's
 * client router fetches the RSC payload of a client-side navigation or prefetch with `RSC: 1`, but Next removes
 * that header (and `_rsc`) before the proxy sees the request; what remains is its Accept, any type, where a page load
 * asks for text/html. Those fetches render as usual.
 */
export function isCacheableRequest(request: { method: string; pathname: string; headers: Headers }): boolean {
  if (request.method !== 'GET') return false;
  if (!request.headers.get('accept')?.includes('text/html')) return false;
  if (request.headers.has('rsc') || request.headers.has('next-router-state-tree')) return false;
  if (request.headers.has('next-action') || request.headers.has('next-router-prefetch')) return false;
  return CACHEABLE_PATHS.some((pattern) => pattern.test(request.pathname));
}

/** The key of a page for one user: the URL with its query (filters, page, as-of), and the day ("today" moves). */
export function pageKey(userId: string, pathAndQuery: string, day: string): string {
  return `${userId}\n${day}\n${pathAndQuery}`;
}

/**
 * The Location of the render's answer as the browser's answer carries it: absolute, because Next parses a proxy's
 * Location as a URL without a base (a relative one is a 500), and on the browser's own address when it points at
 * this server (the render was asked for over loopback). Null when it is not a URL at all.
 */
export function outerLocation(location: string, innerUrl: string, requestUrl: string): string | null {
  let target: URL;
  try {
    target = new URL(location, innerUrl);
  } catch {
    return null;
  }
  if (target.origin !== new URL(innerUrl).origin) return target.href;
  // Part by part: a path such as `//elsewhere` must stay a path, not become a host.
  const outer = new URL(requestUrl);
  outer.pathname = target.pathname;
  outer.search = target.search;
  outer.hash = target.hash;
  return outer.href;
}

/** The nonce in a Content-Security-Policy header, if any. */
export function nonceOf(csp: string | null): string | null {
  return csp ? (/'nonce-([^']+)'/.exec(csp)?.[1] ?? null) : null;
}

/** Keeps a rendered response's headers for later copies, minus the per-response ones. */
export function keptHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => !UNCACHED_HEADERS.has(name.toLowerCase()));
}

/** The cached HTML with its old nonce replaced by this response's (both base64, so ASCII). */
export function withNonce(page: CachedPage, nonce: string): Uint8Array<ArrayBuffer> {
  const { body } = page;
  const replacement = Buffer.from(nonce, 'latin1');
  const starts: number[] = [];
  for (let at = body.indexOf(page.nonce, 0, 'latin1'); at !== -1;) {
    starts.push(at);
    at = body.indexOf(page.nonce, at + page.nonce.length, 'latin1');
  }
  const out = new Uint8Array(body.length + starts.length * (replacement.length - page.nonce.length));
  let from = 0;
  let to = 0;
  for (const at of starts) {
    out.set(body.subarray(from, at), to);
    to += at - from;
    out.set(replacement, to);
    to += replacement.length;
    from = at + page.nonce.length;
  }
  out.set(body.subarray(from), to);
  return out;
}

/**
 * Least-recently-used pages by key, bounded in bytes. One entry per key: a page
 * rendered for a newer version replaces the older one, which no request can match again.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly pending = new Map<string, Promise<CachedPage | null>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string, version: string): CachedPage | null {
    const page = this.entries.get(key);
    if (!page || page.version !== version) return null;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    const size = sizeOf(key, page);
    if (size > this.maxBytes) return;
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, entry);
    }
  }

  delete(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(key, page);
  }

  /**
   * The page for `key` at `version`: cached, or rendered by `render` (null: not cacheable) and kept. Concurrent
   * misses for the same key and version share one render.
   */
  async getOrRender(
    key: string,
    version: string,
    render: () => Promise<CachedPage | null>,
  ): Promise<{ page: CachedPage | null; hit: boolean }> {
    const cached = this.get(key, version);
    if (cached) return { page: cached, hit: true };
    const flightKey = `${key}\n${version}`;
    let flight = this.pending.get(flightKey);
    if (!flight) {
      flight = render()
        .then((page) => {
          if (page) this.set(key, page);
          return page;
        })
        .finally(() => this.pending.delete(flightKey));
      this.pending.set(flightKey, flight);
    }
    return { page: await flight, hit: false };
  }
}

function sizeOf(key: string, page: CachedPage): number {
  let size = page.body.length + (key.length + page.version.length + page.nonce.length) * 2;
  for (const [name, value] of page.headers) size += (name.length + value.length) * 2;
  return size;
}

/**
 * An answer remembered at one data version (a session Better Auth accepted, a picker's options), and until when it
 * may stand at most (a session's expiry or refresh; none for answers that only the data can change).
 */
export type VersionedEntry<T> = { value: T; version: string; validUntil?: number };

/** The moment a remembered session must be checked again: expiry, or when Better Auth would refresh it. */
export function sessionValidUntil(
  expiresAt: Date,
  expiresInSeconds: number,
  updateAgeSeconds: number,
): number {
  const refreshAt = expiresAt.getTime() - expiresInSeconds * 1000 + updateAgeSeconds * 1000;
  return Math.min(expiresAt.getTime(), refreshAt);
}

/**
 * The key a session check is remembered under: a hash of the values of the session cookie (`cookieName`, as Better
 * Auth names it), every one of them in order, so that equal keys mean Better Auth reads the same token. Nothing
 * else in the Cookie header goes in: Better Auth finds the session by that cookie alone (its cookie cache is off),
 * and a client adding junk cookies must not make new entries. Null when the header has no such cookie.
 */
export function sessionKey(cookieHeader: string | null, cookieName: string): string | null {
  if (!cookieHeader) return null;
  const values: string[] = [];
  for (const pair of cookieHeader.split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === cookieName)
      values.push(pair.slice(equals + 1).trim());
  }
  if (!values.length) return null;
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url');
}

/**
 * Answers by key, each for the data version it was made at only (and until its validUntil); least recently used
 * dropped past `max`. The proxy keeps accepted sessions here by `sessionKey` (a fixed-size key, whatever the
 * request carried, so `max` bounds the bytes too); lib/search/options-route.ts keeps the pickers' answers.
 */
export class VersionedMemo<T = string> {
  private readonly entries = new Map<string, VersionedEntry<T>>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: string, now = Date.now()): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.version !== version || now >= (entry.validUntil ?? Infinity)) {
      this.entries.delete(key);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, entry: VersionedEntry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
    }
  }
}
