'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import clsx from 'clsx';

type NavItem = {
  href: string;
  label: string;
  /** Other sections shown as part of this one (outlets belong under Evidence). */
  also?: string[];
};

// The sections live here rather than in the layout: a client component's props travel in every page's RSC
// payload, and the list is the same on every page.
const SECTIONS: NavItem[] = [
  { href: '/', label: 'Overview' },
  { href: '/agreements', label: 'Agreements' },
  { href: '/commitments', label: 'Commitments' },
  { href: '/evidence', label: 'Evidence', also: ['/outlets'] },
  { href: '/parties', label: 'Parties' },
  { href: '/people', label: 'People' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/review', label: 'Review' },
  { href: '/reports', label: 'Reports' },
];
const ADMIN: NavItem = { href: '/admin/users', label: 'Admin' };

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
export function MainNav({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname();
  const items = admin ? [...SECTIONS, ADMIN] : SECTIONS;
  return (
    <nav aria-label="Main" className="nav-bar">
      <ul className="nav-list">
        {items.map((item) => {
          const active = isSection(pathname, item);
          return (
            <li key={item.href} className="flex">
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                // `nav-link` (app/styles/ui.css) is the look of another section's link; the current section's
                // colours are utilities, which win over it (hover included).
                className={clsx(
                  'nav-link',
                  active &&
                    'bg-indigo-50 text-indigo-900 md:border-indigo-600 md:bg-transparent md:text-slate-900',
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
