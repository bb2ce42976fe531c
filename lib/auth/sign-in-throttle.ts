// Failed sign-ins per e-mail address, kept in PostgreSQL (SignInFailure) so every app instance sees the same
// count. Better Auth's own limiter counts requests per client address, in each instance's memory (so N instances
// allow N times its limit) and believes X-Forwarded-For only from PACTWATCH_TRUSTED_PROXIES; this one caps password
// guessing against a single account across instances, however many addresses the guesses come from.
// Only failed attempts write here, each one first let through by the per-address limit (10 a minute).
// The cost: someone who knows an e-mail can lock that account out for a window. We accept it: the window is short.
import type { PrismaClient } from '../generated/prisma/client.ts';

export const SIGN_IN_FAILURES = {
  /** Failed attempts allowed per window before further attempts are refused. */
  max: 10,
  windowSeconds: 15 * 60,
};

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Seconds until this address may try again, or null when it may try now. Time is the database's, like the writes'. */
export async function signInLockedFor(db: Db, email: string): Promise<number | null> {
  const window = `${SIGN_IN_FAILURES.windowSeconds} seconds`;
  const rows = await db.$queryRaw<{ seconds: number }[]>`
    SELECT ceil(extract(epoch FROM ("windowStart" + ${window}::interval - now())))::int AS "seconds"
    FROM "SignInFailure"
    WHERE "email" = ${normaliseEmail(email)} AND "count" >= ${SIGN_IN_FAILURES.max}
      AND "windowStart" > now() - ${window}::interval`;
  return rows[0] ? Math.max(1, rows[0].seconds) : null;
}

/** Counts one failure in one statement (no read-then-write race between instances); starts a new window when the old one ended. */
export async function recordSignInFailure(db: Db, email: string): Promise<void> {
  const window = `${SIGN_IN_FAILURES.windowSeconds} seconds`;
  await db.$executeRaw`
    INSERT INTO "SignInFailure" ("email", "count", "windowStart") VALUES (${normaliseEmail(email)}, 1, now())
    ON CONFLICT ("email") DO UPDATE SET
      "count" = CASE WHEN "SignInFailure"."windowStart" <= now() - ${window}::interval THEN 1
                     ELSE "SignInFailure"."count" + 1 END,
      "windowStart" = CASE WHEN "SignInFailure"."windowStart" <= now() - ${window}::interval THEN now()
                           ELSE "SignInFailure"."windowStart" END`;
  // Rows of windows long past would otherwise pile up, one per mistyped address.
  await db.$executeRaw`DELETE FROM "SignInFailure" WHERE "windowStart" < now() - interval '1 day'`;
}

/** A successful sign-in proves the password: earlier mistakes no longer count. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "SignInFailure" WHERE "email" = ${normaliseEmail(email)}`;
}
