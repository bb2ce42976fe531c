'use client';
// What app/(app)/error.tsx and app/global-error.tsx show. In production the browser gets only a digest of a
// server error, never its cause, so the screen asks /api/health whether the database answers: if not, it says so
// plainly (the one failure a user can do nothing about but wait) and retries by itself once the database is
// back; otherwise it is the generic "something went wrong" with the digest to quote.
import { DatabaseZap, TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE } from '@/lib/db-errors';

type DatabaseState = 'checking' | 'unavailable' | 'available';

async function databaseAnswers(): Promise<boolean | undefined> {
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    if (response.status === 503) return false;
    return response.ok ? true : undefined;
  } catch {
    // The app itself is unreachable: that is not something this screen can tell apart.
    return undefined;
  }
}

/** Asks /api/health until the database answers again, then calls `onBack` (once). */
function useDatabaseState(onBack: () => void): DatabaseState {
  const [state, setState] = useState<DatabaseState>('checking');
  // Next may hand a new `retry` on every render; the polling must not restart because of it.
  const onBackRef = useRef(onBack);
  useEffect(() => {
    onBackRef.current = onBack;
  }, [onBack]);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    const check = async () => {
      const answers = await databaseAnswers();
      if (cancelled) return;
      if (answers === false) {
        wasDown = true;
        setState('unavailable');
        timer = setTimeout(check, DATABASE_RETRY_AFTER_SECONDS * 1000);
      } else if (wasDown && answers) {
        onBackRef.current();
      } else {
        setState('available');
      }
    };
    void check();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  return state;
}

export function ErrorScreen({
  error,
  retry,
  level = 1,
}: {
  error: Error & { digest?: string };
  retry: () => void;
  /** 1 when the screen is the whole page's content. */
  level?: 1 | 2;
}) {
  const state = useDatabaseState(retry);
  const Heading = level === 1 ? 'h1' : 'h2';
  const unavailable = state === 'unavailable';
  const Icon = unavailable ? DatabaseZap : TriangleAlert;
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-12 text-center">
      <div
        className={
          unavailable
            ? 'mb-4 flex size-12 items-center justify-center rounded-full bg-amber-100'
            : 'mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100'
        }
      >
        <Icon aria-hidden className={unavailable ? 'size-6 text-amber-700' : 'size-6 text-slate-500'} />
      </div>
      <Heading className="text-base font-semibold text-slate-900">
        {unavailable ? DATABASE_UNAVAILABLE.title : 'Something went wrong'}
      </Heading>
      <p className="mt-1 max-w-md text-sm text-slate-600">
        {unavailable
          ? DATABASE_UNAVAILABLE.message
          : state === 'checking'
            ? 'This page could not be shown. Checking whether the database answers…'
            : 'This page could not be shown because of an unexpected error. Try again; if it keeps happening, tell an administrator.'}
      </p>
      {!unavailable && error.digest ? (
        <p className="mt-2 text-xs text-slate-500">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <Button onClick={() => retry()} className="mt-5">
        Try again
      </Button>
    </div>
  );
}
