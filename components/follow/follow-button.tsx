'use client';

import { Bell, BellOff } from 'lucide-react';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/forms/submit-button';

type FollowState = { ok: true; message?: string; following: boolean } | { ok: false; message: string } | null;
type FollowAction = (state: unknown, formData: FormData) => Promise<FollowState>;

const WHAT = {
  commitment: 'this commitment',
  agreement: 'this agreement and all its commitments',
  party: 'the commitments this party is responsible for',
} as const;

/**
 * Follow / Unfollow: the user is then told (bell, e-mail, feed) when what they follow moves. The state after a
 * submit is the server's answer, so a second tab or a double click cannot leave the label wrong.
 */
export function FollowButton({
  target,
  id,
  following: initial,
  follow,
  unfollow,
}: {
  target: keyof typeof WHAT;
  id: number;
  following: boolean;
  follow: FollowAction;
  unfollow: FollowAction;
}) {
  // One state for both: the latest answer of the server decides the label (before any, the page's).
  const [state, formAction] = useActionState(
    (previous: FollowState, formData: FormData) =>
      formData.get('intent') === 'unfollow' ? unfollow(previous, formData) : follow(previous, formData),
    null,
  );
  const following = state?.ok ? state.following : initial;
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="intent" value={following ? 'unfollow' : 'follow'} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={following ? 'Unfollowing…' : 'Following…'}>
        {following ? <BellOff aria-hidden className="size-4" /> : <Bell aria-hidden className="size-4" />}
        {following ? 'Unfollow' : 'Follow'}
        <span className="sr-only"> {WHAT[target]}</span>
      </SubmitButton>
      {following ? <span className="text-xs text-slate-600">You follow {WHAT[target]}.</span> : null}
      {state && !state.ok ? (
        <span role="alert" className="text-xs font-medium text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
