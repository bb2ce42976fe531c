// On the embedded database's first start (no users at all), creates a demo admin and prints its e-mail and a
// generated password once, so a newcomer's `npm start` can sign in. scripts/start.ts calls it only for the
// embedded database, never for an external DATABASE_URL.
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../../lib/generated/prisma/client.ts';
import { generatePassword, hashForStorage, insertCredentialUser } from '../../lib/auth/credentials.ts';
import { recordAudit } from '../../lib/data/audit.ts';

export const DEMO_ADMIN_EMAIL = 'admin@pactwatch.local';

export async function ensureDemoAdmin(connectionString: string, log: (line: string) => void): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 1 }) });
  try {
    await ensureDemoAdminWith(prisma, log);
  } finally {
    await prisma.$disconnect();
  }
}

/** The same over a client the caller owns (tests use a schema of their own). Returns whether it created one. */
export async function ensureDemoAdminWith(
  prisma: PrismaClient,
  log: (line: string) => void,
): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  const password = generatePassword();
  const passwordHash = await hashForStorage(password);
  try {
    await prisma.$transaction(async (tx) => {
      const user = await insertCredentialUser(tx, {
        email: DEMO_ADMIN_EMAIL,
        name: 'Demo admin',
        role: 'admin',
        passwordHash,
      });
      await recordAudit(tx, {
        actorId: null,
        action: 'create',
        entityType: 'User',
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role, demo: true },
      });
    });
  } catch (error) {
    // Another process created it between our count and our insert: that one printed the password.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
  // The one place a password is printed, by design: it exists nowhere else but as a hash.
  log('');
  log('  A demo admin was created. Sign in with:');
  log(`    e-mail:   ${DEMO_ADMIN_EMAIL}`);
  log(`    password: ${password}`);
  log('  This password is shown only now. Create real users on the Users page, then deactivate this one.');
  log('');
  return true;
}
