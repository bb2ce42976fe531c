import Link from 'next/link';
import { HeaderBell } from '@/components/notifications/header-bell';
import { SearchBox } from '@/components/search/search-box';
import { MainNav } from './main-nav';

/**
 * The top bar in two tiers: wordmark, the main action (`action`: "Log follow-up") and the signed-in user (`end`)
 * on the first; the primary navigation on the second, where it has the whole width. On a phone the wordmark keeps
 * only its mark and the navigation wraps onto a second line rather than running off the screen, so every link
 * stays in view and reachable without scrolling sideways.
 */
export function AppHeader({
  admin = false,
  action,
  end,
}: {
  /** Whether the navigation offers Admin (the pages themselves refuse anyone not allowed). */
  admin?: boolean;
  action?: React.ReactNode;
  end?: React.ReactNode;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="app-bar">
        <Link href="/" className="app-brand" aria-label="Pactwatch, go to the overview">
          <Wordmark />
        </Link>
        <div className="app-tools">
          <SearchBox />
          <HeaderBell />
          {action}
          {end}
        </div>
      </div>
      <div className="app-nav">
        <MainNav admin={admin} />
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
      <span className="app-name">Pactwatch</span>
    </>
  );
}
