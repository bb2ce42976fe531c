// Sending notifications by e-mail: claim, then send. One statement marks a user's unsent notifications as e-mailed
// (FOR UPDATE SKIP LOCKED, so two instances never claim the same row) and returns them; then one message per user
// goes out. A failed send un-claims that user's rows for the next run; a process that dies between claim and send
// loses that message rather than ever sending it twice (at most once, never silently twice).
//
// Immediate: every PACTWATCH_MAIL_IMMEDIATE_SECONDS, what arrived in the last day. Daily: once a day, one digest per
// user of what arrived before today (UTC) in the last week and was neither e-mailed nor read; a second run the same
// day finds nothing, because the day's rows are claimed. Older rows are never mailed: switching e-mail on does not
// send a backlog. Free of lib/db.ts: the scheduler gives the client.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { formatDay, today as todayUtc } from '../domain/dates.ts';
import { composeDigest, createMailer, type Digest, type Mailer } from './mail.ts';

type Frequency = 'immediate' | 'daily';

type Claimed = {
  id: bigint;
  userId: string;
  name: string;
  email: string;
  summary: string;
  commitmentId: number;
  statusUpdateId: number | null;
  createdAt: Date;
};

/** At most this many notifications are claimed per run (the rest go next run). */
const CLAIM_LIMIT = 2_000;

async function claim(db: PrismaClient, frequency: Frequency, now: Date): Promise<Claimed[]> {
  const window =
    frequency === 'immediate'
      ? Prisma.sql`n."createdAt" > ${now}::timestamptz - interval '1 day'`
      : Prisma.sql`n."createdAt" < ${todayUtc(now)}::timestamptz
                   AND n."createdAt" >= ${todayUtc(now)}::timestamptz - interval '7 days' AND n."readAt" IS NULL`;
  return db.$queryRaw<Claimed[]>`
    WITH claimable AS (
      SELECT n.id FROM "Notification" n JOIN "User" u ON u.id = n."userId"
       WHERE n."emailedAt" IS NULL AND u."emailFrequency" = ${frequency}::"EmailFrequency"
         AND u."deactivatedAt" IS NULL AND ${window}
       ORDER BY n.id
       LIMIT ${CLAIM_LIMIT}
       FOR UPDATE OF n SKIP LOCKED
    ), claimed AS (
      UPDATE "Notification" n SET "emailedAt" = ${now}
        FROM claimable WHERE n.id = claimable.id
      RETURNING n.id, n."userId", n."eventId", n."createdAt"
    )
    SELECT c.id, c."userId", u.name, u.email, e.summary, e."commitmentId", e."statusUpdateId", c."createdAt"
      FROM claimed c JOIN "User" u ON u.id = c."userId" JOIN "NotificationEvent" e ON e.id = c."eventId"
     ORDER BY c."userId", c."createdAt", c.id`;
}

function byUser(rows: Claimed[]): Claimed[][] {
  const groups = new Map<string, Claimed[]>();
  for (const row of rows) {
    const group = groups.get(row.userId);
    if (group) group.push(row);
    else groups.set(row.userId, [row]);
  }
  return [...groups.values()];
}

export type SendOutcome = { messages: number; failed: number };

async function sendClaimed(
  db: PrismaClient,
  frequency: Frequency,
  now: Date,
  mailer: Mailer,
): Promise<SendOutcome> {
  const rows = await claim(db, frequency, now);
  let messages = 0;
  const errors: unknown[] = [];
  for (const group of byUser(rows)) {
    const [first] = group;
    const digest: Digest = {
      to: { id: first.userId, name: first.name, email: first.email },
      items: group,
      kind: frequency,
      day: frequency === 'daily' ? formatDay(todayUtc(now)) : undefined,
    };
    try {
      await mailer.send(composeDigest(digest));
      messages++;
    } catch (error) {
      errors.push(error);
      // Not sent: un-claim, so the next run tries again.
      const ids = group.map((row) => row.id);
      await db.$executeRaw`UPDATE "Notification" SET "emailedAt" = NULL WHERE id = ANY(${ids}::bigint[])`;
    }
  }
  if (errors.length) {
    const cause = errors[0];
    throw new Error(
      `${errors.length} of ${messages + errors.length} e-mails failed (they are tried again next run): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
  }
  return { messages, failed: 0 };
}

/** One message per user with what they were told since the last run; nothing when SMTP_URL is unset. */
export async function sendImmediateEmails(
  db: PrismaClient,
  options: { now?: Date; mailer?: Mailer | null } = {},
): Promise<SendOutcome> {
  return withMailer(options.mailer, (mailer) =>
    sendClaimed(db, 'immediate', options.now ?? new Date(), mailer),
  );
}

/** One digest per user who chose daily e-mail; nothing when SMTP_URL is unset. */
export async function sendDailyDigests(
  db: PrismaClient,
  options: { now?: Date; mailer?: Mailer | null } = {},
): Promise<SendOutcome> {
  return withMailer(options.mailer, (mailer) => sendClaimed(db, 'daily', options.now ?? new Date(), mailer));
}

async function withMailer(
  given: Mailer | null | undefined,
  run: (mailer: Mailer) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  const mailer = given === undefined ? createMailer() : given;
  if (!mailer) return { messages: 0, failed: 0 };
  try {
    return await run(mailer);
  } finally {
    if (given === undefined) mailer.close();
  }
}
