import Link from 'next/link';
import { MainNav, type NavItem } from './main-nav';

/** The top bar: wordmark, primary navigation, and (from the accounts issue on) the signed-in user at the right. */
export function AppHeader({ nav, end }: { nav: NavItem[]; end?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 px-4 sm:px-6 lg:px-8">
        <Link
          href="/"
          className="flex items-center gap-2 py-3 text-slate-900 focus-visible:rounded-sm md:py-4"
          aria-label="Pactwatch, go to the overview"
        >
          <Wordmark />
        </Link>
        {/* On a phone the navigation takes its own row under the wordmark and scrolls sideways if it must. */}
        <div className="order-last w-full md:order-none md:w-auto md:flex-1">
          <MainNav items={nav} />
        </div>
        {end ? <div className="ml-auto flex items-center gap-3 md:ml-0">{end}</div> : null}
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
      <span className="text-lg font-semibold tracking-tight">Pactwatch</span>
    </>
  );
}
