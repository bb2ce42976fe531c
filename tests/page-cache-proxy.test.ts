// proxy.ts with the page cache on, against the test database and Better Auth as the app configures it. The
// server's own address (which `next start` gives the proxy) is a stub here that answers as a page would: a list,
// a canonical-query redirect, a 404. What is checked is what the proxy hands to Next: every answer of the render
// passes on with its status and headers, a Location absolute (Next parses a proxy's Location without a base, so
// a relative one was a 500 for every canonical redirect), and a session is remembered by its session cookie only
// (a probe adding a fresh junk cookie to every request used to add an entry of its size every time).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl, testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

process.env.DATABASE_URL = testDatabaseUrl();
// The proxy reads these at each request; the secret is set before Better Auth is built, so both modes sign alike.
vi.stubEnv('BETTER_AUTH_SECRET', 'page-cache-proxy-test-secret-0123456789abcdef');
vi.stubEnv('PACTWATCH_PAGE_CACHE_MB', '8');

const { NextRequest } = await import('next/server');
const { proxy } = await import('../proxy.ts');
const { rememberedSessionCount } = await import('../lib/page-cache-proxy.ts');
const { getProxyAuth } = await import('../lib/auth/auth.ts');

const prisma = testPrisma();
const PASSWORD = 'a long enough password';
const PUBLIC = 'http://localhost:4500';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CACHE_HEADER = 'x-pactwatch-page-cache';

let stub: Server;
let stubOrigin: string;
/** Paths with query the stub was asked to render. */
const renders: string[] = [];

beforeAll(async () => {
  stub = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    renders.push(`${url.pathname}${url.search}`);
    if (url.searchParams.has('utm_source')) {
      // What Next answers for redirect() in a page: a path.
      response.writeHead(307, { Location: url.pathname, 'X-Stub': 'kept', 'Content-Type': 'text/plain' });
      response.end(url.pathname);
    } else if (url.searchParams.has('gone')) {
      // The proxy of the inner request turning it away: absolute, on the inner request's own address.
      response.writeHead(307, { Location: `${stubOrigin}/sign-in?next=%2Fcommitments` });
      response.end();
    } else if (url.pathname === '/commitments/999999') {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'X-Stub': 'kept' });
      response.end('<h1>Not found</h1>');
    } else {
      const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `script-src 'self' 'nonce-${nonce}'`,
      });
      // Whose page it is: the session cookie the render was asked with (pages name their user).
      const session = /session_token=([^.;]+)/.exec(request.headers.cookie ?? '')?.[1];
      response.end(`<script nonce="${nonce}"></script><h1>${url.pathname}</h1><p>${session}</p>`);
    }
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubOrigin = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  // What `next start` gives the proxy; outside production the cache is off.
  vi.stubEnv('PACTWATCH_INTERNAL_ORIGIN', stubOrigin);
  vi.stubEnv('NODE_ENV', 'production');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => stub.close(resolve));
  await prisma.$disconnect();
});

/** A signed-in Cookie header, from Better Auth's own sign-in endpoint. */
async function signedInCookie(): Promise<{ userId: string; cookie: string }> {
  const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
  const response = await getProxyAuth().handler(
    new Request(`${PUBLIC}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: PUBLIC,
        'x-forwarded-for': `10.9.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`,
      },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { userId: user.id, cookie };
}

function browserGet(path: string, cookie: string) {
  return proxy(new NextRequest(`${PUBLIC}${path}`, { headers: { accept: BROWSER_ACCEPT, cookie } }));
}

describe('answers of the render other than a page to keep', () => {
  it('pass on with their status and headers, a Location absolute on the browser’s address', async () => {
    const { cookie } = await signedInCookie();

    const redirect = await browserGet('/agreements?utm_source=newsletter', cookie);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get(CACHE_HEADER)).toBe('miss');
    expect(redirect.headers.get('x-stub')).toBe('kept');
    // Next reads a proxy's Location as `new URL(location)`: a path alone throws "Invalid URL" there.
    expect(() => new URL(redirect.headers.get('location')!)).not.toThrow();
    expect(redirect.headers.get('location')).toBe(`${PUBLIC}/agreements`);
    expect(await redirect.text()).toBe('/agreements');

    const away = await browserGet('/commitments?gone=1', cookie);
    expect(away.status).toBe(307);
    expect(away.headers.get('location')).toBe(`${PUBLIC}/sign-in?next=%2Fcommitments`);

    const missing = await browserGet('/commitments/999999', cookie);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-stub')).toBe('kept');
    expect(missing.headers.get('location')).toBeNull();
    expect(await missing.text()).toBe('<h1>Not found</h1>');

    // None of them is kept: asked again, the page is rendered again.
    const before = renders.length;
    expect((await browserGet('/agreements?utm_source=newsletter', cookie)).status).toBe(307);
    expect(renders.length).toBe(before + 1);
  });
});

describe('remembered sessions', () => {
  it('are keyed by the session cookie: junk cookies add no entry, and the memo still answers', async () => {
    const { cookie } = await signedInCookie();
    const getSession = vi.spyOn(getProxyAuth().api, 'getSession');
    const junk = 'j'.repeat(12 * 1024);

    const first = await browserGet('/commitments', cookie);
    expect(first.status).toBe(200);
    const count = rememberedSessionCount();
    expect(count).toBeGreaterThanOrEqual(1);

    for (let request = 0; request < 300; request++) {
      const response = await browserGet('/commitments', `${cookie}; junk${request}=${junk}`);
      expect(response.status).toBe(200);
    }
    expect(rememberedSessionCount()).toBe(count);

    // While nothing is written, Better Auth is not asked again. The snapshot is the whole server's and other test
    // files write to it, so a few tries tell a rare write in between from a memo that does not answer.
    let asked = true;
    for (let attempt = 0; attempt < 5 && asked; attempt++) {
      await browserGet('/commitments', `${cookie}; junk=a${attempt}`);
      const calls = getSession.mock.calls.length;
      const response = await browserGet('/commitments', `${cookie}; junk=b${attempt}`);
      expect(response.status).toBe(200);
      asked = getSession.mock.calls.length > calls;
    }
    expect(asked, 'five tries, each asked Better Auth again').toBe(false);
    getSession.mockRestore();
  });

  it('never answer for another session or a tampered token', async () => {
    const alice = await signedInCookie();
    const bob = await signedInCookie();
    const tokenOf = (cookie: string) => /session_token=([^.;]+)/.exec(cookie)![1];
    expect(await (await browserGet('/commitments', alice.cookie)).text()).toContain(tokenOf(alice.cookie));

    // The same junk next to Bob's token is Bob's request, and Alice's again is hers.
    const bobs = await browserGet('/commitments', `junk=x; ${bob.cookie}`);
    expect(await bobs.text()).toContain(tokenOf(bob.cookie));
    const alices = await browserGet('/commitments', `junk=x; ${alice.cookie}`);
    const html = await alices.text();
    expect(html).toContain(tokenOf(alice.cookie));
    expect(html).not.toContain(tokenOf(bob.cookie));

    // A token with a signature of its own is refused by Better Auth, whatever else the header carries.
    const separator = alice.cookie.indexOf('=');
    const [name, value] = [alice.cookie.slice(0, separator), alice.cookie.slice(separator + 1)];
    const forged = `${name}=${value.slice(0, value.lastIndexOf('.'))}.${'A'.repeat(43)}%3D; junk=x`;
    const refused = await browserGet('/commitments', forged);
    expect(refused.status).toBe(307);
    expect(refused.headers.get('location')).toContain('/sign-in');
  });
});

describe('ownOrigin', () => {
  it('comes from PACTWATCH_INTERNAL_ORIGIN or a loopback PORT, never from a private Next.js variable', async () => {
    const { ownOrigin } = await import('../lib/page-cache-proxy.ts');
    const production = { NODE_ENV: 'production' };
    expect(ownOrigin({ ...production, PACTWATCH_INTERNAL_ORIGIN: 'http://127.0.0.1:4000/' })).toBe(
      'http://127.0.0.1:4000',
    );
    expect(ownOrigin({ ...production, PORT: '3000' })).toBe('http://127.0.0.1:3000');
    expect(ownOrigin({ ...production, PORT: '3000', HOSTNAME: '0.0.0.0' })).toBe('http://127.0.0.1:3000');
    expect(ownOrigin({ ...production, PORT: '3000', HOSTNAME: '10.1.2.3' })).toBeNull();
    expect(ownOrigin({ ...production, ['__NEXT_PRIVATE_' + 'ORIGIN']: 'http://127.0.0.1:9' })).toBeNull();
    expect(ownOrigin({ NODE_ENV: 'development', PORT: '3000' })).toBeNull();
  });
});
