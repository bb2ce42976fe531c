'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { CheckCircle2, X } from 'lucide-react';
import { readLoggedNotice, withoutNotice } from '@/components/follow-ups/notice';

const count = (n: number, noun: string) => (n === 1 ? `one ${noun}` : `${n} ${noun}s`);

/** What was written: updates that count, and updates proposed on agreements that require review. */
function loggedText(updates: number, proposed: number): string {
  const waiting = `${count(proposed, 'status update')} proposed, waiting for review (${proposed === 1 ? 'it counts' : 'they count'} once another analyst or an admin accepts ${proposed === 1 ? 'it' : 'them'})`;
  if (!proposed) return count(updates, 'status update');
  return updates ? `${count(updates, 'status update')}, and ${waiting}` : waiting;
}

/**
 * "Follow-up logged" after the log-follow-up action redirected here (it says so in the query string). The live
 * region is always in the page, so screen readers announce the notice when it appears after a navigation.
 */
export function FlashNotice() {
  const params = useSearchParams();
  const pathname = usePathname();
  const notice = readLoggedNotice(params);

  function dismiss() {
    // Next keeps useSearchParams in step with replaceState, without a round trip to the server.
    window.history.replaceState(
      null,
      '',
      `${pathname}${withoutNotice(params.toString())}${window.location.hash}`,
    );
  }

  return (
    <div role="status">
      {notice ? (
        <div className="mb-6 flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" />
          <p className="min-w-0 flex-1">
            <strong className="font-semibold">Follow-up logged:</strong>{' '}
            {loggedText(notice.updates, notice.proposed ?? 0)}
            {notice.reused
              ? ', citing the item already logged under that address (kept as first logged).'
              : ', citing the new item.'}{' '}
            <Link
              href={`/evidence/${notice.evidenceId}`}
              className="font-medium underline underline-offset-2"
            >
              View the item
            </Link>
            {' · '}
            <Link
              href={`/agreements/new?sourceEvidenceId=${notice.evidenceId}`}
              className="font-medium underline underline-offset-2"
            >
              Set as the source of an agreement
            </Link>
          </p>
          <button
            type="button"
            onClick={dismiss}
            className="-m-1 rounded-md p-1 text-emerald-800 hover:bg-emerald-100"
          >
            <X aria-hidden className="size-4" />
            <span className="sr-only">Dismiss</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
