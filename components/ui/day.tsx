import { describeFactDate, formatFactDate } from '@/lib/domain/dates';
import { formatDate, formatPartialDate, isoDate, isoPartialDate } from '@/lib/format/date';
import type { DatePrecision } from '@/lib/generated/prisma/enums';

/** A calendar day ("27 Nov 2026") in a `<time>` element; `fallback` when there is none. */
export function Day({ date, fallback = '—' }: { date: Date | null; fallback?: string }) {
  if (!date) return <span className="text-slate-500">{fallback}</span>;
  return <time dateTime={isoDate(date)}>{formatDate(date)}</time>;
}

/** A day known only to some precision: "27 Nov 2026", "Nov 2026", "2026" or "Date unknown". */
export function PartialDay({ date, precision }: { date: Date | null; precision: DatePrecision }) {
  if (!date || precision === 'unknown') return <span>{formatPartialDate(null, 'unknown')}</span>;
  return <time dateTime={isoPartialDate(date, precision)}>{formatPartialDate(date, precision)}</time>;
}

/** The day a fact held, or as much of it as is known: "14 Jun 2025", "June 2025", "2025", "undated, by 2 Dec 2026". */
export function FactDate({ date, precision }: { date: Date; precision: DatePrecision }) {
  if (precision === 'day') return <Day date={date} />;
  const text = describeFactDate(date, precision);
  return (
    <time
      dateTime={formatFactDate(date, precision)}
      title={
        precision === 'unknown'
          ? 'The item gives no date: the fact held by this day at the latest.'
          : `Known to the ${precision}; counts from its last day.`
      }
    >
      {precision === 'unknown' ? text[0].toUpperCase() + text.slice(1) : text}
    </time>
  );
}
