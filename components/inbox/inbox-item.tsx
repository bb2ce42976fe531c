// One Inbox item: where it is from and when, its title (linking to the source), its summary, the parties it names
// and the commitments it appears to concern, best first; whether it is logged already; and what an analyst can do
// with it.
import Link from 'next/link';
import { StatusChip } from '@/components/commitments/status-chip';
import { ButtonLink } from '@/components/editors/button-link';
import { Badge } from '@/components/ui/badge';
import { Day } from '@/components/ui/day';
import type { InboxRow } from '@/lib/feeds/inbox';
import { DismissForm, type InboxAction } from './dismiss-form';

/** How the summary is shown in the list: its start; the source has the rest. */
const SUMMARY_SHOWN = 400;

export function InboxItem({
  item,
  canWrite,
  actions,
  filterHref,
  returnTo,
}: {
  item: InboxRow;
  canWrite: boolean;
  actions: { dismiss: InboxAction; restore: InboxAction };
  /** The Inbox filtered by one more condition (a party, a commitment). */
  filterHref: (patch: Record<string, string>) => string;
  /** Where "Log follow-up" comes back to. */
  returnTo: string;
}) {
  const headingId = `inbox-item-${item.id}`;
  const summary =
    item.summary && item.summary.length > SUMMARY_SHOWN
      ? `${item.summary.slice(0, SUMMARY_SHOWN).trimEnd()}…`
      : item.summary;
  return (
    <article aria-labelledby={headingId} className="space-y-3 px-4 py-4 sm:px-5">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        <Link
          href={filterHref({ outlet: String(item.outletId) })}
          className="font-medium text-slate-800 hover:underline"
        >
          {item.outletName}
        </Link>
        <span aria-hidden>·</span>
        <Day date={item.publishedAt ?? item.createdAt} />
        {item.evidence ? <Badge tone="green">Logged</Badge> : null}
        {item.dismissedAt ? (
          <Badge tone="slate">Dismissed{item.dismissedBy ? ` by ${item.dismissedBy}` : ''}</Badge>
        ) : null}
      </div>
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        <a href={item.url} target="_blank" rel="noopener noreferrer nofollow" className="hover:underline">
          {item.title}
          <span className="sr-only"> (opens the source in a new tab)</span>
        </a>
      </h2>
      {summary ? <p className="text-sm text-slate-700">{summary}</p> : null}
      {item.evidence ? (
        <p className="text-sm text-emerald-900">
          Logged as{' '}
          <Link href={`/evidence/${item.evidence.id}`} className="link">
            {item.evidence.title}
          </Link>
          .
        </p>
      ) : null}
      {item.parties.length ? (
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className="text-slate-600">Names</span>
          {item.parties.map((party) => (
            <Link
              key={party.id}
              href={filterHref({ party: String(party.id) })}
              className="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800 ring-1 ring-slate-200 hover:bg-slate-200"
            >
              {party.name}
            </Link>
          ))}
        </div>
      ) : null}
      {item.commitments.length ? (
        <div className="text-sm">
          <h3 className="text-xs font-medium text-slate-600">Appears to concern</h3>
          <ol
            className="mt-1 space-y-1"
            aria-label={`Commitments “${item.title}” appears to concern, best first`}
          >
            {item.commitments.map((commitment) => (
              <li key={commitment.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <StatusChip status={commitment.status} />
                <Link href={`/commitments/${commitment.id}`} className="link">
                  {commitment.title}
                </Link>
                <span className="text-xs text-slate-500">{commitment.agreementTitle}</span>
                <Link
                  href={filterHref({ commitment: String(commitment.id) })}
                  className="text-xs text-slate-500 hover:underline"
                >
                  More about it<span className="sr-only">: items about {commitment.title}</span>
                </Link>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="text-sm text-slate-500">No commitment on file appears to be concerned.</p>
      )}
      {canWrite ? (
        <div className="flex flex-wrap items-center gap-3 pt-1">
          {item.evidence ? null : (
            <ButtonLink
              href={`/follow-ups/new?inboxItem=${item.id}&from=${encodeURIComponent(returnTo)}`}
              variant="primary"
            >
              Log follow-up<span className="sr-only"> from “{item.title}”</span>
            </ButtonLink>
          )}
          <DismissForm
            action={item.dismissedAt ? actions.restore : actions.dismiss}
            itemId={item.id}
            title={item.title}
            dismissed={Boolean(item.dismissedAt)}
          />
        </div>
      ) : null}
    </article>
  );
}
