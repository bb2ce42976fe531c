// Users as the admin screen manages them. Every write runs in one transaction with its audit event; the rule
// "at least one active admin" is checked under a row lock on the active admins, so two admins demoting each
// other at the same moment cannot both succeed. Each function takes the client last (default: the app's), so
// tests can run them on a database of their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import {
  hashForStorage,
  insertCredentialUser,
  newId,
  passwordMatches,
  passwordProblem,
} from '../auth/credentials.ts';
import type { Role } from '../auth/permissions.ts';
import { clearSignInFailures, recordSignInFailure, signInLockedFor } from '../auth/sign-in-throttle.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors.ts';
import { recordAudit } from './audit.ts';

const userRowSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  deactivatedAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userRowSelect }>;

/** Everyone, active users first, then by name. The list is short (a team), so it is not paginated. */
export async function listUsers(client: PrismaClient = db): Promise<UserRow[]> {
  return client.user.findMany({
    select: userRowSelect,
    orderBy: [{ deactivatedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }, { email: 'asc' }],
  });
}

export async function countActiveAdmins(client: PrismaClient = db): Promise<number> {
  return client.user.count({ where: { role: 'admin', deactivatedAt: null } });
}

function auditedColumns(user: UserRow) {
  return { name: user.name, email: user.email, role: user.role, deactivatedAt: user.deactivatedAt };
}

/**
 * Locks the active admins' rows until the transaction ends and returns how many there are. A concurrent
 * demotion or deactivation waits here, then re-reads and sees this one's outcome.
 */
async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'admin' AND "deactivatedAt" IS NULL FOR UPDATE`;
  return rows.length;
}

async function getUserForUpdateOrThrow(tx: Prisma.TransactionClient, userId: string): Promise<UserRow> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: userRowSelect });
  if (!user) throw new NotFoundError('user');
  return user;
}

const LAST_ADMIN =
  'This is the last active admin. Make another user an admin first, so someone can still manage users.';

export async function createUserWithPassword(
  input: { email: string; name: string; role: Role; password: string },
  actorId: string,
  client: PrismaClient = db,
): Promise<UserRow> {
  const passwordHash = await hashForStorage(input.password);
  try {
    return await client.$transaction(async (tx) => {
      const { id } = await insertCredentialUser(tx, { ...input, passwordHash });
      const user = await getUserForUpdateOrThrow(tx, id);
      await recordAudit(tx, {
        actorId,
        action: 'create',
        entityType: 'User',
        entityId: id,
        after: auditedColumns(user),
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('email', 'A user with this e-mail address already exists.');
    }
    throw error;
  }
}

export async function updateUserRole(
  input: { userId: string; role: Role },
  actorId: string,
  client: PrismaClient = db,
): Promise<UserRow> {
  return client.$transaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = await getUserForUpdateOrThrow(tx, input.userId);
    if (before.role === input.role) return before;
    if (before.role === 'admin' && !before.deactivatedAt && activeAdmins <= 1)
      throw new RuleViolationError(LAST_ADMIN);
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role },
      select: userRowSelect,
    });
    await recordAudit(tx, {
      actorId,
      action: 'update',
      entityType: 'User',
      entityId: input.userId,
      before: auditedColumns(before),
      after: auditedColumns(after),
    });
    return after;
  });
}

/** Deactivates the user and deletes every session of theirs in the same transaction: they are signed out everywhere at once. */
export async function deactivateUser(
  input: { userId: string },
  actorId: string,
  client: PrismaClient = db,
): Promise<UserRow> {
  return client.$transaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = await getUserForUpdateOrThrow(tx, input.userId);
    if (before.deactivatedAt) return before;
    if (before.role === 'admin' && activeAdmins <= 1) throw new RuleViolationError(LAST_ADMIN);
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { deactivatedAt: new Date() },
      select: userRowSelect,
    });
    const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
    await recordAudit(tx, {
      actorId,
      action: 'deactivate',
      entityType: 'User',
      entityId: input.userId,
      before: auditedColumns(before),
      after: { ...auditedColumns(after), sessionsEnded: ended.count },
    });
    return after;
  });
}

export async function reactivateUser(
  input: { userId: string },
  actorId: string,
  client: PrismaClient = db,
): Promise<UserRow> {
  return client.$transaction(async (tx) => {
    const before = await getUserForUpdateOrThrow(tx, input.userId);
    if (!before.deactivatedAt) return before;
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { deactivatedAt: null },
      select: userRowSelect,
    });
    await recordAudit(tx, {
      actorId,
      action: 'reactivate',
      entityType: 'User',
      entityId: input.userId,
      before: auditedColumns(before),
      after: auditedColumns(after),
    });
    return after;
  });
}

// ---- passwords ---------------------------------------------------------------------------------------------
// Never in an audit event, a log line or an error message: neither a password nor its hash. Hashing and checking
// (scrypt, slow on purpose) happen before the transaction, so no row lock waits on them.

const WRONG_CURRENT_PASSWORD = 'That is not your current password.';

/** A refusal shown beside one field of the form, with a summary above the button. */
function fieldRefusal(field: string, message: string, summary = 'The password was not changed.') {
  return new RuleViolationError(summary, { [field]: [message] });
}

function lockedOutMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Someone changes their own password: the current one must be right (a wrong one counts toward the same lock-out
 * as a failed sign-in, so this form cannot be used to guess passwords either), the new one must meet the rules and
 * differ from it. Ends every other session of theirs (`keepSessionId`, the one they did this in, stays signed in),
 * with the audit event, in one transaction.
 */
export async function changeOwnPassword(
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null },
  userId: string,
  client: PrismaClient = db,
): Promise<{ sessionsEnded: number }> {
  const user = await client.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      deactivatedAt: true,
      accounts: { where: { providerId: 'credential' }, select: { id: true, password: true }, take: 1 },
    },
  });
  if (!user || user.deactivatedAt) throw new NotFoundError('user');
  const account = user.accounts[0];
  if (!account?.password) {
    throw new RuleViolationError('This account has no password to change. Ask an admin to set one.');
  }
  // Cheap checks first: none of them says anything about the current password.
  if (input.newPassword === input.currentPassword) {
    throw fieldRefusal('newPassword', 'Choose a password different from your current one.');
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw fieldRefusal('newPassword', problem);
  const wait = await signInLockedFor(client, user.email);
  if (wait !== null) throw fieldRefusal('currentPassword', lockedOutMessage(wait));
  if (!(await passwordMatches(account.password, input.currentPassword))) {
    await recordSignInFailure(client, user.email);
    throw fieldRefusal('currentPassword', WRONG_CURRENT_PASSWORD);
  }

  const passwordHash = await hashForStorage(input.newPassword);
  return client.$transaction(async (tx) => {
    // Only over the hash that was checked: had another change landed meanwhile, the current password was not
    // checked against it.
    const updated = await tx.account.updateMany({
      where: { id: account.id, password: account.password },
      data: { password: passwordHash },
    });
    if (updated.count !== 1) {
      throw new RuleViolationError('Your password was changed meanwhile. Reload the page and try again.');
    }
    const ended = await tx.session.deleteMany({
      where: { userId, ...(input.keepSessionId ? { NOT: { id: input.keepSessionId } } : {}) },
    });
    // As a successful sign-in does: the password is proven, earlier mistakes no longer count.
    await clearSignInFailures(tx, user.email);
    await recordAudit(tx, {
      actorId: userId,
      action: 'change_password',
      entityType: 'User',
      entityId: userId,
      after: { passwordChanged: true, sessionsEnded: ended.count },
    });
    return { sessionsEnded: ended.count };
  });
}

/**
 * An admin sets a new password for someone else and signs them out everywhere, with the audit event naming the
 * admin. Also lifts a sign-in lock-out: the guesses it counted were against the old password. Not for the
 * admin's own account: they change theirs on /me/password, which asks for the current one.
 */
export async function resetUserPassword(
  input: { userId: string; password: string; generated: boolean },
  actorId: string,
  client: PrismaClient = db,
): Promise<{ user: UserRow; sessionsEnded: number }> {
  if (input.userId === actorId) {
    throw new RuleViolationError('To change your own password, use Change password in your account menu.');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw fieldRefusal('password', problem, 'The password was not set.');
  if (!(await client.user.count({ where: { id: input.userId } }))) throw new NotFoundError('user');

  const passwordHash = await hashForStorage(input.password);
  return client.$transaction(async (tx) => {
    const user = await getUserForUpdateOrThrow(tx, input.userId);
    const updated = await tx.account.updateMany({
      where: { userId: input.userId, providerId: 'credential' },
      data: { password: passwordHash },
    });
    if (updated.count === 0) {
      // Every user made here has a credential account; one made some other way gets it now.
      await tx.account.create({
        data: {
          id: newId(),
          accountId: input.userId,
          providerId: 'credential',
          userId: input.userId,
          password: passwordHash,
        },
      });
    }
    const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
    await clearSignInFailures(tx, user.email);
    await recordAudit(tx, {
      actorId,
      action: 'reset_password',
      entityType: 'User',
      entityId: input.userId,
      after: { passwordChanged: true, passwordGenerated: input.generated, sessionsEnded: ended.count },
    });
    return { user, sessionsEnded: ended.count };
  });
}
