// Per-party statuses at fixed past days (docs/decisions/021-status-snapshots.md): the party dashboard's chart asks
// for a year of month-ends over every responsibility of a party and the parties under it (at scale 100, 2,200
// responsibilities × 12 days, each an index probe into the status history: 300–450 ms). The past does not move
// unless the history does, so the statuses at month-ends are kept in ResponsibilitySnapshot, for the days listed in
// SnapshotDay, and read from there.
//
// Exact at every moment, by construction:
// - a day counts as kept only once SnapshotDay lists it, and it is listed in the same transaction that wrote every
//   responsibility's row for it (fillSnapshotDays);
// - every transaction that changes a commitment's history or its responsible parties calls refreshStatusCache,
//   which rewrites that commitment's rows for every listed day (refreshSnapshots), from the same rule
//   (statusAsOfSql, through the cache where it decides the day);
// - the two cannot miss each other: a fill holds an exclusive advisory lock, a refresh a shared one, so a fill
//   waits for writers in flight to commit and reads after them, and a writer that waited for a fill reads the day
//   it listed. Days not listed (today, a mid-month as-of day, a month not yet filled) are computed from history.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { addDays, compareDays, formatDay, today as todayUtc } from '../domain/dates.ts';
import { monthEnds } from '../domain/compliance.ts';
import { statusAsOfCachedSql } from './compliance-sql.ts';

/** The advisory lock between fills (exclusive) and refreshes (shared): one key, in a class of its own. */
const SNAPSHOT_LOCK = Prisma.sql`hashtext('pactwatch.snapshots')`;

/** How many past month-ends the job keeps: the party chart's year, and the month before it. */
export const SNAPSHOT_MONTHS = 13;

/**
 * The status of each responsibility of `commitmentFilter`'s commitments at each day of `days` (an SQL date[]), from
 * the status cache where it decides the day and history where it does not: rows for ResponsibilitySnapshot.
 */
function snapshotRows(commitmentFilter: Prisma.Sql, days: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT cp."commitmentId", cp."partyId", d.day, s.status
      FROM "CommitmentParty" cp
      LEFT JOIN "CommitmentPartyStatus" ps ON ps."commitmentId" = cp."commitmentId" AND ps."partyId" = cp."partyId"
      CROSS JOIN unnest(${days}) AS d(day)
      CROSS JOIN LATERAL (
        SELECT ${statusAsOfCachedSql({
          cachedStatus: Prisma.sql`ps.status`,
          cachedSince: Prisma.sql`ps."statusSince"`,
          commitment: Prisma.sql`cp."commitmentId"`,
          day: Prisma.sql`d.day`,
          party: Prisma.sql`cp."partyId"`,
        })} AS status
      ) s
     WHERE cp.role = 'responsible' AND ${commitmentFilter} AND s.status IS NOT NULL`;
}

/**
 * Rewrites the snapshot rows of the commitments `ids` (an SQL int[]) for every listed day: statements of
 * refreshStatusCache's function (lib/data/status-cache.ts), run after it has rewritten CommitmentPartyStatus, in the
 * writer's transaction.
 */
export function snapshotRefreshStatements(ids: Prisma.Sql, changedFrom: Prisma.Sql): Prisma.Sql[] {
  return [
    Prisma.sql`PERFORM pg_advisory_xact_lock_shared(${SNAPSHOT_LOCK})`,
    // A kept day d depends only on rows with observedFrom <= d (and observedOn <= d, which is later), so a change
    // whose earliest observedFrom is after every kept day leaves every row alone: a follow-up dated this month.
    // Read under the lock above, so a day being added now (fillSnapshotDays) waits for this transaction.
    Prisma.sql`IF ${changedFrom} IS NULL OR ${changedFrom} <= (SELECT max(day) FROM "SnapshotDay") THEN
    DELETE FROM "ResponsibilitySnapshot" WHERE "commitmentId" = ANY(${ids});
    INSERT INTO "ResponsibilitySnapshot" ("commitmentId", "partyId", day, status)
    ${snapshotRows(
      Prisma.sql`cp."commitmentId" = ANY(${ids})`,
      Prisma.sql`(SELECT coalesce(array_agg(day), '{}') FROM "SnapshotDay")`,
    )};
    END IF`,
  ];
}

/**
 * Keeps `days` (each in a transaction of its own): every responsibility's row for the day, then the day listed.
 * Days already listed are left alone. Returns the days filled.
 */
export async function fillSnapshotDays(client: PrismaClient, days: readonly Date[]): Promise<Date[]> {
  const filled: Date[] = [];
  for (const day of days) {
    const done = await client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK})`;
        const listed = await tx.$queryRaw<unknown[]>`
          SELECT 1 FROM "SnapshotDay" WHERE day = ${formatDay(day)}::date`;
        if (listed.length) return false;
        // Left behind by a day dropped while a writer still wrote it: replaced, not merged.
        await tx.$executeRaw`DELETE FROM "ResponsibilitySnapshot" WHERE day = ${formatDay(day)}::date`;
        await tx.$executeRaw`
          INSERT INTO "ResponsibilitySnapshot" ("commitmentId", "partyId", day, status)
          ${snapshotRows(Prisma.sql`true`, Prisma.sql`ARRAY[${formatDay(day)}::date]`)}`;
        await tx.$executeRaw`INSERT INTO "SnapshotDay" (day) VALUES (${formatDay(day)}::date)`;
        return true;
      },
      { timeout: 300_000 },
    );
    if (done) filled.push(day);
  }
  return filled;
}

/** Stops keeping `days`: unlisted first, so no reader uses them, then their rows removed. */
export async function dropSnapshotDays(client: PrismaClient, days: readonly Date[]): Promise<void> {
  if (!days.length) return;
  const list = days.map(formatDay);
  await client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK})`;
    await tx.$executeRaw`DELETE FROM "SnapshotDay" WHERE day = ANY(${list}::date[])`;
    await tx.$executeRaw`DELETE FROM "ResponsibilitySnapshot" WHERE day = ANY(${list}::date[])`;
  });
}

/** The month-ends the job keeps on `today`: the last SNAPSHOT_MONTHS before it (never today itself). */
export function snapshotMonthEnds(today: Date = todayUtc()): Date[] {
  const ends = monthEnds(addDays(today, -31 * (SNAPSHOT_MONTHS + 1)), today, SNAPSHOT_MONTHS + 2);
  return ends.filter((day) => compareDays(day, today) < 0).slice(-SNAPSHOT_MONTHS);
}

/** The scheduler's job: keep the recent month-ends, drop those past the window. */
export async function keepSnapshotMonths(client: PrismaClient, now: Date): Promise<void> {
  const keep = snapshotMonthEnds(todayUtc(now));
  const listed = await client.$queryRaw<{ day: Date }[]>`SELECT day FROM "SnapshotDay"`;
  const wanted = new Set(keep.map(formatDay));
  await dropSnapshotDays(
    client,
    listed.map((row) => row.day).filter((day) => !wanted.has(formatDay(day))),
  );
  await fillSnapshotDays(client, keep);
}
