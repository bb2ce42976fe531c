import { AsOfPicker } from './as-of-picker';

/**
 * The "as of" picker of a dashboard (overview, agreement, party): a past day only (a dashboard shows today's state
 * for a day to come), the banner naming what on the page it covers.
 */
export function DashboardAsOf({
  pathname,
  asOf,
  today,
  notice,
  covers,
}: {
  pathname: string;
  asOf: Date | null;
  today: Date;
  notice: string | null;
  /** The panels shown as of the day, e.g. "compliance, statuses and attention flags". */
  covers: string;
}) {
  return (
    <div className="mb-6">
      <AsOfPicker
        pathname={pathname}
        asOf={asOf}
        today={today}
        notice={notice}
        allowFuture={false}
        shows={(day) => (
          <>
            Showing the state {day}
            {`: ${covers} as they stood at the end of that day, from the history logged so far.`}
          </>
        )}
      />
    </div>
  );
}
