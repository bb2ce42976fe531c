import Link from 'next/link';

// Rendered by forbidden() (lib/auth/session.ts) when a signed-in user's role does not allow a page.
export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Not allowed</h1>
        <p className="mt-2 text-slate-600">
          Your role does not give access to this page. An admin can change your role.
        </p>
        <Link href="/" className="link mt-6 inline-block">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
