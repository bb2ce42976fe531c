// What a hostile client can do to Better Auth's HTTP endpoints (lib/auth/create-auth.ts), against the test
// database: requests that change nothing write nothing however many addresses they claim, the limiter still
// limits, a NUL byte is a 400, a deactivated account's password is not confirmed, no endpoint changes an account
// outside the admin screen, and no answer hands a session token to page scripts.
import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthSettings } from '../lib/auth/config.ts';
import { DISABLED_PATHS, RATE_LIMIT, createAuth } from '../lib/auth/create-auth.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();
const PASSWORD = 'a long enough password';
const ORIGIN = 'http://localhost:4500';

/** As deployed without PACTWATCH_TRUSTED_PROXIES or PACTWATCH_CLIENT_IP_HEADERS. */
const exposed: AuthSettings = {
  secret: 'test-secret-for-better-auth-integration-tests-0123456789',
  publicUrl: null,
  trustedOrigins: [],
  secureCookies: false,
  clientIpHeaders: [],
  trustedProxies: [],
};
const PROXY = '192.0.2.10';
/** Behind one reverse proxy that appends the address it saw to X-Forwarded-For. */
const proxied: AuthSettings = { ...exposed, trustedProxies: [PROXY] };

/** Every statement that is not a read, as model.operation (raw SQL included), made through this client. */
function recordingWrites(): { client: PrismaClient; writes: string[] } {
  const writes: string[] = [];
  const client = prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (!/^(find|count|aggregate|groupBy|\$queryRaw)/.test(operation)) {
          writes.push(`${model ?? ''}.${operation}`);
        }
        return query(args);
      },
    },
  });
  return { client: client as unknown as PrismaClient, writes };
}

/** A fresh instance per test: each has its own in-memory counters, so tests never share a limit. */
function authFor(settings: AuthSettings, client: PrismaClient = prisma) {
  return createAuth(client, { settings, nextCookies: false, log: () => {} });
}
type TestAuth = ReturnType<typeof authFor>;

function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function get(auth: TestAuth, path: string, headers: Record<string, string> = {}) {
  return auth.handler(new Request(`${ORIGIN}/api/auth${path}`, { headers }));
}

function post(auth: TestAuth, path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe('requests that change nothing', () => {
  it('write nothing, whatever X-Forwarded-For they claim, and leave no rate-limit row behind', async () => {
    const { client, writes } = recordingWrites();
    const auth = authFor(exposed, client);
    const rowsBefore = await prisma.rateLimit.count();
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const cookie = cookieHeader(
      await post(auth, '/sign-in/email', { email: user.email, password: PASSWORD }),
    );
    writes.length = 0;

    for (let request = 0; request < 40; request++) {
      const spoofed = { 'x-forwarded-for': randomIp() };
      expect((await get(auth, '/get-session', spoofed)).status).toBe(200);
      expect((await get(auth, '/ok', spoofed)).status).toBe(200);
    }
    // A signed-in page script asking who it is changes nothing either (the session is younger than updateAge).
    expect((await get(auth, '/get-session', { cookie, 'x-forwarded-for': randomIp() })).status).toBe(200);

    expect(writes).toEqual([]);
    expect(await prisma.rateLimit.count()).toBe(rowsBefore);
  });
});

describe('the per-address limit', () => {
  it('still limits, and a new X-Forwarded-For per request does not get round it', async () => {
    const auth = authFor(exposed);
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= RATE_LIMIT.signIn.max; attempt++) {
      const response = await post(
        auth,
        '/sign-in/email',
        { email: `nobody-${attempt}-${randomIp()}@example.org`, password: 'wrong password' },
        { 'x-forwarded-for': randomIp() },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, RATE_LIMIT.signIn.max)).toEqual(Array(RATE_LIMIT.signIn.max).fill(401));
    expect(statuses.at(-1)).toBe(429);

    const answers: number[] = [];
    for (let request = 0; request <= RATE_LIMIT.max; request++) {
      answers.push((await get(auth, '/get-session', { 'x-forwarded-for': randomIp() })).status);
    }
    expect(answers.filter((status) => status === 200)).toHaveLength(RATE_LIMIT.max);
    expect(answers.at(-1)).toBe(429);
  });

  it('behind PACTWATCH_TRUSTED_PROXIES, counts per client: the address the proxy saw, not what the client wrote', async () => {
    const auth = authFor(proxied);
    const client = randomIp();
    const attempt = (forwardedFor: string) =>
      post(
        auth,
        '/sign-in/email',
        { email: `nobody-${randomIp()}@example.org`, password: 'wrong password' },
        { 'x-forwarded-for': forwardedFor },
      ).then((response) => response.status);

    // The client writes its own (made up) X-Forwarded-For each time; the proxy appends the address it saw.
    for (let count = 0; count < RATE_LIMIT.signIn.max; count++) {
      expect(await attempt(`${randomIp()}, ${client}, ${PROXY}`)).toBe(401);
    }
    expect(await attempt(`${randomIp()}, ${client}, ${PROXY}`)).toBe(429);
    expect(await attempt(`${client}, ${PROXY}`)).toBe(429);
    // Another client behind the same proxy is not affected.
    expect(await attempt(`${client}, ${randomIp()}, ${PROXY}`)).toBe(401);
  });
});

describe('sign-in', () => {
  it.each([
    ['a NUL byte in the e-mail', { email: 'someone\u0000@example.org', password: PASSWORD }],
    ['a NUL byte alone', { email: '\u0000', password: PASSWORD }],
    ['NUL bytes around a real address', { email: '\u0000admin@example.org\u0000', password: PASSWORD }],
  ])('answers %s with 400 and a message, never a 500', async (_label, body) => {
    const response = await post(authFor(exposed), '/sign-in/email', body, { 'x-forwarded-for': randomIp() });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_EMAIL', message: expect.any(String) });
  });

  it('answers a NUL byte anywhere else with 400 too: in the password, or in a session token to revoke', async () => {
    const auth = authFor(proxied);
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const password = await post(
      auth,
      '/sign-in/email',
      { email: user.email, password: `${PASSWORD}\u0000` },
      { 'x-forwarded-for': randomIp() },
    );
    // (scrypt would take it for the password itself: HMAC pads its key with zero bytes.)
    expect(password.status).toBe(400);
    expect(password.headers.getSetCookie()).toEqual([]);

    const cookie = cookieHeader(
      await post(
        auth,
        '/sign-in/email',
        { email: user.email, password: PASSWORD },
        { 'x-forwarded-for': randomIp() },
      ),
    );
    const revoke = await post(auth, '/revoke-session', { token: 'x\u0000' }, { cookie });
    expect(revoke.status).toBe(400);
    expect(await revoke.json()).toMatchObject({ message: expect.any(String) });
    const query = await get(auth, '/get-session?disableRefresh=\u0000', { cookie });
    expect(query.status).toBeLessThan(500);
  });

  it('answers a deactivated account with the right password exactly as a wrong password', async () => {
    const auth = authFor(proxied);
    const active = await createTestUser(prisma, 'analyst', { password: PASSWORD });
    const gone = await createTestUser(prisma, 'analyst', { password: PASSWORD, deactivated: true });
    const wrong = await post(auth, '/sign-in/email', { email: active.email, password: 'not the password' });
    const right = await post(auth, '/sign-in/email', { email: gone.email, password: PASSWORD });
    const wrongForGone = await post(auth, '/sign-in/email', { email: gone.email, password: 'not it' });

    expect(right.status).toBe(wrong.status);
    expect(wrong.status).toBe(401);
    const body = await wrong.json();
    expect(await right.json()).toEqual(body);
    expect(await wrongForGone.json()).toEqual(body);
    expect([...right.headers.keys()].sort()).toEqual([...wrong.headers.keys()].sort());
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(await prisma.session.count({ where: { userId: gone.id } })).toBe(0);
    // Counted like any failure, so that the lock-out after repeated failures cannot tell them apart either.
    expect(await prisma.signInFailure.findUnique({ where: { email: gone.email } })).toMatchObject({
      count: 2,
    });
  });
});

describe('account changes', () => {
  it('cannot be made through /change-password: it answers 404 and the password stays', async () => {
    const auth = authFor(proxied);
    const user = await createTestUser(prisma, 'analyst', { password: PASSWORD });
    const cookie = cookieHeader(
      await post(
        auth,
        '/sign-in/email',
        { email: user.email, password: PASSWORD },
        { 'x-forwarded-for': randomIp() },
      ),
    );
    const other = cookieHeader(
      await post(
        auth,
        '/sign-in/email',
        { email: user.email, password: PASSWORD },
        { 'x-forwarded-for': randomIp() },
      ),
    );
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } });

    const response = await post(
      auth,
      '/change-password',
      { currentPassword: PASSWORD, newPassword: ' '.repeat(12), revokeOtherSessions: false },
      { cookie, 'x-forwarded-for': randomIp() },
    );
    expect(response.status).toBe(404);
    expect(await prisma.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      password: account.password,
      updatedAt: account.updatedAt,
    });
    expect(await auth.api.getSession({ headers: new Headers({ cookie: other }) })).not.toBeNull();
  });

  it('has no HTTP endpoint left but the ones Pactwatch offers (a Better Auth upgrade that adds one fails here)', () => {
    // Sign in and out, who am I (and my sessions, and ending them), Better Auth's health check and error page.
    const OFFERED = [
      '/sign-in/email',
      '/sign-out',
      '/get-session',
      '/list-sessions',
      '/revoke-session',
      '/revoke-sessions',
      '/revoke-other-sessions',
      '/ok',
      '/error',
      // Answers only with a redirect to a trusted origin; no e-mail sender ever hands out its token.
      '/reset-password/:token',
      // OAuth callback: Pactwatch configures no social provider, so it has nothing to complete.
      '/callback/:id',
    ];
    const open = Object.values(authFor(exposed).api)
      .map((endpoint) => (endpoint as { path?: string }).path)
      .filter((path): path is string => Boolean(path) && !DISABLED_PATHS.includes(path!))
      .sort();
    expect(open).toEqual([...OFFERED].sort());
  });
});

describe('answers to page scripts', () => {
  it('never carry the session token: get-session and list-sessions blank it, as sign-in does', async () => {
    const auth = authFor(proxied);
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const signedIn = await post(
      auth,
      '/sign-in/email',
      { email: user.email, password: PASSWORD },
      { 'x-forwarded-for': randomIp() },
    );
    const cookie = cookieHeader(signedIn);
    const { token } = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });

    const session = await get(auth, '/get-session', { cookie });
    expect(session.status).toBe(200);
    const sessionText = await session.text();
    expect(sessionText).not.toContain(token);
    expect(JSON.parse(sessionText)).toMatchObject({
      session: { token: null, userId: user.id, expiresAt: expect.any(String) },
      user: { id: user.id, email: user.email, role: 'viewer' },
    });

    const list = await get(auth, '/list-sessions', { cookie });
    expect(list.status).toBe(200);
    const listText = await list.text();
    expect(listText).not.toContain(token);
    expect(JSON.parse(listText)).toEqual([expect.objectContaining({ token: null, userId: user.id })]);

    // Our own server code (auth.api, not HTTP) still gets it.
    const serverSide = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(serverSide?.session.token).toBe(token);
  });
});
