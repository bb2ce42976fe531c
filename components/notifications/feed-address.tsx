'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import type { FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';

type CreateState = FormState | { ok: true; message?: string; feedUrl: string };
type Action<S> = (state: unknown, formData: FormData) => Promise<S>;

/**
 * The user's Atom feed address: created (or made anew) here and shown once, since only its hash is stored;
 * revoking it makes every copy of the address a "not found".
 */
export function FeedAddress({
  hasFeed,
  create,
  revoke,
}: {
  hasFeed: boolean;
  create: Action<CreateState>;
  revoke: Action<FormState>;
}) {
  const [created, createAction] = useActionState(create, null);
  const [revoked, revokeAction] = useActionState(revoke, null);
  // The server answers a path when no public URL is configured: absolute on the address this page came from.
  const feedUrl =
    created?.ok && 'feedUrl' in created ? new URL(created.feedUrl, window.location.href).href : null;
  return (
    <div className="space-y-4">
      {feedUrl ? (
        <div className="space-y-2 rounded-md bg-emerald-50 p-3 ring-1 ring-emerald-200">
          <label htmlFor="feed-url" className="block text-sm font-medium text-emerald-900">
            Your feed address
          </label>
          <input
            id="feed-url"
            readOnly
            value={feedUrl}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        {hasFeed || feedUrl
          ? 'You have a feed address. Anyone who has it can read your notifications: revoke it if it leaks.'
          : 'No feed address yet.'}
      </p>
      <div className="flex flex-wrap items-start gap-3">
        <form action={createAction}>
          <SubmitButton size="sm" variant="secondary" pendingLabel="Creating…">
            {hasFeed || feedUrl ? 'Make a new feed address' : 'Create feed address'}
          </SubmitButton>
        </form>
        {hasFeed || feedUrl ? (
          <form action={revokeAction}>
            <SubmitButton size="sm" variant="danger" pendingLabel="Revoking…">
              Revoke feed address
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {created && !created.ok ? <FormMessage state={created} /> : null}
      <FormMessage state={revoked} />
    </div>
  );
}
