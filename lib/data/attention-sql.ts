// The needs-attention flags of lib/domain/attention.ts (overdue, stale, contradicted, weak) as SQL expressions over
// `"Commitment" c`, for many commitments in one statement. Free of the app's database client, so the status cache
// (lib/data/status-cache.ts, also run by scripts) can use the same expressions. lib/data/attention.ts runs them;
// tests/attention-sql.test.ts proves they say exactly what `attentionFlags()` says, current and as of a day.
//
// Three sources of the same answer:
// - "cache" (today, the default): the status cache on Commitment holds status, statusSince, lastEvidenceOn and
//   the two history-based flags (contradicted, weaklySupported), written in the transaction of every status
//   update. Overdue and stale depend on the day and are plain column tests. No history is read: a scan of
//   Commitment, whatever the number of updates.
// - "history" (today): derived from StatusUpdate, as the cache refresh computes the two cached flags.
//   "contradicted" and "weak" need only history's newest end: each is an index probe on StatusUpdate
//   (commitmentId, observedFrom DESC, observedOn DESC, createdAt DESC, id DESC) that stops at the first row it
//   needs (LIMIT 1 / EXISTS). "weak" looks at the run of updates the current status rests on (see currentRun in
//   lib/domain/status.ts): those after the newest update with a different status (the "breaker"), which starts
//   no later than statusSince (every run row's observedFrom <= observedOn, so the breaker's observedFrom is at
//   most the run's earliest observedOn).
// - as of a day D nothing cached applies: the status is the newest update with observedOn <= D (one probe; the
//   redundant observedFrom <= D lets it start in the index at D), the breaker a second probe, and the earliest
//   observedOn of the run a third.
import { Prisma } from '../generated/prisma/client.ts';
import { ATTENTION_FLAGS, type AttentionFlag } from '../domain/attention.ts';
import { formatDay, today as todayUtc } from '../domain/dates.ts';
import { staleAfterDays as configuredStaleAfterDays } from '../config.ts';

export type AttentionOptions = {
  /** Flags (and status) as they stood at the end of this day, from history up to it; absent: today, from the cache. */
  asOf?: Date | null;
  /** Today's flags from the cache (default) or derived from history (what the cache refresh writes). */
  source?: 'cache' | 'history';
  /** The day "overdue" and "stale" are judged on when there is no `asOf` (default: today, UTC). */
  today?: Date;
  /** Days without news after which a commitment is stale (default: lib/config.ts staleAfterDays()). */
  staleAfterDays?: number;
};

type Context = { asOf: Date | null; today: Date; staleAfterDays: number; fromCache: boolean };

function context(options: AttentionOptions = {}): Context {
  const asOf = options.asOf ?? null;
  const staleAfterDays = options.staleAfterDays ?? configuredStaleAfterDays();
  if (!Number.isInteger(staleAfterDays) || staleAfterDays < 0)
    throw new RangeError('staleAfterDays must be a whole number of days, 0 or more.');
  // As of D, D is "today": a commitment due before D was overdue then, and staleness counts up to D.
  return {
    asOf,
    today: asOf ?? options.today ?? todayUtc(),
    staleAfterDays,
    fromCache: !asOf && (options.source ?? 'cache') === 'cache',
  };
}

const day = (value: Date) => Prisma.sql`${formatDay(value)}::date`;

/** The newest-news-first order: lib/domain/status.ts compareUpdates, reversed. */
const NEWEST_FIRST = Prisma.sql`ORDER BY su."observedFrom" DESC, su."observedOn" DESC, su."createdAt" DESC, su.id DESC`;

/** The row `su` comes after the breaker `brk` in compareUpdates order (or there is no breaker). */
const AFTER_BREAKER = Prisma.sql`(brk.id IS NULL OR (su."observedFrom", su."observedOn", su."createdAt", su.id)
  > (brk."observedFrom", brk."observedOn", brk."createdAt", brk.id))`;

/** Strong evidence as isStrongGrade() says: reliability A–C and credibility 1–3. */
const STRONG_GRADE = Prisma.sql`e.reliability IN ('A', 'B', 'C') AND e.credibility BETWEEN 1 AND 3`;

/**
 * SQL pieces for a query over `"Commitment" c`: `joins` go after `FROM "Commitment" c` and make `st.status`,
 * `st.since` and `st.last_on` available (the status, since when, and the newest day of news: cached, or as of the
 * day); the rest are boolean expressions over them.
 */
export type AttentionSql = {
  joins: Prisma.Sql;
  status: Prisma.Sql;
  since: Prisma.Sql;
  lastOn: Prisma.Sql;
  flags: Record<AttentionFlag, Prisma.Sql>;
  /** True when at least one flag holds. */
  any: Prisma.Sql;
};

export function attentionSql(options: AttentionOptions = {}): AttentionSql {
  const ctx = context(options);
  const { asOf } = ctx;
  // observedFrom <= observedOn always: the first condition only lets the index probe start at D.
  const upTo = asOf
    ? Prisma.sql`AND su."observedFrom" <= ${day(asOf)} AND su."observedOn" <= ${day(asOf)}`
    : Prisma.empty;

  const joins = asOf
    ? Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT su.status, su."observedOn" FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} ${NEWEST_FIRST} LIMIT 1
      ) lt ON true
      LEFT JOIN LATERAL (
        SELECT su."observedFrom", su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} AND su.status <> lt.status ${NEWEST_FIRST} LIMIT 1
      ) brk ON true
      LEFT JOIN LATERAL (
        SELECT min(su."observedOn") AS since FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} AND lt.status IS NOT NULL AND ${AFTER_BREAKER}
      ) fr ON true
      CROSS JOIN LATERAL (
        SELECT coalesce(lt.status, 'no_evidence'::"CommitmentStatus") AS status, fr.since, lt."observedOn" AS last_on
      ) st`
    : ctx.fromCache
      ? Prisma.sql`
      CROSS JOIN LATERAL (SELECT c.status, c."statusSince" AS since, c."lastEvidenceOn" AS last_on) st`
      : Prisma.sql`
      CROSS JOIN LATERAL (SELECT c.status, c."statusSince" AS since, c."lastEvidenceOn" AS last_on) st
      LEFT JOIN LATERAL (
        SELECT su."observedFrom", su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id AND su."observedFrom" <= st.since AND su.status <> st.status
         ${NEWEST_FIRST} LIMIT 1
      ) brk ON true`;

  const today = day(ctx.today);
  const createdOn = Prisma.sql`(c."createdAt" AT TIME ZONE 'UTC')::date`;

  const flags: Record<AttentionFlag, Prisma.Sql> = {
    overdue: Prisma.sql`(coalesce(c."dueOn" < ${today}, false) AND st.status <> 'fulfilled')`,
    // End states need no fresh news; otherwise count from the newest news, or from when it was recorded.
    stale: Prisma.sql`(st.status NOT IN ('fulfilled', 'broken')
      AND ${today} - coalesce(st.last_on, ${createdOn}) > ${ctx.staleAfterDays}::int)`,
    // The newest update that cites evidence cites a contradiction.
    contradicted: ctx.fromCache
      ? Prisma.sql`c.contradicted`
      : Prisma.sql`coalesce((
      SELECT e.type = 'contradiction' FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo} ${NEWEST_FIRST} LIMIT 1), false)`,
    // There is a status resting on updates, and none of the run it rests on cites strong evidence.
    weak: ctx.fromCache
      ? Prisma.sql`c."weaklySupported"`
      : Prisma.sql`(st.last_on IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo} AND su."observedOn" >= st.since AND ${AFTER_BREAKER}
         AND ${STRONG_GRADE}))`,
  };

  return {
    joins,
    status: Prisma.sql`st.status`,
    since: Prisma.sql`st.since`,
    lastOn: Prisma.sql`st.last_on`,
    flags,
    any: Prisma.sql`(${Prisma.join(
      ATTENTION_FLAGS.map((flag) => flags[flag]),
      ' OR ',
    )})`,
  };
}
