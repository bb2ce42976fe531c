// A user's notifications as Atom: /feeds/<token>.atom. The token is the only credential (no session: feed readers
// have none); an unknown or revoked token is a 404 that says no more. Never cached by anyone: each address is one
// user's, and the page cache (lib/page-cache.ts) does not list it.
import { db } from '@/lib/db';
import { atomFeed, FEED_ENTRIES } from '@/lib/notify/feed';
import { findFeedOwner, listNotifications } from '@/lib/notify/notifications';
import { publicBaseUrl } from '@/lib/notify/settings';

export const dynamic = 'force-dynamic';

function notFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  const match = /^(.+)\.atom$/.exec(file);
  if (!match) return notFound();
  const owner = await findFeedOwner(db, match[1]);
  if (!owner) return notFound();
  const { rows } = await listNotifications(db, owner.id, 1, FEED_ENTRIES);
  const base = publicBaseUrl(process.env, new URL(request.url).origin);
  const xml = atomFeed(owner, rows, base, `${base}/feeds/${file}`);
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex',
    },
  });
}
