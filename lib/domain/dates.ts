// Calendar days (Agreement.concludedOn, Commitment.dueOn, Evidence.publishedOn, StatusUpdate.observedOn, "as of")
// are represented everywhere in lib/ as UTC-midnight `Date`s, because that is what Prisma returns for `@db.Date`
// columns: rows can be handed to the rules without conversion. 'YYYY-MM-DD' strings exist only at the edges
// (URLs, form fields, CSV) and are converted with `parseDay` / `formatDay`. Days are UTC days: "today" is the
// UTC date, so the whole team sees the same day whatever the server's time zone.

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days since 1970-01-01 (UTC); a time of day, if any, is ignored. */
export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** The UTC-midnight day containing `date`. */
export function toDay(date: Date): Date {
  return new Date(dayNumber(date) * MS_PER_DAY);
}

/** Today's UTC day. */
export function today(now: Date = new Date()): Date {
  return toDay(now);
}

/** Negative, zero or positive as day `a` is before, on or after day `b` (times of day ignored). */
export function compareDays(a: Date, b: Date): number {
  return dayNumber(a) - dayNumber(b);
}

/** Shifts a day by whole days (negative to go back). */
export function addDays(day: Date, days: number): Date {
  return new Date((dayNumber(day) + days) * MS_PER_DAY);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Date, to: Date): number {
  return dayNumber(to) - dayNumber(from);
}

/** 'YYYY-MM-DD' of a day. */
export function formatDay(day: Date): string {
  return toDay(day).toISOString().slice(0, 10);
}

/** The day written as 'YYYY-MM-DD', or null when the text is not a real calendar day (e.g. 2025-02-30). */
export function parseDayOrNull(text: string): Date | null {
  const match = DAY_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it. It also maps years 0-99 to 19xx.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date;
}

/** The day written as 'YYYY-MM-DD'; throws on anything else. */
export function parseDay(text: string): Date {
  const date = parseDayOrNull(text);
  if (!date) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return date;
}

// ---------------------------------------------------------------------------------------------------------------
// Fact dates with a precision (StatusUpdate.observedOn + observedPrecision; docs/decisions/009-fact-date-precision.md)
//
// A fact is known to have held somewhere in an interval [from, by]: a day (from = by), a month or a year (its
// first day to its last, or to today while it lasts), or, undated, any time up to a "no later than" day. `by` is
// what is stored as observedOn, so "as of D" keeps meaning `observedOn <= D` (it counts once it surely held);
// `from` orders updates (lib/domain/status.ts compareUpdates), so a vague or undated report never outranks a
// dated one by the accident of when it was logged.

export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';
export const DATE_PRECISIONS: readonly DatePrecision[] = ['day', 'month', 'year', 'unknown'];

export function isDatePrecision(value: unknown): value is DatePrecision {
  return typeof value === 'string' && (DATE_PRECISIONS as readonly string[]).includes(value);
}

/** The `from` of an undated fact: a far-past day before any real one (0001-01-01), so row comparisons stay simple. */
export const UNDATED_FROM: Date = (() => {
  const day = new Date(Date.UTC(2000, 0, 1));
  day.setUTCFullYear(1);
  return day;
})();

/** First day of the month or year containing `day`. */
function startOf(day: Date, unit: 'month' | 'year'): Date {
  const d = toDay(day);
  return new Date(Date.UTC(d.getUTCFullYear(), unit === 'month' ? d.getUTCMonth() : 0, 1));
}

/** Last day of the month or year containing `day`. */
export function endOf(day: Date, unit: 'month' | 'year'): Date {
  const d = toDay(day);
  return unit === 'month'
    ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))
    : new Date(Date.UTC(d.getUTCFullYear(), 11, 31));
}

/**
 * The earliest day a fact may have held, from its stored `by` day (observedOn) and precision. The database keeps
 * StatusUpdate.observedFrom equal to this (trigger "StatusUpdate_observed_from", tests/status-cache.test.ts).
 */
export function factFrom(by: Date, precision: DatePrecision): Date {
  switch (precision) {
    case 'day':
      return toDay(by);
    case 'month':
    case 'year':
      return startOf(by, precision);
    default:
      return UNDATED_FROM;
  }
}

/**
 * The `by` day (observedOn) of a fact given as a day of its period: the day itself, the last day of its month or
 * year, but never after `knownBy` (a report cannot know of a fact after the day it was made, e.g. today); for an
 * undated fact `day` is already the "no later than" day.
 */
export function factBy(day: Date, precision: DatePrecision, knownBy?: Date): Date {
  if (precision !== 'month' && precision !== 'year') return toDay(day);
  const end = endOf(day, precision);
  return knownBy && compareDays(knownBy, end) < 0 && compareDays(knownBy, day) >= 0 ? toDay(knownBy) : end;
}

/** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY': how much of a fact date is known, in ISO 8601's reduced forms. */
export function formatFactDate(by: Date, precision: DatePrecision): string {
  const text = formatDay(by);
  return precision === 'month' ? text.slice(0, 7) : precision === 'year' ? text.slice(0, 4) : text;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "14 Jun 2025" (the screens' day format, lib/format/date.ts formatDate), from the UTC calendar parts. */
function shortDay(day: Date): string {
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()].slice(0, 3)} ${day.getUTCFullYear()}`;
}

/** A fact date as people say it: "14 Jun 2025", "June 2025", "2025", or "undated, by 2 Dec 2026". */
export function describeFactDate(by: Date, precision: DatePrecision): string {
  const day = toDay(by);
  switch (precision) {
    case 'month':
      return `${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
    case 'year':
      return String(day.getUTCFullYear());
    case 'unknown':
      return `undated, by ${shortDay(day)}`;
    default:
      return shortDay(day);
  }
}
