'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import clsx from 'clsx';

export type NavItem = {
  href: string;
  label: string;
  /** Other sections shown as part of this one (outlets belong under Evidence). */
  also?: string[];
};

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function isSection(pathname: string, item: NavItem): boolean {
  return [item.href, ...(item.also ?? [])].some((href) => isActive(pathname, href));
}

/**
 * The primary navigation; marks the section the user is in with `aria-current`. From `md` up it is one row of
 * tabs underlined at the header's edge (scrolling sideways if a narrow window cannot hold them); below that the
 * links wrap onto as many rows as they need, as pills, so none is ever out of view on a phone.
 */
export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="pb-2 md:-mb-px md:overflow-x-auto md:pb-0">
      <ul className="flex flex-wrap items-stretch gap-1 md:flex-nowrap lg:gap-2">
        {items.map((item) => {
          const active = isSection(pathname, item);
          return (
            <li key={item.href} className="flex">
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={clsx(
                  'flex items-center rounded-md px-2.5 py-2 text-sm font-medium whitespace-nowrap focus-visible:-outline-offset-2',
                  'md:rounded-none md:border-b-2 md:px-3 md:py-2.5 md:focus-visible:rounded-sm',
                  active
                    ? 'bg-indigo-50 text-indigo-900 md:border-indigo-600 md:bg-transparent md:text-slate-900'
                    : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 md:border-transparent md:hover:border-slate-300 md:hover:bg-transparent',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
