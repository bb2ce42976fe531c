import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Inbox as InboxIcon } from 'lucide-react';
import { FailingFeeds } from '@/components/inbox/failing-feeds';
import { InboxItem } from '@/components/inbox/inbox-item';
import { SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import {
  INBOX_STATES,
  getInboxCommitmentLabel,
  listFailingFeeds,
  listInbox,
  listInboxFilterOptions,
  type InboxFilter,
  type InboxState,
} from '@/lib/feeds/inbox';
import { parseIdParam, parsePageParam } from '@/lib/validation/params';
import { dismissInboxItem, restoreInboxItem } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATE_LABELS: Record<InboxState, string> = {
  '': 'Not dismissed',
  new: 'New (not logged, not dismissed)',
  logged: 'Logged',
  dismissed: 'Dismissed',
  all: 'All',
};

/** The first value, trimmed, without NUL characters (which PostgreSQL text cannot hold, even in a search). */
function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').replaceAll('\u0000', '').trim();
}

function idOf(value: string | string[] | undefined): number | undefined {
  return parseIdParam(first(value)) ?? undefined;
}

/** Feed items filed by the poller, newest first, with what each appears to concern. */
export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const state = (INBOX_STATES as readonly string[]).includes(first(params.state))
    ? (first(params.state) as InboxState)
    : '';
  const filter: InboxFilter = {
    partyId: idOf(params.party),
    commitmentId: idOf(params.commitment),
    outletId: idOf(params.outlet),
    feedId: idOf(params.feed),
    state,
    q: first(params.q).slice(0, 200) || undefined,
  };
  const [items, failing, options, commitment] = await Promise.all([
    listInbox(filter, parsePageParam(params.page)),
    listFailingFeeds(),
    listInboxFilterOptions(),
    filter.commitmentId ? getInboxCommitmentLabel(filter.commitmentId) : null,
  ]);
  const query: Record<string, string> = {};
  if (filter.partyId) query.party = String(filter.partyId);
  if (filter.commitmentId) query.commitment = String(filter.commitmentId);
  if (filter.outletId) query.outlet = String(filter.outletId);
  if (filter.feedId) query.feed = String(filter.feedId);
  if (state) query.state = state;
  if (filter.q) query.q = filter.q;
  const hrefWith = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const search = next.toString();
    return search ? `/inbox?${search}` : '/inbox';
  };
  const here = hrefWith({ page: items.page > 1 ? String(items.page) : null });
  const canWrite = can(user, 'write');
  const filtered = Object.keys(query).some((key) => key !== 'state');

  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          <p>
            New items from the outlets’ feeds, newest first, each with the commitments it appears to concern.
            Log a follow-up from one, or dismiss it.
          </p>
        }
      />
      <FailingFeeds feeds={failing} canManage={canWrite} />

      <Form
        action="/inbox"
        role="search"
        aria-label="Filter the Inbox"
        className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      >
        {filter.commitmentId ? <input type="hidden" name="commitment" value={filter.commitmentId} /> : null}
        {filter.feedId ? <input type="hidden" name="feed" value={filter.feedId} /> : null}
        <TextField label="Words" name="q" type="search" defaultValue={filter.q ?? ''} />
        <SelectField
          label="Outlet"
          name="outlet"
          placeholder="Any outlet"
          defaultValue={filter.outletId ? String(filter.outletId) : ''}
          options={options.outlets.map((outlet) => ({ value: String(outlet.id), label: outlet.name }))}
        />
        <SelectField
          label="Party"
          name="party"
          placeholder="Any party"
          defaultValue={filter.partyId ? String(filter.partyId) : ''}
          options={options.parties.map((party) => ({ value: String(party.id), label: party.name }))}
        />
        <SelectField
          label="Items"
          name="state"
          defaultValue={state}
          options={INBOX_STATES.map((value) => ({ value, label: STATE_LABELS[value] }))}
        />
        <div>
          <Button type="submit">Filter</Button>
        </div>
      </Form>
      {commitment || filter.feedId || filtered ? (
        <p className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          {commitment ? (
            <span>
              About “{commitment.title}” ·{' '}
              <Link href={hrefWith({ commitment: null, page: null })} className="link">
                any commitment
              </Link>
            </span>
          ) : null}
          {filter.feedId ? (
            <span>
              One feed ·{' '}
              <Link href={hrefWith({ feed: null, page: null })} className="link">
                every feed
              </Link>
            </span>
          ) : null}
          <Link href="/inbox" className="link">
            Clear the filters
          </Link>
        </p>
      ) : null}

      <Card>
        {items.total === 0 ? (
          <EmptyState
            icon={InboxIcon}
            title={filtered || state ? 'No item matches these filters' : 'The Inbox is empty'}
            description={
              filtered || state
                ? 'Try fewer filters, or another state.'
                : 'Add an outlet’s RSS or Atom feed on the outlet’s page: its new items arrive here.'
            }
          />
        ) : (
          <>
            <div className="divide-y divide-slate-200">
              {items.items.map((item) => (
                <InboxItem
                  key={item.id}
                  item={item}
                  canWrite={canWrite}
                  actions={{ dismiss: dismissInboxItem, restore: restoreInboxItem }}
                  filterHref={(patch) => hrefWith({ ...patch, page: null })}
                  returnTo={here}
                />
              ))}
            </div>
            <Pagination
              page={items.page}
              pageCount={items.pageCount}
              pageSize={items.pageSize}
              total={items.total}
              pathname="/inbox"
              query={query}
              noun="items"
            />
          </>
        )}
      </Card>
    </>
  );
}
