import type { Metadata } from 'next';
import Link from 'next/link';
import { BellRing } from 'lucide-react';
import { EmailPreferences } from '@/components/notifications/email-preferences';
import { FeedAddress } from '@/components/notifications/feed-address';
import {
  MarkAllReadForm,
  NotificationList,
  type NotificationItem,
} from '@/components/notifications/notification-list';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { notificationPath } from '@/lib/notify/links';
import {
  NOTIFICATIONS_PAGE_SIZE,
  countUnread,
  getDeliverySettings,
  listNotifications,
} from '@/lib/notify/notifications';
import { smtpUrl } from '@/lib/notify/settings';
import { parsePageParam } from '@/lib/validation/params';
import {
  createFeedAddress,
  markAllNotificationsRead,
  markNotificationRead,
  revokeFeedAddress,
  setEmailPreference,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notifications' };

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser();
  const page = parsePageParam((await searchParams).page);
  const [{ rows, total }, unread, settings] = await Promise.all([
    listNotifications(db, user.id, page),
    countUnread(db, user.id),
    getDeliverySettings(db, user.id),
  ]);
  const items: NotificationItem[] = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    summary: row.summary,
    href: notificationPath(row),
    createdAt: row.createdAt.toISOString(),
    when: `${WHEN.format(row.createdAt)} UTC`,
    read: row.readAt !== null,
  }));
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <p>
            What moved on the commitments, agreements and parties <Link href="/me/following">you follow</Link>
            : follow-ups, status changes, and commitments that became overdue, due soon, stale or
            contradicted.
          </p>
        }
      />
      <Card aria-labelledby="notifications-heading">
        <CardHeader
          id="notifications-heading"
          title={unread === 1 ? '1 unread' : `${unread} unread`}
          actions={unread > 0 ? <MarkAllReadForm action={markAllNotificationsRead} /> : null}
        />
        {items.length ? (
          <>
            <NotificationList items={items} markRead={markNotificationRead} />
            <Pagination
              page={page}
              pageCount={Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE))}
              total={total}
              pageSize={NOTIFICATIONS_PAGE_SIZE}
              pathname="/me/notifications"
              noun="notifications"
            />
          </>
        ) : (
          <EmptyState
            level={3}
            icon={BellRing}
            title="No notifications yet"
            description="Follow a commitment, an agreement or a party from its page to be told when it moves."
          />
        )}
      </Card>
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="email-heading">
          <CardHeader id="email-heading" title="E-mail" />
          <CardBody>
            <EmailPreferences
              action={setEmailPreference}
              current={settings.emailFrequency}
              mailConfigured={smtpUrl() !== null}
            />
          </CardBody>
        </Card>
        <Card aria-labelledby="feed-heading">
          <CardHeader
            id="feed-heading"
            title="Atom feed"
            description="Your notifications in any feed reader, without signing in."
          />
          <CardBody>
            <FeedAddress hasFeed={settings.hasFeed} create={createFeedAddress} revoke={revokeFeedAddress} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
