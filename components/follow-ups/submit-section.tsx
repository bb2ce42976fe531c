'use client';

// The end of the log-follow-up form: the server's warnings with "Save anyway", then the submit button and what
// a submit will log.
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { Loader2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { CONFIRM_FIELD } from '@/lib/validation/follow-up';

/**
 * Rows the action would save but warns about (not current, or a step back): nothing is saved until "Save anyway"
 * is ticked. The form focuses it when it appears, as it does the error summary.
 */
export function WarningsConfirm({
  ref,
  id,
  heading: Heading,
  title,
  warnings,
  confirmed,
  onConfirmedChange,
}: {
  ref: React.Ref<HTMLDivElement>;
  id: string;
  heading: 'h2' | 'h3';
  title: string;
  /** The warnings, by row. */
  warnings: Record<number, string>;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
}) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <Heading id={`${id}-heading`} className="font-semibold">
        {title}
      </Heading>
      <ul className="list-disc space-y-1 pl-5">
        {Object.entries(warnings).map(([row, message]) => (
          <li key={row}>
            Commitment {Number(row) + 1}: {message}
          </li>
        ))}
      </ul>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          name={CONFIRM_FIELD}
          value="yes"
          checked={confirmed}
          onChange={(event) => onConfirmedChange(event.target.checked)}
          className="size-4 rounded border-amber-400"
        />
        Save anyway: I have read these warnings
      </label>
    </div>
  );
}

/** The submit button, disabled until the page is interactive (the form is sent by script) and while it is sent. */
export function SubmitBar({
  pending,
  cancelHref,
  citesExisting,
  rowCount,
}: {
  pending: boolean;
  cancelHref?: string;
  /** Whether the updates cite an item already logged rather than log a new one. */
  citesExisting: boolean;
  rowCount: number;
}) {
  const hydrated = useHydrated();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-3 border-t border-slate-200 pt-5">
      <Button type="submit" disabled={pending || !hydrated} aria-disabled={pending || !hydrated}>
        {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
        {pending ? 'Logging…' : 'Log follow-up'}
      </Button>
      {cancelHref ? (
        <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
          Cancel
        </Link>
      ) : null}
      <p className="text-sm text-slate-600" aria-live="polite">
        {citesExisting ? 'Cites the item already logged' : 'Logs one item'} and{' '}
        {rowCount === 1 ? 'one status update' : `${rowCount} status updates`}, in one go.
      </p>
    </div>
  );
}

const noSubscription = () => () => {};
/** False during the server render and hydration, true once the page is interactive. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
