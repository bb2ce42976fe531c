import { Suspense } from 'react';
import { UserMenu } from '@/components/auth/user-menu';
import { AppHeader } from '@/components/layout/app-header';
import { FlashNotice } from '@/components/layout/flash-notice';
import { LogFollowUpButton } from '@/components/layout/log-follow-up-button';
import type { NavItem } from '@/components/layout/main-nav';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

const nav: NavItem[] = [
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

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const items = can(user, 'manage_users') ? [...nav, { href: '/admin/users', label: 'Admin' }] : nav;

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow"
      >
        Skip to main content
      </a>
      <AppHeader
        nav={items}
        // Hiding it from viewers is a courtesy; the action itself refuses them.
        action={can(user, 'write') ? <LogFollowUpButton /> : null}
        end={<UserMenu user={{ name: user.name, email: user.email, role: user.role }} />}
      />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8 lg:px-8"
      >
        <Suspense fallback={null}>
          <FlashNotice />
        </Suspense>
        {children}
      </main>
      <footer className="border-t border-slate-200">
        <p className="mx-auto max-w-6xl px-4 py-4 text-xs text-slate-500 sm:px-6 lg:px-8">
          Pactwatch · Every status rests on graded evidence. Grades use the Admiralty code: source reliability
          A–F, information credibility 1–6.
        </p>
      </footer>
    </div>
  );
}
