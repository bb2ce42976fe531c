// Users for end-to-end specs, written straight into the app's database (E2E_DATABASE_URL) with Better Auth's
// own password hash, and sign-in helpers. Each user gets a unique e-mail, so specs never share accounts.
import { randomBytes, randomInt } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { hashForStorage, insertCredentialUser } from '../../lib/auth/credentials.ts';
import type { Role } from '../../lib/auth/permissions.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';

export type E2EUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
};

/** A user of this role who can sign in (or, with `deactivated`, who cannot). */
export async function createUser(
  db: PrismaClient,
  role: Role,
  options: { name?: string; deactivated?: boolean } = {},
): Promise<E2EUser> {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const email = `${role}-${tag}@e2e.pactwatch.local`;
  const name = options.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${tag.slice(-4)}`;
  const password = `e2e ${randomBytes(12).toString('base64url')}`;
  const passwordHash = await hashForStorage(password);
  const user = await insertCredentialUser(db, { email, name, role, passwordHash });
  if (options.deactivated)
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
  return { ...user, password };
}

/**
 * A client address of its own (X-Forwarded-For). Better Auth limits sign-in attempts per client IP, and every
 * spec's browser is 127.0.0.1; without this, a run's sign-ins would share one small bucket. The app trusts an
 * X-Forwarded-For from 127.0.0.1 because `npm test` starts it with PACTWATCH_TRUSTED_PROXIES=127.0.0.1, as it would
 * from a proxy there (see .env.example).
 */
export function clientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * Signs the page's browser context in through Better Auth's HTTP endpoint (the one the sign-in form posts to):
 * the session cookie lands in the context, so every page of it is signed in. Fast; no UI involved. Use
 * `signInThroughForm` when the sign-in page itself is under test.
 */
export async function signIn(page: Page, user: Pick<E2EUser, 'email' | 'password'>): Promise<void> {
  await signInRequest(page.context().request, user);
}

export async function signInRequest(
  request: APIRequestContext,
  user: Pick<E2EUser, 'email' | 'password'>,
): Promise<void> {
  const response = await request.post('/api/auth/sign-in/email', {
    data: { email: user.email, password: user.password },
    headers: { 'X-Forwarded-For': clientIp() },
  });
  if (!response.ok()) {
    throw new Error(`sign-in of ${user.email} failed: ${response.status()} ${await response.text()}`);
  }
}

/** Signs in through the sign-in page like a person would, and waits to leave it. */
export async function signInThroughForm(page: Page, user: Pick<E2EUser, 'email' | 'password'>, next = '/') {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  await page.goto(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Browsers log every 4xx response as a console error; a spec that expects one removes it from `pageErrors`. */
export function forgiveHttpErrors(pageErrors: string[], statuses: number[]): void {
  const expected = new RegExp(`status of (${statuses.join('|')})`);
  for (let index = pageErrors.length - 1; index >= 0; index--) {
    if (expected.test(pageErrors[index])) pageErrors.splice(index, 1);
  }
}
