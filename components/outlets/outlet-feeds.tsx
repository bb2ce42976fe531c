'use client';

// An outlet's RSS/Atom feeds on its page: each with its title, last success and last error; add one, remove one,
// and "Check now", which makes the poll job due so the scheduler's next tick polls (lib/feeds/job.ts).
import { useActionState } from 'react';
import { TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { ActionResult } from '@/lib/auth/action-core';
import type { OutletFeedRow } from '@/lib/feeds/feeds';
import { FEED_URL_MAX } from '@/lib/feeds/schemas';
import { formatDate } from '@/lib/format/date';

export type FeedAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** "14 Oct 2025, 09:30 UTC": the same text on the server and in any browser. */
function when(date: Date): string {
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${formatDate(date)}, ${time} UTC`;
}

export function OutletFeeds({
  outlet,
  feeds,
  actions,
}: {
  outlet: { id: number; name: string; archived: boolean };
  feeds: OutletFeedRow[];
  /** addFeed, removeFeed, checkFeeds (app/(app)/outlets/feeds/actions.ts). */
  actions: { add: FeedAction; remove: FeedAction; check: FeedAction };
}) {
  return (
    <Card aria-labelledby="outlet-feeds-heading" className="mt-6 max-w-4xl">
      <CardHeader
        id="outlet-feeds-heading"
        title="Feeds"
        description={`New items in ${outlet.name}’s RSS or Atom feeds arrive in the Inbox, with the commitments they appear to concern.`}
        actions={
          feeds.length > 0 && !outlet.archived ? (
            <CheckFeedsForm action={actions.check} outletId={outlet.id} />
          ) : null
        }
      />
      <CardBody className="space-y-5">
        {feeds.length ? (
          <ul className="divide-y divide-slate-200" aria-label={`Feeds of ${outlet.name}`}>
            {feeds.map((feed) => (
              <li key={feed.id} className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0">
                <FeedSummary feed={feed} />
                <RemoveFeedForm action={actions.remove} outletId={outlet.id} feed={feed} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No feeds watched yet.</p>
        )}
        {outlet.archived ? (
          <p className="text-sm text-slate-600">Restore the outlet to watch its feeds.</p>
        ) : (
          <AddFeedForm action={actions.add} outletId={outlet.id} />
        )}
      </CardBody>
    </Card>
  );
}

function FeedSummary({ feed }: { feed: OutletFeedRow }) {
  return (
    <div className="min-w-0 space-y-1 text-sm">
      <p className="font-medium text-slate-900">{feed.title ?? 'Not read yet'}</p>
      <p className="text-xs break-all text-slate-500">{feed.url}</p>
      <p className="text-slate-600">
        {feed.lastSuccessAt ? <>Last read {when(feed.lastSuccessAt)}</> : 'Never read successfully'}
        {' · '}
        <a href={`/inbox?feed=${feed.id}&state=all`} className="link">
          {feed.itemCount === 1 ? '1 item' : `${feed.itemCount} items`}
          <span className="sr-only"> from this feed</span>
        </a>
      </p>
      {feed.lastError ? (
        <p className="rounded-md bg-red-50 px-2 py-1 text-red-800 ring-1 ring-red-200">
          <span className="font-medium">Last error</span>
          {feed.lastErrorAt ? ` (${when(feed.lastErrorAt)})` : ''}: {feed.lastError}
        </p>
      ) : null}
    </div>
  );
}

function AddFeedForm({ action, outletId }: { action: FeedAction; outletId: number }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="outletId" value={outletId} />
      <TextField
        label="Feed address"
        name="url"
        type="url"
        placeholder="https://…/feed.xml"
        hint="The address of an RSS or Atom feed, starting with https:// or http://."
        maxLength={FEED_URL_MAX}
        defaultValue={state && !state.ok ? submittedValue(state, 'url') : ''}
        error={fieldError(state, 'url')}
      />
      {state && !state.ok && fieldError(state, 'url') ? null : <FormMessage state={state} />}
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add feed
      </SubmitButton>
    </form>
  );
}

function RemoveFeedForm({
  action,
  outletId,
  feed,
}: {
  action: FeedAction;
  outletId: number;
  feed: OutletFeedRow;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      <input type="hidden" name="outletId" value={outletId} />
      <input type="hidden" name="id" value={feed.id} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton variant="quiet" size="sm" pendingLabel="Removing…">
        Remove<span className="sr-only"> feed {feed.title ?? feed.url}</span>
      </SubmitButton>
    </form>
  );
}

function CheckFeedsForm({ action, outletId }: { action: FeedAction; outletId: number }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="outletId" value={outletId} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" size="sm" pendingLabel="Asking…">
        Check now
      </SubmitButton>
    </form>
  );
}
