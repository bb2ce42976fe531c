'use client';

import { LogOut } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';

export type UserMenuUser = { name: string; email: string; role: Role };

/** The signed-in user (name and role) and the sign-out button, for the right end of the app header. */
export function UserMenu({ user }: { user: UserMenuUser }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    setFailed(false);
    try {
      const response = await fetch('/api/auth/sign-out', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: '{}',
      });
      if (!response.ok) throw new Error(String(response.status));
      // A full load, not router.push: no page of the signed-in app may survive in the client router's cache.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/sign-in');
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-2 py-2 sm:gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium text-slate-900" title={user.email}>
          {user.name}
        </p>
        <p className="text-xs text-slate-500">
          <span className="sr-only">Role: </span>
          {ROLE_LABELS[user.role]}
        </p>
        <Link href="/me/password" className="text-xs text-indigo-700 hover:underline">
          Change password
        </Link>{' '}
        <Link href="/me/tokens" className="text-xs text-indigo-700 hover:underline">
          API tokens
        </Link>
      </div>
      <Button variant="secondary" size="sm" onClick={signOut} disabled={pending} aria-disabled={pending}>
        <LogOut aria-hidden className="size-4" />
        {pending ? 'Signing out…' : 'Sign out'}
      </Button>
      {failed ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          Sign-out failed. Try again.
        </p>
      ) : null}
    </div>
  );
}
