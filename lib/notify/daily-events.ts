// The scheduler's daily events for followed commitments: overdue, due within 14 days, stale and contradicted, by
// the same SQL as the needs-attention flags (lib/data/attention-sql.ts, proven equal to lib/domain/attention.ts).
// One statement writes the events and their notifications. Each event's key names the commitment and the episode
// it belongs to (the due day, the day of the newest news), so it is written once per episode however many
// instances run the job, however often, even at the same moment: INSERT … ON CONFLICT (key) DO NOTHING returns
// only the rows this statement inserted, and only those get notifications. Free of lib/db.ts: the job gets its
// client from the scheduler.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { today as todayUtc } from '../domain/dates.ts';
import { attentionSql } from '../data/attention-sql.ts';
import { day } from '../data/sql.ts';

/** "Due soon": due within this many days from today (today included). */
const DUE_SOON_DAYS = 14;

/** Writes today's events for every followed commitment; returns how many events were new. */
export async function writeDailyEvents(
  db: PrismaClient | Prisma.TransactionClient,
  options: { now?: Date; staleAfterDays?: number } = {},
): Promise<number> {
  const today = todayUtc(options.now ?? new Date());
  const sql = attentionSql({ today, staleAfterDays: options.staleAfterDays });
  const on = day(today);
  const rows = await db.$queryRaw<{ events: bigint }[]>`
    WITH followed AS (
      SELECT "commitmentId" AS id FROM "Follow" WHERE "commitmentId" IS NOT NULL
      UNION
      SELECT c.id FROM "Commitment" c JOIN "Follow" f ON f."agreementId" = c."agreementId"
      UNION
      SELECT cp."commitmentId" FROM "CommitmentParty" cp
        JOIN "Follow" f ON f."partyId" = cp."partyId" AND cp.role = 'responsible'
    ), flagged AS (
      SELECT c.id, c.title, c."dueOn",
             coalesce(${sql.lastOn}, (c."createdAt" AT TIME ZONE 'UTC')::date) AS news_on,
             ${sql.lastOn} AS last_on,
             ${sql.flags.overdue} AS overdue, ${sql.flags.stale} AS stale,
             ${sql.flags.contradicted} AS contradicted,
             (c."recurrenceMonths" IS NULL AND c."dueOn" >= ${on}
               AND c."dueOn" <= ${on} + ${DUE_SOON_DAYS}::int
               AND ${sql.status} NOT IN ('fulfilled', 'broken')) AS due_soon
        FROM "Commitment" c
        ${sql.joins}
       WHERE c.id IN (SELECT id FROM followed) AND c."archivedAt" IS NULL
    ), candidates AS (
      SELECT k.kind, k.key, f.id AS commitment_id, k.summary
        FROM flagged f
        CROSS JOIN LATERAL (VALUES
          ('overdue'::"NotificationKind", f.overdue,
           'overdue:' || f.id || ':' || coalesce(f."dueOn"::text, 'period-' || to_char(${on}, 'YYYY-MM')),
           f.title || ': overdue' || coalesce(' (due ' || f."dueOn"::text || ')', '')),
          ('due_soon'::"NotificationKind", f.due_soon,
           'due_soon:' || f.id || ':' || f."dueOn"::text,
           f.title || ': due on ' || f."dueOn"::text),
          ('stale'::"NotificationKind", f.stale,
           'stale:' || f.id || ':' || f.news_on::text,
           f.title || ': stale (no news since ' || f.news_on::text || ')'),
          ('contradicted'::"NotificationKind", f.contradicted,
           'contradicted:' || f.id || ':' || coalesce(f.last_on::text, ''),
           f.title || ': the newest evidence contradicts it')
        ) AS k(kind, hit, key, summary)
       WHERE k.hit
    ), events AS (
      INSERT INTO "NotificationEvent" (key, kind, "commitmentId", summary)
      SELECT key, kind, commitment_id, summary FROM candidates
      ON CONFLICT (key) DO NOTHING
      RETURNING id, "commitmentId"
    ), delivered AS (
      INSERT INTO "Notification" ("userId", "eventId")
      SELECT f.user_id, e.id FROM events e CROSS JOIN LATERAL pactwatch_followers(e."commitmentId") f
      ON CONFLICT ("userId", "eventId") DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::bigint AS events FROM events`;
  return Number(rows[0]?.events ?? 0);
}
