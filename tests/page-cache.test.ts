// The page cache's bookkeeping (lib/page-cache.ts): which requests it may answer, versions, the memory bound,
// one render for concurrent misses, the nonce swap, redirects and the remembered sessions' key.
// tests/page-cache-proxy.test.ts drives proxy.ts with it; e2e/page-cache.spec.ts drives it through the real app.
import { describe, expect, it } from 'vitest';
import {
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
} from '../lib/page-cache.ts';

function page(version: string, html = '<p>page</p>', nonce = 'n0nce+/='): CachedPage {
  return { version, nonce, headers: [['content-type', 'text/html; charset=utf-8']], body: Buffer.from(html) };
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const get = (pathname: string, headers: Record<string, string> = {}) => ({
  method: 'GET',
  pathname,
  headers: new Headers({ accept: BROWSER_ACCEPT, ...headers }),
});

describe('isCacheableRequest', () => {
  it('takes browser GETs of the dashboards and lists', () => {
    for (const pathname of [
      '/',
      '/agreements',
      '/agreements/12',
      '/commitments',
      '/commitments/80',
      '/parties/1',
      '/evidence/3',
    ]) {
      expect(isCacheableRequest(get(pathname)), pathname).toBe(true);
    }
  });

  it('leaves forms, admin screens, reports and unknown paths to render', () => {
    for (const pathname of [
      '/commitments/80/edit',
      '/agreements/new',
      '/follow-ups/new',
      '/admin/users',
      '/reports',
      '/reports/updates.csv',
      '/sign-in',
      '/api/health',
      '/commitments/80/',
      '/commitmentsx',
    ]) {
      expect(isCacheableRequest(get(pathname)), pathname).toBe(false);
    }
  });

  it('leaves other methods and the client router’s RSC requests to render', () => {
    // What reaches the proxy of Next's client-side fetch: RSC: 1 is removed by Next, Accept is the default.
    expect(isCacheableRequest(get('/', { accept: '*/*' }))).toBe(false);
    expect(isCacheableRequest({ method: 'GET', pathname: '/', headers: new Headers() })).toBe(false);
    expect(isCacheableRequest({ ...get('/'), method: 'POST' })).toBe(false);
    expect(isCacheableRequest({ ...get('/'), method: 'HEAD' })).toBe(false);
    expect(isCacheableRequest(get('/', { RSC: '1' }))).toBe(false);
    expect(isCacheableRequest(get('/', { 'Next-Router-State-Tree': '%5B%5D' }))).toBe(false);
    expect(isCacheableRequest(get('/', { 'Next-Router-Prefetch': '1' }))).toBe(false);
    expect(isCacheableRequest(get('/', { 'Next-Action': 'abc' }))).toBe(false);
  });
});

describe('PageCache', () => {
  it('answers only for the version a page was rendered at', () => {
    const cache = new PageCache(1_000_000);
    const key = pageKey('user-1', '/commitments/80', '2026-11-27');
    cache.set(key, page('100:105:'));
    expect(cache.get(key, '100:105:')?.body.toString()).toBe('<p>page</p>');
    expect(cache.get(key, '100:106:')).toBeNull();
    expect(cache.get(pageKey('user-2', '/commitments/80', '2026-11-27'), '100:105:')).toBeNull();
    expect(cache.get(pageKey('user-1', '/commitments/80', '2026-11-28'), '100:105:')).toBeNull();
    expect(
      cache.get(pageKey('user-1', '/commitments/80?asOf=2025-01-01', '2026-11-27'), '100:105:'),
    ).toBeNull();
  });

  it('keeps one entry per key: a newer render replaces the older one', () => {
    const cache = new PageCache(1_000_000);
    cache.set('k', page('1:1:', 'old'));
    const before = cache.totalBytes;
    cache.set('k', page('1:2:', 'new'));
    expect(cache.size).toBe(1);
    expect(cache.totalBytes).toBe(before);
    expect(cache.get('k', '1:1:')).toBeNull();
    expect(cache.get('k', '1:2:')?.body.toString()).toBe('new');
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const html = 'x'.repeat(2000);
    const cache = new PageCache(3 * 2 * 1100);
    cache.set('a', page('v', html));
    cache.set('b', page('v', html));
    cache.set('c', page('v', html));
    expect(cache.get('a', 'v')).not.toBeNull(); // a is now the most recent
    cache.set('d', page('v', html));
    expect(cache.totalBytes).toBeLessThanOrEqual(3 * 2 * 1100);
    expect(cache.get('b', 'v')).toBeNull();
    expect(cache.get('a', 'v')).not.toBeNull();
    expect(cache.get('d', 'v')).not.toBeNull();
    cache.set('huge', page('v', 'y'.repeat(10_000)));
    expect(cache.get('huge', 'v')).toBeNull();
  });

  it('renders once for concurrent misses of one key and version, and not at all for a hit', async () => {
    const cache = new PageCache(1_000_000);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return page('v1');
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.getOrRender('k', 'v1', render)));
    expect(renders).toBe(1);
    expect(results.every((result) => result.page?.body.toString() === '<p>page</p>')).toBe(true);
    expect(results.filter((result) => result.hit)).toHaveLength(0);
    expect((await cache.getOrRender('k', 'v1', render)).hit).toBe(true);
    expect(renders).toBe(1);
    await cache.getOrRender('k', 'v2', render);
    expect(renders).toBe(2);
  });

  it('keeps nothing when the render is not cacheable or fails, and tries again next time', async () => {
    const cache = new PageCache(1_000_000);
    expect((await cache.getOrRender('k', 'v', async () => null)).page).toBeNull();
    await expect(
      cache.getOrRender('k', 'v', async () => {
        throw new Error('inner request failed');
      }),
    ).rejects.toThrow('inner request failed');
    expect(cache.size).toBe(0);
    expect((await cache.getOrRender('k', 'v', async () => page('v'))).page).not.toBeNull();
  });
});

describe('nonces and headers', () => {
  it('reads the nonce of a policy and swaps every occurrence in the page', () => {
    const csp = "default-src 'self'; script-src 'self' 'nonce-Ab+/9w==' 'strict-dynamic'";
    expect(nonceOf(csp)).toBe('Ab+/9w==');
    expect(nonceOf("default-src 'self'")).toBeNull();
    expect(nonceOf(null)).toBeNull();
    const cached = page(
      'v',
      '<script nonce="Ab+/9w==">1</script><p>Исламабад · 伊斯兰堡</p><script nonce="Ab+/9w==">2</script>',
      'Ab+/9w==',
    );
    expect(Buffer.from(withNonce(cached, 'NEW/+1')).toString()).toBe(
      '<script nonce="NEW/+1">1</script><p>Исламабад · 伊斯兰堡</p><script nonce="NEW/+1">2</script>',
    );
    expect(Buffer.from(withNonce(page('v', 'no scripts', 'Ab+/9w=='), 'NEW')).toString()).toBe('no scripts');
  });

  it('keeps the representation headers and drops the per-response ones', () => {
    const kept = keptHeaders(
      new Headers({
        'Content-Type': 'text/html; charset=utf-8',
        Vary: 'RSC',
        'Set-Cookie': 'a=b',
        'Content-Security-Policy': "script-src 'nonce-x'",
        'Content-Length': '12',
        'X-Request-Id': 'r1',
        Date: 'now',
      }),
    );
    expect(Object.fromEntries(kept)).toEqual({ 'content-type': 'text/html; charset=utf-8', vary: 'RSC' });
  });

  it('passes a redirect of the render on absolute, on the address the browser used', () => {
    const inner = 'http://localhost:3000/agreements?utm_source=x';
    const outer = 'https://pactwatch.example.org/agreements?utm_source=x';
    // Next's redirect() in a page answers with a path; a proxy's answer must carry an absolute URL.
    expect(outerLocation('/agreements', inner, outer)).toBe('https://pactwatch.example.org/agreements');
    expect(outerLocation('/commitments?status=stalled#list', inner, outer)).toBe(
      'https://pactwatch.example.org/commitments?status=stalled#list',
    );
    expect(outerLocation('http://localhost:3000/sign-in?next=%2Fagreements', inner, outer)).toBe(
      'https://pactwatch.example.org/sign-in?next=%2Fagreements',
    );
    expect(outerLocation('?page=2', inner, outer)).toBe('https://pactwatch.example.org/agreements?page=2');
    // Somewhere else stays there; a path that looks like a host stays a path on this server.
    expect(outerLocation('https://example.com/x', inner, outer)).toBe('https://example.com/x');
    expect(outerLocation('http://localhost:3000//example.com/x', inner, outer)).toBe(
      'https://pactwatch.example.org//example.com/x',
    );
    expect(outerLocation('http://[nonsense', inner, outer)).toBeNull();
  });

  it('is bounded by PACTWATCH_PAGE_CACHE_MB, and off at 0', () => {
    expect(pageCacheBytes({})).toBe(64 * 1024 * 1024);
    expect(pageCacheBytes({ PACTWATCH_PAGE_CACHE_MB: '8' })).toBe(8 * 1024 * 1024);
    expect(pageCacheBytes({ PACTWATCH_PAGE_CACHE_MB: '0' })).toBe(0);
    expect(pageCacheBytes({ PACTWATCH_PAGE_CACHE_MB: 'lots' })).toBe(0);
  });
});

describe('VersionedMemo', () => {
  const DAY = 24 * 60 * 60;
  const cookie = 'better-auth.session_token=abc.sig';

  it('remembers an accepted session for its snapshot only', () => {
    const memo = new VersionedMemo(10);
    memo.set(cookie, { value: 'u1', version: '7:9:', validUntil: Date.now() + 60_000 });
    expect(memo.get(cookie, '7:9:')).toBe('u1');
    expect(memo.get(`${cookie}x`, '7:9:')).toBeNull();
    // Anything written since (a deleted session, a deactivated user): asked again, and forgotten.
    expect(memo.get(cookie, '7:10:')).toBeNull();
    expect(memo.get(cookie, '7:9:')).toBeNull();
  });

  it('asks again once the session expires or is due for its refresh', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    // Issued an hour ago for 7 days, refreshed after a day: good for 23 more hours.
    const expiresAt = new Date(now - 3600_000 + 7 * DAY * 1000);
    const validUntil = sessionValidUntil(expiresAt, 7 * DAY, DAY);
    expect(validUntil).toBe(now + 23 * 3600_000);
    // A session whose expiry comes first (a short one) stops there.
    expect(sessionValidUntil(new Date(now + 1000), 7 * DAY, 7 * DAY)).toBe(now + 1000);

    const memo = new VersionedMemo(10);
    memo.set(cookie, { value: 'u1', version: 'v', validUntil });
    expect(memo.get(cookie, 'v', validUntil - 1)).toBe('u1');
    expect(memo.get(cookie, 'v', validUntil)).toBeNull();
  });

  it('keys a session by its session cookie alone: junk in the Cookie header makes no new entry', () => {
    const NAME = 'pactwatch.session_token';
    const token = `${NAME}=tok3n.c2lnbmF0dXJl%3D`;
    const key = sessionKey(token, NAME);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(sessionKey(`theme=dark; ${token}; _ga=GA1.2.3`, NAME)).toBe(key);
    expect(sessionKey(`${token};junk="${'x'.repeat(12_000)}"`, NAME)).toBe(key);
    // Another token, a second session cookie, or none at all: not the same session.
    expect(sessionKey(`${NAME}=other.c2lnbmF0dXJl%3D`, NAME)).not.toBe(key);
    expect(sessionKey(`${token}; ${NAME}=other`, NAME)).not.toBe(key);
    expect(sessionKey(`__Secure-${token}`, NAME)).toBeNull();
    expect(sessionKey(`x${token}`, NAME)).toBeNull();
    expect(sessionKey(`theme=${NAME}`, NAME)).toBeNull();
    expect(sessionKey(null, NAME)).toBeNull();

    // The probe of issue 2: 10,000 requests, each with a unique 12 KB junk cookie, all accepted.
    const memo = new VersionedMemo(10_000);
    const junk = 'j'.repeat(12 * 1024);
    const validUntil = Date.now() + 60_000;
    for (let request = 0; request < 10_000; request++) {
      const header = `${token}; junk${request}=${junk}`;
      const requestKey = sessionKey(header, NAME)!;
      if (memo.get(requestKey, 'v') === null) memo.set(requestKey, { value: 'u1', version: 'v', validUntil });
    }
    expect(memo.size).toBe(1);
    expect(memo.get(key!, 'v')).toBe('u1');
  });

  it('holds at most its size, dropping the least recently used', () => {
    const memo = new VersionedMemo(2);
    const later = Date.now() + 60_000;
    memo.set('a', { value: 'ua', version: 'v', validUntil: later });
    memo.set('b', { value: 'ub', version: 'v', validUntil: later });
    expect(memo.get('a', 'v')).toBe('ua');
    memo.set('c', { value: 'uc', version: 'v', validUntil: later });
    expect(memo.get('b', 'v')).toBeNull();
    expect(memo.get('a', 'v')).toBe('ua');
    expect(memo.get('c', 'v')).toBe('uc');
  });
});
