// Users as the admin screen manages them. Every write runs in one transaction with its audit event; the rule
// "at least one active admin" is checked under a row lock on the active admins, so two admins demoting each
// other at the same moment cannot both succeed. Each function takes the client last (default: the app's), so
// tests can run them on a database of their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { hashForStorage, insertCredentialUser } from '../auth/credentials.ts';
import type { Role } from '../auth/permissions.ts';
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
