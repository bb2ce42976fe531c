// A user's notifications (written by the database triggers and the daily job; see the migration
// 20261203031500_notifications) and their delivery settings. Functions take their client.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { NotificationKind } from '../generated/prisma/enums.ts';
import { recordAudit } from '../data/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { EmailFrequency } from './schemas.ts';
import { hashFeedToken, isFeedToken, newFeedToken } from './tokens.ts';

export const NOTIFICATIONS_PAGE_SIZE = 25;

/** The bell: one count on the (userId, readAt, createdAt) index. */
export async function countUnread(client: PrismaClient, userId: string): Promise<number> {
  return client.notification.count({ where: { userId, readAt: null } });
}

export type NotificationRow = {
  id: string;
  kind: NotificationKind;
  summary: string;
  commitmentId: number;
  statusUpdateId: number | null;
  createdAt: Date;
  readAt: Date | null;
};

const rowSelect = {
  id: true,
  createdAt: true,
  readAt: true,
  event: { select: { kind: true, summary: true, commitmentId: true, statusUpdateId: true } },
} as const;

function toRow(row: {
  id: bigint;
  createdAt: Date;
  readAt: Date | null;
  event: { kind: NotificationKind; summary: string; commitmentId: number; statusUpdateId: number | null };
}): NotificationRow {
  return { id: String(row.id), createdAt: row.createdAt, readAt: row.readAt, ...row.event };
}

/** One page of the user's notifications, newest first, and how many there are. */
export async function listNotifications(
  client: PrismaClient,
  userId: string,
  page: number,
  pageSize = NOTIFICATIONS_PAGE_SIZE,
): Promise<{ rows: NotificationRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    client.notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: rowSelect,
    }),
    client.notification.count({ where: { userId } }),
  ]);
  return { rows: rows.map(toRow), total };
}

/** Marks one of the user's own notifications read (another user's is "not found"). */
export async function markRead(client: PrismaClient, userId: string, id: bigint): Promise<void> {
  await client.$transaction(async (tx) => {
    const row = await tx.notification.findFirst({
      where: { id, userId },
      select: { id: true, readAt: true },
    });
    if (!row) throw new NotFoundError('notification');
    if (row.readAt) return;
    const readAt = new Date();
    await tx.notification.update({ where: { id }, data: { readAt } });
    await recordAudit(tx, {
      actorId: userId,
      action: 'read',
      entityType: 'Notification',
      entityId: id,
      before: { readAt: null },
      after: { readAt },
    });
  });
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllRead(client: PrismaClient, userId: string): Promise<number> {
  return client.$transaction(async (tx) => {
    const readAt = new Date();
    const { count } = await tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt } });
    await recordAudit(tx, {
      actorId: userId,
      action: 'read_all',
      entityType: 'User',
      entityId: userId,
      before: null,
      after: { notificationsRead: count, readAt },
    });
    return count;
  });
}

export type DeliverySettings = { emailFrequency: EmailFrequency; hasFeed: boolean };

export async function getDeliverySettings(client: PrismaClient, userId: string): Promise<DeliverySettings> {
  const user = await client.user.findUniqueOrThrow({
    where: { id: userId },
    select: { emailFrequency: true, feedTokenHash: true },
  });
  return { emailFrequency: user.emailFrequency, hasFeed: user.feedTokenHash !== null };
}

/** Sets how the user is e-mailed; `via` names the way (the settings form, an unsubscribe link) in the audit. */
export async function setEmailFrequency(
  client: PrismaClient,
  userId: string,
  emailFrequency: EmailFrequency,
  via: 'settings' | 'unsubscribe-link' = 'settings',
): Promise<void> {
  await client.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { emailFrequency: true } });
    if (!before) throw new NotFoundError('user');
    await tx.user.update({ where: { id: userId }, data: { emailFrequency } });
    await recordAudit(tx, {
      actorId: userId,
      action: via === 'unsubscribe-link' ? 'unsubscribe' : 'update',
      entityType: 'User',
      entityId: userId,
      before: { emailFrequency: before.emailFrequency },
      after: { emailFrequency, via },
    });
  });
}

/** A new feed address token for the user (any earlier one stops working); the token is returned only here. */
export async function createFeedToken(client: PrismaClient, userId: string): Promise<string> {
  const token = newFeedToken();
  await client.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { feedTokenHash: true } });
    if (!before) throw new NotFoundError('user');
    await tx.user.update({ where: { id: userId }, data: { feedTokenHash: hashFeedToken(token) } });
    await recordAudit(tx, {
      actorId: userId,
      action: before.feedTokenHash ? 'regenerate_feed' : 'create_feed',
      entityType: 'User',
      entityId: userId,
      // Never the hash itself: the audit says only that there was one.
      before: { feed: before.feedTokenHash !== null },
      after: { feed: true },
    });
  });
  return token;
}

export async function revokeFeedToken(client: PrismaClient, userId: string): Promise<void> {
  await client.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { feedTokenHash: true } });
    if (!before) throw new NotFoundError('user');
    await tx.user.update({ where: { id: userId }, data: { feedTokenHash: null } });
    await recordAudit(tx, {
      actorId: userId,
      action: 'revoke_feed',
      entityType: 'User',
      entityId: userId,
      before: { feed: before.feedTokenHash !== null },
      after: { feed: false },
    });
  });
}

/** The active user a feed token belongs to, or null. */
export async function findFeedOwner(
  client: PrismaClient,
  token: string,
): Promise<{ id: string; name: string } | null> {
  if (!isFeedToken(token)) return null;
  return client.user.findFirst({
    where: { feedTokenHash: hashFeedToken(token), deactivatedAt: null },
    select: { id: true, name: true },
  });
}
