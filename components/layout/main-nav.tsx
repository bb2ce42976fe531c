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

/** The primary navigation; marks the section the user is in with `aria-current`. */
export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mb-px overflow-x-auto">
      <ul className="flex items-stretch gap-1 md:gap-2">
        {items.map((item) => {
          const active = isSection(pathname, item);
          return (
            <li key={item.href} className="flex">
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={clsx(
                  'flex items-center border-b-2 px-2 py-2.5 text-sm font-medium whitespace-nowrap focus-visible:rounded-sm focus-visible:-outline-offset-2 md:px-3',
                  active
                    ? 'border-indigo-600 text-slate-900'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
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
