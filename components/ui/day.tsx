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
