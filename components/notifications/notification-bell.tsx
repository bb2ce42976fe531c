import { Bell } from 'lucide-react';
import Link from 'next/link';

/** The header's bell: the unread count, linking to /me/notifications. */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <Link href="/me/notifications" aria-label={label} title={label} className="icon-link">
      <Bell aria-hidden className="size-5" />
      {unread > 0 ? (
        <span aria-hidden data-testid="unread-count" className="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
