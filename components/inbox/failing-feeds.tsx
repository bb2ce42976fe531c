// The Inbox's notice of feeds whose last poll failed: each named, with its outlet and its last error, so a quiet
// Inbox is never mistaken for a quiet news day.
import Link from 'next/link';
import type { FailingFeed } from '@/lib/feeds/inbox';
import { formatDate } from '@/lib/format/date';

export function FailingFeeds({ feeds, canManage }: { feeds: FailingFeed[]; canManage: boolean }) {
  if (!feeds.length) return null;
  return (
    <section
      aria-labelledby="failing-feeds-heading"
      className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <h2 id="failing-feeds-heading" className="font-semibold">
        {feeds.length === 1 ? 'A feed is failing' : `${feeds.length} feeds are failing`}: their new items are
        not arriving
      </h2>
      <ul className="mt-2 space-y-1.5">
        {feeds.map((feed) => (
          <li key={feed.id}>
            <span className="font-medium">
              {feed.outletName} — {feed.title ?? feed.url}
            </span>
            {feed.lastErrorAt ? <> (since {formatDate(feed.lastErrorAt)})</> : null}: {feed.lastError}{' '}
            {canManage ? (
              <Link href={`/outlets/${feed.outletId}#outlet-feeds-heading`} className="link">
                Manage feeds<span className="sr-only"> of {feed.outletName}</span>
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
