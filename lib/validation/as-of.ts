// `?asOf=YYYY-MM-DD` on the dashboards (overview, party, agreement): the day to show, or today's state with a
// message saying why the parameter was not used. Never an error page: a hand-edited or stale link still shows
// something, and says what.
import { formatDay, today as todayUtc } from '../domain/dates.ts';
import { dayParamSchema, type SearchParams } from './filters.ts';

export type DashboardAsOf = {
  /** The day to show (a past day or today), or null for today's state from the cache. */
  asOf: Date | null;
  /** Why the `asOf` given was not used, for the page to show; null when it was used or absent. */
  notice: string | null;
  today: Date;
};

/**
 * Reads `asOf` from a page's search parameters. Absent or empty: today. Not a day: today, with a notice. A day
 * after today: today, with a notice (the future is not known; as of a later day the page would show what the
 * history says today, which reads as a forecast).
 */
export function parseDashboardAsOf(params: SearchParams, today: Date = todayUtc()): DashboardAsOf {
  const raw = Array.isArray(params.asOf) ? params.asOf[0] : params.asOf;
  const text = raw?.trim();
  if (!text) return { asOf: null, notice: null, today };
  const parsed = dayParamSchema.safeParse(text);
  if (!parsed.success) {
    return {
      asOf: null,
      notice: `“${text.slice(0, 40)}” is not a day (YYYY-MM-DD), so this shows today’s state.`,
      today,
    };
  }
  if (parsed.data.getTime() > today.getTime()) {
    return {
      asOf: null,
      notice: `${formatDay(parsed.data)} has not come yet, so this shows today’s state.`,
      today,
    };
  }
  return { asOf: parsed.data, notice: null, today };
}

/** The query that keeps a page's as-of day in its links (pagination, other lists). */
export function asOfQuery(asOf: Date | null): Record<string, string> {
  return asOf ? { asOf: formatDay(asOf) } : {};
}
