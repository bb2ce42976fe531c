// Better Auth as configured in lib/auth/create-auth.ts, driven through its HTTP handler (where rate limits and
// origin checks apply) against the test database: sign-in, cookies, limits, deactivation, disabled endpoints.
import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthSettings } from '../lib/auth/config.ts';
import { createAuth } from '../lib/auth/create-auth.ts';
import { SIGN_IN_FAILURES } from '../lib/auth/sign-in-throttle.ts';
import { deactivateUser } from '../lib/data/users.ts';
import { testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();
const PASSWORD = 'a long enough password';
const ORIGIN = 'http://localhost:4500';

const settings: AuthSettings = {
  secret: 'test-secret-for-better-auth-integration-tests-0123456789',
  publicUrl: null,
  trustedOrigins: [],
  secureCookies: false,
  clientIpHeaders: [],
  // The tests play a reverse proxy at 127.0.0.1 telling the app each client's address (X-Forwarded-For).
  trustedProxies: ['127.0.0.1'],
};
const logged: string[] = [];
const auth = createAuth(prisma, {
  settings,
  nextCookies: false,
  log: (level, message) => logged.push(`${level} ${message}`),
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A client address of its own per test, so the per-IP limit of one test never trips another. */
function newIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function post(
  path: string,
  body: unknown,
  options: { ip?: string; origin?: string; cookie?: string; base?: string } = {},
) {
  return auth.handler(
    new Request(`${options.base ?? ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: options.origin ?? options.base ?? ORIGIN,
        'x-forwarded-for': options.ip ?? newIp(),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

function signIn(
  email: string,
  password: string,
  options: { ip?: string; origin?: string; base?: string } = {},
) {
  return post('/sign-in/email', { email, password }, options);
}

/** `name=value` pairs of the Set-Cookie headers, for the next request's Cookie header. */
function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

async function sessionOf(cookie: string) {
  return auth.api.getSession({ headers: new Headers({ cookie }) });
}

describe('sign-in', () => {
  it('works for a user written by lib/auth/credentials.ts, with an HttpOnly SameSite=Lax cookie and no token in the body', async () => {
    const user = await createTestUser(prisma, 'analyst', { password: PASSWORD });
    const response = await signIn(user.email.toUpperCase(), PASSWORD);
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^pactwatch\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Served over http (localhost): a Secure cookie would never come back and nobody could sign in.
    expect(cookie).not.toMatch(/Secure/i);
    const body = (await response.json()) as { token: unknown; user: { role: string } };
    expect(body.token).toBeNull();
    expect(body.user.role).toBe('analyst');

    const session = await sessionOf(cookieHeader(response));
    expect(session?.user).toMatchObject({ id: user.id, role: 'analyst', deactivatedAt: null });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it('sets a Secure, __Secure- prefixed cookie when the public URL is https', async () => {
    const httpsAuth = createAuth(prisma, {
      settings: { ...settings, publicUrl: 'https://pactwatch.example', secureCookies: true },
      nextCookies: false,
      log: () => {},
    });
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const response = await httpsAuth.handler(
      new Request('https://pactwatch.example/api/auth/sign-in/email', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://pactwatch.example',
          'x-forwarded-for': newIp(),
        },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Secure-pactwatch\.session_token=.*; Secure/i);
  });

  it('refuses a wrong password and an unknown e-mail alike, with 401', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const wrong = await signIn(user.email, 'not the right password');
    const unknown = await signIn(`nobody-${newIp()}@example.org`, PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a post from another origin', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const response = await signIn(user.email, PASSWORD, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(logged).toContain('error Invalid origin: https://evil.example');
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a deactivated user even with the right password, as if it were wrong, creating no session', async () => {
    const user = await createTestUser(prisma, 'admin', { password: PASSWORD, deactivated: true });
    const response = await signIn(user.email, PASSWORD);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per client IP (in memory: tests/auth-hostile-probe.test.ts)', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await signIn(`someone-${attempt}-${ip}@example.org`, 'wrong password', { ip })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    expect(
      Number((await signIn(`someone-${ip}@example.org`, 'x', { ip })).headers.get('X-Retry-After')),
    ).toBeGreaterThan(0);
    expect((await signIn(`someone-else-${ip}@example.org`, 'wrong password')).status).toBe(401);
    expect(await prisma.rateLimit.count()).toBe(0);
  });

  it('locks an e-mail out after repeated failures from any address, even for the right password', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    for (let attempt = 0; attempt < SIGN_IN_FAILURES.max; attempt++) {
      expect((await signIn(user.email, 'wrong password')).status).toBe(401);
    }
    const locked = await signIn(user.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('X-Retry-After'))).toBeGreaterThan(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // Another account is not affected.
    const other = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    expect((await signIn(other.email, PASSWORD)).status).toBe(200);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    for (let attempt = 0; attempt < SIGN_IN_FAILURES.max - 1; attempt++)
      await signIn(user.email, 'wrong password');
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect(await prisma.signInFailure.findUnique({ where: { email: user.email } })).toBeNull();
  });
});

describe('sessions', () => {
  it('end at once when the user is deactivated', async () => {
    const user = await createTestUser(prisma, 'analyst', { password: PASSWORD });
    const actor = await createTestUser(prisma, 'viewer', { label: 'actor' });
    const cookie = cookieHeader(await signIn(user.email, PASSWORD));
    expect(await sessionOf(cookie)).not.toBeNull();
    await deactivateUser({ userId: user.id }, actor.id);
    expect(await sessionOf(cookie)).toBeNull();
  });

  it('end on sign-out', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const cookie = cookieHeader(await signIn(user.email, PASSWORD));
    const response = await post('/sign-out', {}, { cookie });
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionOf(cookie)).toBeNull();
  });

  it('are not accepted with a forged cookie', async () => {
    const user = await createTestUser(prisma, 'viewer', { password: PASSWORD });
    const session = await prisma.session.create({
      data: {
        id: `s-${newIp()}`,
        token: `t-${newIp()}`,
        userId: user.id,
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    // The raw token without Better Auth's signature (made with BETTER_AUTH_SECRET) is worthless.
    expect(await sessionOf(`pactwatch.session_token=${session.token}`)).toBeNull();
  });
});

describe('logs', () => {
  it('never contain a password, token or the secret', () => {
    const text = logged.join('\n');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(settings.secret);
    expect(text).not.toMatch(/session_token=/);
  });
});

describe('endpoints Pactwatch does not offer', () => {
  it.each(['/sign-up/email', '/update-user', '/change-email', '/delete-user', '/request-password-reset'])(
    '%s answers 404',
    async (path) => {
      const response = await post(path, { email: `x-${newIp()}@example.org`, password: PASSWORD, name: 'X' });
      expect(response.status).toBe(404);
    },
  );

  it('sign-up is off even through the server API', async () => {
    const email = `signup-${newIp()}@example.org`;
    await expect(auth.api.signUpEmail({ body: { email, password: PASSWORD, name: 'X' } })).rejects.toThrow();
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});
