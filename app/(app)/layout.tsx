import { Suspense } from 'react';
import { UserMenu } from '@/components/auth/user-menu';
import { AppHeader } from '@/components/layout/app-header';
import { FlashNotice } from '@/components/layout/flash-notice';
import { LogFollowUpButton } from '@/components/layout/log-follow-up-button';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();

  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppHeader
        // The sections are listed in MainNav; only whether to add Admin comes from here.
        admin={can(user, 'manage_users')}
        // Hiding it from viewers is a courtesy; the action itself refuses them.
        action={can(user, 'write') ? <LogFollowUpButton /> : null}
        end={<UserMenu user={{ name: user.name, email: user.email, role: user.role }} />}
      />
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={null}>
          <FlashNotice />
        </Suspense>
        {children}
      </main>
      <footer className="border-t border-slate-200">
        <p className="app-foot">
          Pactwatch · Every status rests on graded evidence. Grades use the Admiralty code: source reliability
          A–F, information credibility 1–6.
        </p>
      </footer>
    </div>
  );
}
