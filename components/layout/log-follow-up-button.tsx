'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Plus } from 'lucide-react';
import clsx from 'clsx';

const COMMITMENT_PAGE = /^\/commitments\/(\d+)$/;

/**
 * The main action, one click from every page. On a commitment's page it opens the form preset to that
 * commitment and comes back to the page afterwards.
 */
export function LogFollowUpButton() {
  const pathname = usePathname();
  const commitmentId = COMMITMENT_PAGE.exec(pathname)?.[1];
  const href = commitmentId
    ? `/follow-ups/new?commitment=${commitmentId}&from=${encodeURIComponent(pathname)}`
    : '/follow-ups/new';
  const here = pathname === '/follow-ups/new';
  return (
    <Link
      href={href}
      aria-current={here ? 'page' : undefined}
      className={clsx(
        'inline-flex items-center gap-1.5 rounded-md px-2.5 py-2 sm:px-3 text-sm font-semibold whitespace-nowrap shadow-sm',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        here ? 'bg-indigo-700 text-white' : 'bg-indigo-600 text-white hover:bg-indigo-500',
      )}
    >
      <Plus aria-hidden className="size-4" />
      {/* On a phone the header is crowded: the icon stays, the words go to screen readers only. */}
      <span className="sr-only sm:not-sr-only">Log follow-up</span>
    </Link>
  );
}
