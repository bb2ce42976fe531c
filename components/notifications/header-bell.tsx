// The bell with this user's unread count: one count on Notification's (userId, readAt, createdAt) index per page.
// Pages rendered through the page cache (lib/page-cache.ts) are cached per user and keyed by the database snapshot,
// so a new notification or a "mark read" (both writes) is never answered with a stale count, nor anyone else's.
import { getCurrentUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { countUnread } from '@/lib/notify/notifications';
import { NotificationBell } from './notification-bell';

export async function HeaderBell() {
  const user = await getCurrentUser();
  if (!user) return null;
  return <NotificationBell unread={await countUnread(db, user.id)} />;
}
