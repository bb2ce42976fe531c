// Users for integration tests, written straight into the test database. Each call makes a new user with a
// unique e-mail, so tests never share (or trip over) each other's accounts.
import { hashForStorage, insertCredentialUser, newId } from '../../lib/auth/credentials.ts';
import type { Role } from '../../lib/auth/permissions.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { unique } from './db.ts';

export type TestUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  deactivatedAt: Date | null;
  /** Set only when asked for: hashing is slow on purpose. */
  password: string | null;
};

export async function createTestUser(
  prisma: PrismaClient,
  role: Role,
  options: { deactivated?: boolean; password?: string; label?: string } = {},
): Promise<TestUser> {
  const label = options.label ?? role;
  const email = `${unique(label)}@test.pactwatch.local`.toLowerCase();
  const name = `Test ${label}`;
  const deactivatedAt = options.deactivated ? new Date() : null;
  if (options.password) {
    const passwordHash = await hashForStorage(options.password);
    const user = await insertCredentialUser(prisma, { email, name, role, passwordHash });
    if (deactivatedAt) await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt } });
    return { ...user, deactivatedAt, password: options.password };
  }
  const user = await prisma.user.create({
    data: { id: newId(), email, name, role, deactivatedAt, emailVerified: true },
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true },
  });
  return { ...user, password: null };
}

/** A live session row for the user, as Better Auth would write on sign-in. */
export async function createTestSession(prisma: PrismaClient, userId: string): Promise<string> {
  const token = newId();
  await prisma.session.create({
    data: { id: newId(), token, userId, expiresAt: new Date(Date.now() + 3600_000) },
  });
  return token;
}
