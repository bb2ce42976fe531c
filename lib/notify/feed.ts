// A user's notifications as an Atom feed (the `feed` package writes and escapes the XML). The feed's address is
// its only secret (lib/notify/tokens.ts), so the feed names no e-mail address.
import { Feed } from 'feed';
import { notificationPath } from './links.ts';
import type { NotificationRow } from './notifications.ts';

export const FEED_ENTRIES = 50;

export function atomFeed(
  owner: { id: string; name: string },
  rows: NotificationRow[],
  base: string,
  selfUrl: string,
): string {
  const feed = new Feed({
    id: `${base}/me/notifications#feed-${owner.id}`,
    title: `Pactwatch: what ${owner.name} follows`,
    description:
      'Status updates, status changes and attention on the commitments, agreements and parties you follow.',
    link: `${base}/me/notifications`,
    updated: rows[0]?.createdAt ?? new Date(0),
    generator: 'Pactwatch',
    // Atom wants an author on the feed when its entries name none.
    author: { name: 'Pactwatch' },
    feedLinks: { atom: selfUrl },
  });
  for (const row of rows) {
    const link = `${base}${notificationPath(row)}`;
    feed.addItem({
      id: `${base}/me/notifications#notification-${row.id}`,
      title: row.summary,
      link,
      date: row.createdAt,
      published: row.createdAt,
      description: row.summary,
      category: [{ name: row.kind, term: row.kind }],
    });
  }
  return feed.atom1();
}
