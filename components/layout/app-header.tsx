import Link from 'next/link';
import { HeaderBell } from '@/components/notifications/header-bell';
import { SearchBox } from '@/components/search/search-box';
import { MainNav, type NavItem } from './main-nav';

/**
 * The top bar in two tiers: wordmark, the main action (`action`: "Log follow-up") and the signed-in user (`end`)
 * on the first; the primary navigation on the second, where it has the whole width. On a phone the wordmark keeps
 * only its mark and the navigation wraps onto a second line rather than running off the screen, so every link
 * stays in view and reachable without scrolling sideways.
 */
export function AppHeader({
  nav,
  action,
  end,
}: {
  nav: NavItem[];
  action?: React.ReactNode;
  end?: React.ReactNode;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 pt-2 sm:gap-4 sm:px-6 lg:px-8">
        <Link
          href="/"
          className="flex shrink-0 items-center gap-2 py-2 text-slate-900 focus-visible:rounded-sm"
          aria-label="Pactwatch, go to the overview"
        >
          <Wordmark />
        </Link>
        <div className="flex min-w-0 items-center gap-2 sm:gap-3">
          <SearchBox />
          <HeaderBell />
          {action}
          {end}
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-2 sm:px-4 lg:px-6">
        <MainNav items={nav} />
      </div>
    </header>
  );
}

function Wordmark() {
  return (
    <>
      <svg aria-hidden viewBox="0 0 32 32" className="size-7 shrink-0">
        <rect width="32" height="32" rx="7" className="fill-indigo-700" />
        <path
          d="M10 8.5h7.2a5.3 5.3 0 0 1 0 10.6H14V24h-4V8.5Zm4 3.4v3.8h3a1.9 1.9 0 0 0 0-3.8h-3Z"
          className="fill-white"
        />
        <circle cx="22.5" cy="22.5" r="2.5" className="fill-emerald-300" />
      </svg>
      {/* The link's label names the app; on a phone the mark alone leaves room for the user and sign-out. */}
      <span className="hidden text-lg font-semibold tracking-tight sm:inline">Pactwatch</span>
    </>
  );
}
