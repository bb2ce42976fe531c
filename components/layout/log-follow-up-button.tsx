'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Plus } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

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
      // On the form's own page a darker shade: an aria variant, so it wins over the hover shade.
      className={buttonClasses({
        size: 'sm',
        className: 'whitespace-nowrap aria-[current=page]:bg-indigo-700',
      })}
    >
      <Plus aria-hidden className="size-4" />
      {/* On a phone the header is crowded: the icon stays, the words go to screen readers only. */}
      <span className="sr-only sm:not-sr-only">Log follow-up</span>
    </Link>
  );
}
