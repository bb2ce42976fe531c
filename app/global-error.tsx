'use client';
// Errors above every page: the root layout, or the (app) layout (its session lookup is the first thing to fail
// when the database goes away after the proxy let the request in). Replaces the root layout, so it brings its
// own document and styles.
import '@fontsource-variable/inter';
import './globals.css';
import { ErrorScreen } from '@/components/errors/error-screen';

export default function GlobalError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <html lang="en">
      <head>
        <title>Pactwatch</title>
      </head>
      <body className="flex min-h-screen items-center justify-center bg-slate-50 px-4 font-sans">
        <main className="w-full max-w-lg rounded-lg border border-slate-200 bg-white shadow-xs">
          <ErrorScreen error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
