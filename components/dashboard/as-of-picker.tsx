import type { ReactNode } from 'react';
import Form from 'next/form';
import Link from 'next/link';
import { History, TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatDay } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';

/**
 * "As of" a day: a GET form that puts `?asOf=YYYY-MM-DD` in the address, so the view of a past day can be shared.
 * With a day set, a banner says the page shows that day, with the way back to today. `notice` says why an `asOf`
 * in the address was not used (not a day, a day to come); `shows` says what the banner covers.
 */
export function AsOfPicker({
  pathname,
  asOf,
  today,
  notice = null,
  shows,
  allowFuture = true,
}: {
  pathname: string;
  asOf: Date | null;
  today: Date;
  notice?: string | null;
  /** What "as of" covers on this page, after "Showing …" (default: the commitment page's wording). */
  shows?: (day: ReactNode) => ReactNode;
  /** Whether a day after today may be picked (the dashboards show today's state for one, so they say no). */
  allowFuture?: boolean;
}) {
  const day = asOf ? <strong>as of {formatDate(asOf)}</strong> : null;
  return (
    <div className="flex flex-col gap-3">
      {notice ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          <TriangleAlert aria-hidden className="size-4 shrink-0" />
          <span>{notice}</span>
        </div>
      ) : null}
      {asOf ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-indigo-200 ring-inset"
        >
          <History aria-hidden className="size-4 shrink-0" />
          <span>
            {shows ? (
              shows(day)
            ) : (
              <>
                Showing this commitment {day}: status, per-party status, flags and history as they stood at
                the end of that day.
              </>
            )}
          </span>
          <Link href={pathname} className="link ml-auto">
            Back to today
          </Link>
        </div>
      ) : null}
      <Form action={pathname} aria-label="View as of a day" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="as-of" className="filter-label">
            As of
          </label>
          <input
            id="as-of"
            name="asOf"
            type="date"
            required
            max={allowFuture ? '9999-12-31' : formatDay(today)}
            defaultValue={asOf ? formatDay(asOf) : formatDay(today)}
            className="filter-control"
          />
        </div>
        <Button type="submit" variant="secondary" size="sm">
          Show that day
        </Button>
      </Form>
    </div>
  );
}
