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
