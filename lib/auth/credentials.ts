// Users with an e-mail + password, written the way Better Auth reads them: a User row and a `credential` Account
// whose `accountId` is the user's id and whose `password` is Better Auth's own scrypt hash. Plain Node (no Next,
// no lib/db.ts) so user:create, the demo admin, tests and e2e helpers share it with the admin screen.
import { generateRandomString, hashPassword, verifyPassword } from 'better-auth/crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy.ts';
import type { Role } from './permissions.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Ids in Better Auth's style (random, URL-safe), so rows we write and rows it writes look alike. */
export function newId(): string {
  return generateRandomString(32, 'a-z', 'A-Z', '0-9');
}

/** A password for someone else to type once and then change: 24 characters, about 143 bits. */
export function generatePassword(): string {
  return generateRandomString(24, 'a-z', 'A-Z', '0-9');
}

/** Why this password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  // Twelve spaces pass the length rule and are the first thing anyone tries.
  if (!password.trim()) return 'Use something other than spaces alone.';
  return null;
}

/** Whether `password` is the one `hash` was made from, checked by Better Auth's own scrypt verification. */
export async function passwordMatches(hash: string, password: string): Promise<boolean> {
  // Longer than any password we accept: refuse without spending scrypt on a megabyte.
  if (!password || password.length > MAX_PASSWORD_LENGTH) return false;
  return verifyPassword({ hash, password });
}

export type NewCredentialUser = { email: string; name: string; role: Role; password: string };

/** Hashes outside any transaction: scrypt is slow on purpose and must not hold row locks while it works. */
export async function hashForStorage(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(`Password refused: ${problem}`);
  return hashPassword(password);
}

/** Writes the user and its credential account (call inside the caller's transaction, with a hash from hashForStorage). */
export async function insertCredentialUser(
  db: Db,
  user: Omit<NewCredentialUser, 'password'> & { passwordHash: string },
): Promise<{ id: string; email: string; name: string; role: Role }> {
  const id = newId();
  const created = await db.user.create({
    data: {
      id,
      email: user.email.trim().toLowerCase(),
      name: user.name.trim(),
      role: user.role,
      emailVerified: true,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  await db.account.create({
    data: { id: newId(), accountId: id, providerId: 'credential', userId: id, password: user.passwordHash },
  });
  return created;
}
