// Date formatting for screens. DATE columns arrive from Prisma as Dates at UTC midnight; formatting them in the
// server's time zone would shift a day west of Greenwich, so every formatter reads the UTC calendar parts.
import { format } from 'date-fns';
import type { DatePrecision } from '../generated/prisma/enums.ts';
import { formatDay } from '../domain/dates.ts';

/** A local Date on the same calendar day as `date`'s UTC day, so date-fns prints the stored day whatever the TZ. */
function calendarDay(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** "27 Nov 2026" */
export function formatDate(date: Date): string {
  return format(calendarDay(date), 'd MMM yyyy');
}

/** "2026-11-27", for `<time dateTime>` and machine-readable attributes. */
export function isoDate(date: Date): string {
  return formatDay(date);
}

/** A date known only to some precision: "27 Nov 2026", "Nov 2026", "2026", or "Date unknown". */
export function formatPartialDate(date: Date | null, precision: DatePrecision): string {
  if (!date || precision === 'unknown') return 'Date unknown';
  const day = calendarDay(date);
  if (precision === 'year') return format(day, 'yyyy');
  if (precision === 'month') return format(day, 'MMM yyyy');
  return format(day, 'd MMM yyyy');
}

/** The `dateTime` attribute matching `formatPartialDate`: "2026-11-27", "2026-11" or "2026". */
export function isoPartialDate(date: Date, precision: Exclude<DatePrecision, 'unknown'>): string {
  const iso = formatDay(date);
  if (precision === 'year') return iso.slice(0, 4);
  if (precision === 'month') return iso.slice(0, 7);
  return iso;
}
