import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNextPath } from '@/lib/auth/next-path';
import { getCurrentUser } from '@/lib/auth/session';

// Dynamic: it reads the session, and the per-request CSP nonce (proxy.ts) only reaches dynamically rendered pages.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await getCurrentUser()) redirect(next);

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-slate-900">
          <svg aria-hidden viewBox="0 0 32 32" className="size-8 shrink-0">
            <rect width="32" height="32" rx="7" className="fill-indigo-700" />
            <path
              d="M10 8.5h7.2a5.3 5.3 0 0 1 0 10.6H14V24h-4V8.5Zm4 3.4v3.8h3a1.9 1.9 0 0 0 0-3.8h-3Z"
              className="fill-white"
            />
            <circle cx="22.5" cy="22.5" r="2.5" className="fill-emerald-300" />
          </svg>
          <span className="text-xl font-semibold tracking-tight">Pactwatch</span>
        </div>
        <section
          aria-labelledby="sign-in-heading"
          className="rounded-lg border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-8"
        >
          <h1 id="sign-in-heading" className="mb-1 text-xl font-semibold tracking-tight text-slate-900">
            Sign in
          </h1>
          <p className="mb-6 text-sm text-slate-600">Accounts are created by an administrator.</p>
          <SignInForm next={next} />
        </section>
      </div>
    </main>
  );
}
