// The needs-attention flags of lib/domain/attention.ts (overdue, stale, contradicted, weak) as SQL expressions over
// `"Commitment" c`, for many commitments in one statement. Free of the app's database client, so the status cache
// (lib/data/status-cache.ts, also run by scripts) can use the same expressions. lib/data/attention.ts runs them;
// tests/attention-sql.test.ts proves they say exactly what `attentionFlags()` says, current and as of a day.
//
// Which rows count for what (docs/decisions/010-what-counts.md): status, since and the run rest on counting rows
// (countingUpdate: assessments not withdrawn); "stale" measures from the newest news (newsUpdate: counting rows and
// corroborations citing evidence); "contradicted" reads the newest news citing evidence, by the row's own evidence
// type when set (effectiveEvidenceType); "weak" also accepts a strong corroboration of the current status dated
// within its run; a recurring commitment's "overdue" follows its periods (occurrenceEvidence).
//
// Three sources of the same answer:
// - "cache" (today, the default): the status cache on Commitment holds status, statusSince, lastEvidenceOn and
//   the two history-based flags (contradicted, weaklySupported), written in the transaction of every status
//   update. Stale and one-off overdue depend on the day and are plain column tests; a recurring commitment's
//   overdue is one probe of its last ended period. Otherwise no history is read: a scan of Commitment, whatever
//   the number of updates.
// - "history" (today): derived from StatusUpdate, as the cache refresh computes the two cached flags.
//   "contradicted" and "weak" need only history's newest end: each is an index probe on StatusUpdate
//   (commitmentId, observedFrom DESC, observedOn DESC, createdAt DESC, id DESC) that stops at the first row it
//   needs (LIMIT 1 / EXISTS). "weak" looks at the run of counting updates the current status rests on (see
//   currentRun in lib/domain/status.ts): those after the newest counting update with a different status (the
//   "breaker"), which starts no later than statusSince (every run row's observedFrom <= observedOn, so the
//   breaker's observedFrom is at most the run's earliest observedOn).
// - as of a day D nothing cached applies: the status is the newest counting update with observedOn <= D (one
//   probe; the redundant observedFrom <= D lets it start in the index at D), the breaker a second probe, the
//   earliest observedOn of the run a third, and the newest news a fourth. The status cache's refresh derives today's
//   status the same way over the whole history (statusProbes), and each responsible party's over its rows and the
//   whole commitment's (runProbes).
import { Prisma } from '../generated/prisma/client.ts';
import { ATTENTION_FLAGS, type AttentionFlag } from '../domain/attention.ts';
import { today as todayUtc } from '../domain/dates.ts';
import { staleAfterDays as configuredStaleAfterDays } from '../config.ts';
import { runProbes } from './compliance-sql.ts';
import {
  countingUpdate,
  day,
  effectiveEvidenceType,
  newestFirst,
  newsUpdate,
  occurrenceEvidence,
  updateKey,
  utcDay,
} from './sql.ts';

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

const NEWEST_FIRST = Prisma.sql`ORDER BY ${newestFirst('su')}`;

/** The row `su` comes after the breaker `brk` in compareUpdates order (or there is no breaker). */
const AFTER_BREAKER = Prisma.sql`(brk.id IS NULL OR ${updateKey('su')} > ${updateKey('brk')})`;

/**
 * Whether a recurring commitment is overdue on day `today` (lib/domain/recurrence.ts recurrenceOverdue over
 * lib/domain/attention.ts occurrenceDays): the latest period that is over or already held is a miss. Period k runs
 * from startsOn + k·months to the day before startsOn + (k+1)·months; n is the number of periods over by `today`,
 * the largest with startsOn + n·months <= today, found from the months between the two days (less one when the
 * day of the month is not reached yet). When n >= 1 it is overdue unless an occurrence row falls in period n-1 (the
 * last one over) or period n (the one running, held early). `upTo` bounds the rows for an as-of view. PostgreSQL's
 * `date + interval 'n months'` counts from the original date and clamps to the month's end, as addMonths does
 * (tests/attention-sql.test.ts checks it).
 */
function recurrenceOverdueSql(today: Prisma.Sql, upTo: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce((
    SELECT NOT EXISTS (
             SELECT 1 FROM "StatusUpdate" su LEFT JOIN "Evidence" e ON e.id = su."evidenceId"
              WHERE su."commitmentId" = c.id ${upTo} AND su."observedFrom" < p.until_on
                AND su."observedOn" >= p.from_on AND su."observedOn" < p.until_on
                AND ${occurrenceEvidence('su', 'e')})
      FROM (
        SELECT (r.s + make_interval(months => (r.n - 1) * r.m))::date AS from_on,
               (r.s + make_interval(months => (r.n + 1) * r.m))::date AS until_on
          FROM (
            SELECT q.s, q.m,
                   q.n0 - CASE WHEN (q.s + make_interval(months => q.n0 * q.m))::date > ${today} THEN 1 ELSE 0 END AS n
              FROM (
                SELECT c."recurrenceStartsOn" AS s, c."recurrenceMonths" AS m,
                       floor(((extract(year FROM ${today}) - extract(year FROM c."recurrenceStartsOn")) * 12
                              + extract(month FROM ${today}) - extract(month FROM c."recurrenceStartsOn"))
                             / c."recurrenceMonths")::int AS n0
              ) q
          ) r
         WHERE r.n >= 1
      ) p), false)`;
}

/**
 * `st.status`, `st.since` and `st.last_on` derived from the history of `"Commitment" c` by four index probes (see
 * the header): the newest counting update (`lt`), the breaker (`brk`), the earliest observedOn of the run, the newest
 * news. `upTo` bounds the rows for an as-of view; empty, they read the whole history (the status cache's refresh).
 */
export function statusProbes(upTo: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      ${runProbes(Prisma.sql`su."commitmentId" = c.id ${upTo}`)}
      LEFT JOIN LATERAL (
        SELECT su."observedOn" FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id ${upTo} AND ${newsUpdate('su')} ${NEWEST_FIRST} LIMIT 1
      ) nw ON true
      CROSS JOIN LATERAL (
        SELECT coalesce(lt.status, 'no_evidence'::"CommitmentStatus") AS status, fr.since, nw."observedOn" AS last_on
      ) st`;
}

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
  const counting = countingUpdate('su');

  const joins = asOf
    ? statusProbes(upTo)
    : ctx.fromCache
      ? Prisma.sql`
      CROSS JOIN LATERAL (SELECT c.status, c."statusSince" AS since, c."lastEvidenceOn" AS last_on) st`
      : Prisma.sql`
      CROSS JOIN LATERAL (SELECT c.status, c."statusSince" AS since, c."lastEvidenceOn" AS last_on) st
      LEFT JOIN LATERAL (
        SELECT su."observedFrom", su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id AND su."observedFrom" <= st.since AND ${counting}
           AND su.status <> st.status
         ${NEWEST_FIRST} LIMIT 1
      ) brk ON true`;

  const today = day(ctx.today);
  const createdOn = utcDay(Prisma.sql`c."createdAt"`);

  const flags: Record<AttentionFlag, Prisma.Sql> = {
    // Recurring (recurrenceOf): the latest period over, or already held, passed without occurrence evidence
    // (recurrenceOverdue with occurrenceDays). One-off: the due day has passed and it is not fulfilled.
    overdue: Prisma.sql`(CASE WHEN c."recurrenceMonths" >= 1 AND c."recurrenceStartsOn" IS NOT NULL
      THEN ${recurrenceOverdueSql(today, upTo)}
      ELSE (coalesce(c."dueOn" < ${today}, false) AND st.status <> 'fulfilled') END)`,
    // End states need no fresh news; otherwise count from the newest news, or from when it was recorded.
    stale: Prisma.sql`(st.status NOT IN ('fulfilled', 'broken')
      AND ${today} - coalesce(st.last_on, ${createdOn}) > ${ctx.staleAfterDays}::int)`,
    // The newest news row that cites evidence (latestEvidenceUpdate) cites a contradiction, by its type for this
    // commitment (effectiveEvidenceType).
    contradicted: ctx.fromCache
      ? Prisma.sql`c.contradicted`
      : Prisma.sql`coalesce((
      SELECT ${effectiveEvidenceType('su', 'e')} = 'contradiction'
        FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo} AND ${newsUpdate('su')} ${NEWEST_FIRST} LIMIT 1), false)`,
    // There is a status resting on counting updates, and none of what supports it (supportingUpdates: the run
    // after the breaker, and the corroborations of the same status after it) cites strong evidence. Every such row
    // sorts after the breaker, so its observedFrom is at least the breaker's (where the index probe starts).
    weak: ctx.fromCache
      ? Prisma.sql`c."weaklySupported"`
      : Prisma.sql`(st.since IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
       WHERE su."commitmentId" = c.id ${upTo}
         AND su."observedFrom" >= coalesce(brk."observedFrom", '-infinity'::date)
         AND su."withdrawnAt" IS NULL AND su.kind IN ('assessment', 'corroboration') AND su.status = st.status
         AND ${AFTER_BREAKER} AND ${STRONG_GRADE}))`,
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
