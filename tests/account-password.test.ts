// Passwords after Better Auth's own /change-password was cut off (decision 003): a user changes their own on
// /me/password (app/(app)/me/actions.ts), an admin resets someone else's (app/(app)/admin/users/actions.ts). The
// real actions and lib/data/users.ts on the test database; only the session lookup is replaced, as in
// tests/auth-actions.test.ts.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashForStorage, newId, passwordMatches } from '../lib/auth/credentials.ts';
import type { CurrentUser } from '../lib/auth/session.ts';
import { SIGN_IN_FAILURES, recordSignInFailure, signInLockedFor } from '../lib/auth/sign-in-throttle.ts';
import { changeOwnPassword, resetUserPassword } from '../lib/data/users.ts';
import { RuleViolationError } from '../lib/errors.ts';
import type { Role } from '../lib/auth/permissions.ts';
import { testPrisma } from './support/db.ts';
import { createTestSession, createTestUser, type TestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

const { changePassword } = await import('../app/(app)/me/actions.ts');
const { resetUserPassword: resetUserPasswordAction } = await import('../app/(app)/admin/users/actions.ts');

const prisma = testPrisma();
const OLD = 'old password, long enough';
const NEW = 'new password, long enough';

afterAll(async () => {
  await prisma.$disconnect();
});

beforeEach(() => {
  session.user = null;
});

async function userWithPassword(role: Role, label: string = role): Promise<TestUser> {
  return createTestUser(prisma, role, { password: OLD, label });
}

/** A session row whose id we know: the one the form was loaded in. */
async function sessionOf(userId: string): Promise<string> {
  const id = newId();
  await prisma.session.create({
    data: { id, token: newId(), userId, expiresAt: new Date(Date.now() + 3600_000) },
  });
  return id;
}

async function hashOf(userId: string): Promise<string> {
  const account = await prisma.account.findFirstOrThrow({
    where: { userId, providerId: 'credential' },
    select: { password: true },
  });
  return account.password!;
}

async function sessionIds(userId: string): Promise<string[]> {
  const rows = await prisma.session.findMany({ where: { userId }, select: { id: true } });
  return rows.map((row) => row.id).sort();
}

function auditsAbout(userId: string) {
  return prisma.auditEvent.findMany({
    where: { entityType: 'User', entityId: userId },
    orderBy: { id: 'asc' },
  });
}

function signInAs(user: TestUser) {
  session.user = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    deactivatedAt: user.deactivatedAt,
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

function changeForm(sessionId: string, current: string, next = NEW, again = next) {
  return form({ sessionId, currentPassword: current, newPassword: next, confirmPassword: again });
}

describe('changing one’s own password', () => {
  it('refuses a wrong current password beside that field and changes nothing, but counts the failure', async () => {
    const user = await userWithPassword('analyst');
    const current = await sessionOf(user.id);
    await createTestSession(prisma, user.id);
    const before = { hash: await hashOf(user.id), sessions: await sessionIds(user.id) };

    signInAs(user);
    const result = await changePassword(null, changeForm(current, 'not the password at all'));

    expect(result).toMatchObject({
      ok: false,
      reason: 'rejected',
      fieldErrors: { currentPassword: ['That is not your current password.'] },
    });
    expect(JSON.stringify(result)).not.toContain('not the password at all');
    expect({ hash: await hashOf(user.id), sessions: await sessionIds(user.id) }).toEqual(before);
    expect(await auditsAbout(user.id)).toEqual([]);
    const failures = await prisma.signInFailure.findUnique({ where: { email: user.email } });
    expect(failures?.count).toBe(1);
  });

  it('changes the hash, ends the other sessions but not this one, and audits it naming the user', async () => {
    const user = await userWithPassword('analyst');
    const current = await sessionOf(user.id);
    await createTestSession(prisma, user.id);
    await createTestSession(prisma, user.id);
    const bystander = await userWithPassword('analyst', 'bystander');
    const bystanderSession = await sessionOf(bystander.id);
    const oldHash = await hashOf(user.id);
    await recordSignInFailure(prisma, user.email);

    signInAs(user);
    const result = await changePassword(null, changeForm(current, OLD));

    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/Password changed/) });
    const newHash = await hashOf(user.id);
    expect(newHash).not.toBe(oldHash);
    expect(await passwordMatches(newHash, NEW)).toBe(true);
    expect(await passwordMatches(newHash, OLD)).toBe(false);
    expect(await sessionIds(user.id)).toEqual([current]);
    expect(await sessionIds(bystander.id)).toEqual([bystanderSession]);
    // Proven right: earlier mistakes no longer count toward the lock-out.
    expect(await prisma.signInFailure.findUnique({ where: { email: user.email } })).toBeNull();

    const audits = await auditsAbout(user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: user.id,
      action: 'change_password',
      entityId: user.id,
      after: { passwordChanged: true, sessionsEnded: 2 },
    });
    const written = JSON.stringify([audits[0].before, audits[0].after]);
    for (const secret of [OLD, NEW, oldHash, newHash]) expect(written).not.toContain(secret);
  });

  it('lets a viewer change their own password', async () => {
    const viewer = await userWithPassword('viewer');
    const current = await sessionOf(viewer.id);
    signInAs(viewer);
    expect(await changePassword(null, changeForm(current, OLD))).toMatchObject({ ok: true });
    expect(await passwordMatches(await hashOf(viewer.id), NEW)).toBe(true);
  });

  it('acts on the signed-in user only: a field naming someone else is ignored', async () => {
    const user = await userWithPassword('admin');
    const other = await userWithPassword('viewer', 'other');
    const otherHash = await hashOf(other.id);
    const otherSession = await sessionOf(other.id);
    const current = await sessionOf(user.id);

    signInAs(user);
    const data = changeForm(current, OLD);
    data.append('userId', other.id);
    expect(await changePassword(null, data)).toMatchObject({ ok: true });
    expect(await hashOf(other.id)).toBe(otherHash);
    expect(await sessionIds(other.id)).toEqual([otherSession]);
    expect(await passwordMatches(await hashOf(user.id), NEW)).toBe(true);
  });

  it('is refused to anyone not signed in, and to a deactivated account', async () => {
    const user = await userWithPassword('admin');
    const current = await sessionOf(user.id);
    const hash = await hashOf(user.id);
    expect(await changePassword(null, changeForm(current, OLD))).toMatchObject({
      ok: false,
      reason: 'unauthenticated',
    });
    signInAs({ ...user, deactivatedAt: new Date() });
    expect(await changePassword(null, changeForm(current, OLD))).toMatchObject({
      ok: false,
      reason: 'deactivated',
    });
    expect(await hashOf(user.id)).toBe(hash);
  });

  it.each([
    ['too short', 'short', 'newPassword', /at least 12/],
    ['only whitespace', ' '.repeat(16), 'newPassword', /spaces/],
    ['too long', 'x'.repeat(129), 'newPassword', /at most 128/],
    ['the same as the current one', OLD, 'newPassword', /different/],
  ])('refuses a new password %s, before checking the current one', async (_, next, field, message) => {
    const user = await userWithPassword('analyst');
    const current = await sessionOf(user.id);
    const hash = await hashOf(user.id);
    signInAs(user);
    const result = await changePassword(null, changeForm(current, OLD, next));
    expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.stringMatching(message)] } });
    expect(await hashOf(user.id)).toBe(hash);
    expect(await prisma.signInFailure.findUnique({ where: { email: user.email } })).toBeNull();
  });

  it('refuses a confirmation that differs, keeping no password in what it sends back', async () => {
    const user = await userWithPassword('analyst');
    const current = await sessionOf(user.id);
    signInAs(user);
    const result = await changePassword(null, changeForm(current, OLD, NEW, `${NEW}!`));
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { confirmPassword: ['This is not the same as the new password.'] },
    });
    expect(Object.keys((result as { values: object }).values)).toEqual(['sessionId']);
  });

  it('counts toward the sign-in lock-out, and once locked refuses even the right password', async () => {
    const user = await userWithPassword('analyst');
    const current = await sessionOf(user.id);
    const hash = await hashOf(user.id);
    signInAs(user);
    for (let attempt = 0; attempt < SIGN_IN_FAILURES.max; attempt++) {
      expect(await changePassword(null, changeForm(current, `guess number ${attempt}`))).toMatchObject({
        ok: false,
        fieldErrors: { currentPassword: ['That is not your current password.'] },
      });
    }
    // The very counter the sign-in endpoint reads (lib/auth/create-auth.ts): sign-in is locked too.
    expect(await signInLockedFor(prisma, user.email)).toBeGreaterThan(0);
    expect(await changePassword(null, changeForm(current, OLD))).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: [expect.stringMatching(/Too many wrong passwords/)] },
    });
    expect(await hashOf(user.id)).toBe(hash);
    expect(await auditsAbout(user.id)).toEqual([]);
  });

  it('is locked by failed sign-ins too', async () => {
    const user = await userWithPassword('viewer');
    for (let i = 0; i < SIGN_IN_FAILURES.max; i++) await recordSignInFailure(prisma, user.email);
    await expect(
      changeOwnPassword({ currentPassword: OLD, newPassword: NEW, keepSessionId: null }, user.id, prisma),
    ).rejects.toMatchObject({
      fieldErrors: { currentPassword: [expect.stringMatching(/Too many wrong passwords/)] },
    });
  });

  it('loses to a change that landed after the current password was checked', async () => {
    const user = await userWithPassword('analyst');
    const [first, second] = await Promise.allSettled([
      changeOwnPassword({ currentPassword: OLD, newPassword: NEW, keepSessionId: null }, user.id, prisma),
      changeOwnPassword(
        { currentPassword: OLD, newPassword: `${NEW} two`, keepSessionId: null },
        user.id,
        prisma,
      ),
    ]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [first, second].find((outcome) => outcome.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(RuleViolationError);
    expect(await auditsAbout(user.id)).toHaveLength(1);
  });
});

describe('an admin resetting someone’s password', () => {
  it('generates one shown once, ends all their sessions and audits it with the admin as author', async () => {
    const admin = await userWithPassword('admin');
    const target = await userWithPassword('viewer', 'target');
    await createTestSession(prisma, target.id);
    await createTestSession(prisma, target.id);
    for (let i = 0; i < SIGN_IN_FAILURES.max; i++) await recordSignInFailure(prisma, target.email);
    const oldHash = await hashOf(target.id);

    signInAs(admin);
    const result = await resetUserPasswordAction(null, form({ userId: target.id, password: '' }));

    expect(result).toMatchObject({ ok: true });
    const generated = (result as { generatedPassword: string }).generatedPassword;
    expect(generated).toMatch(/^[A-Za-z0-9]{24}$/);
    const newHash = await hashOf(target.id);
    expect(await passwordMatches(newHash, generated)).toBe(true);
    expect(await sessionIds(target.id)).toEqual([]);
    expect(await signInLockedFor(prisma, target.email)).toBeNull();
    const audits = await auditsAbout(target.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      action: 'reset_password',
      after: { passwordChanged: true, passwordGenerated: true, sessionsEnded: 2 },
    });
    for (const secret of [generated, oldHash, newHash])
      expect(JSON.stringify([audits[0].before, audits[0].after])).not.toContain(secret);
  });

  it('takes a password the admin types, if it meets the rules', async () => {
    const admin = await userWithPassword('admin');
    const target = await userWithPassword('analyst', 'target');
    const hash = await hashOf(target.id);
    signInAs(admin);
    expect(
      await resetUserPasswordAction(null, form({ userId: target.id, password: 'too short' })),
    ).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/at least 12/)] } });
    expect(
      await resetUserPasswordAction(null, form({ userId: target.id, password: ' '.repeat(20) })),
    ).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/spaces/)] } });
    expect(await hashOf(target.id)).toBe(hash);

    const result = await resetUserPasswordAction(null, form({ userId: target.id, password: NEW }));
    expect(result).toMatchObject({ ok: true, generatedPassword: null });
    expect(await passwordMatches(await hashOf(target.id), NEW)).toBe(true);
  });

  it('is not for the admin’s own account', async () => {
    const admin = await userWithPassword('admin');
    const hash = await hashOf(admin.id);
    signInAs(admin);
    const result = await resetUserPasswordAction(null, form({ userId: admin.id, password: NEW }));
    expect(result).toMatchObject({ ok: false, reason: 'rejected', message: expect.stringMatching(/own/) });
    expect(await hashOf(admin.id)).toBe(hash);
    expect(await auditsAbout(admin.id)).toEqual([]);
  });

  it.each(['viewer', 'analyst'] as const)('is refused to a %s', async (role) => {
    const caller = await userWithPassword(role, 'caller');
    const target = await userWithPassword('viewer', 'target');
    const targetSession = await sessionOf(target.id);
    const hash = await hashOf(target.id);
    signInAs(caller);
    expect(await resetUserPasswordAction(null, form({ userId: target.id, password: NEW }))).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(await hashOf(target.id)).toBe(hash);
    expect(await sessionIds(target.id)).toEqual([targetSession]);
  });

  it('gives a user without a credential account one', async () => {
    const admin = await userWithPassword('admin');
    const target = await createTestUser(prisma, 'viewer', { label: 'passwordless' });
    await resetUserPassword({ userId: target.id, password: NEW, generated: false }, admin.id, prisma);
    expect(await passwordMatches(await hashOf(target.id), NEW)).toBe(true);
  });
});

describe('the password rules', () => {
  it('refuse whitespace alone wherever a password is stored', async () => {
    await expect(hashForStorage('\t'.repeat(14))).rejects.toThrow(/spaces/);
  });
});
