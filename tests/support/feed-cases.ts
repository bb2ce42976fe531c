// Rows of tests/action-cases.ts for outlets' feeds (app/(app)/outlets/feeds/actions.ts) and the Inbox
// (app/(app)/inbox/actions.ts): each makes the outlet, feed or item it acts on and returns valid fields.
import type { ActionCase } from '../action-cases.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { FEEDS_POLL_JOB } from '../../lib/feeds/job.ts';
import { unique } from './db.ts';

const FEEDS = 'app/(app)/outlets/feeds/actions.ts';
const INBOX = 'app/(app)/inbox/actions.ts';

async function outletWithFeed(prisma: PrismaClient) {
  const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
  const feed = await prisma.outletFeed.create({
    data: { outletId: outlet.id, url: `https://feeds.example/${unique('feed')}.xml` },
  });
  return { outlet, feed };
}

async function inboxItem(prisma: PrismaClient, dismissed: boolean) {
  const { feed } = await outletWithFeed(prisma);
  return prisma.inboxItem.create({
    data: {
      feedId: feed.id,
      url: `https://feeds.example/${unique('item')}`,
      title: 'Protection unit set up',
      ...(dismissed ? { dismissedAt: new Date() } : {}),
    },
  });
}

function itemState({ prisma }: { prisma: PrismaClient }, fields: Record<string, string | string[]>) {
  return prisma.inboxItem.findUnique({
    where: { id: Number(fields.id) },
    select: { dismissedAt: true, dismissedById: true },
  });
}

export const feedActionCases: ActionCase[] = [
  {
    action: `${FEEDS}#addFeed`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'C' },
      });
      return { outletId: String(outlet.id), url: `https://feeds.example/${unique('rss')}.xml` };
    },
    observe: ({ prisma }, fields) =>
      prisma.outletFeed.findMany({ where: { outletId: Number(fields.outletId) }, select: { url: true } }),
  },
  {
    action: `${FEEDS}#removeFeed`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const { outlet, feed } = await outletWithFeed(prisma);
      return { outletId: String(outlet.id), id: String(feed.id) };
    },
    observe: ({ prisma }, fields) => prisma.outletFeed.findUnique({ where: { id: Number(fields.id) } }),
  },
  {
    action: `${FEEDS}#checkFeeds`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const { outlet } = await outletWithFeed(prisma);
      // Not due for an hour: "check now" makes it due.
      await prisma.scheduledJob.upsert({
        where: { name: FEEDS_POLL_JOB },
        create: { name: FEEDS_POLL_JOB, dueAt: new Date(Date.now() + 3_600_000) },
        update: { dueAt: new Date(Date.now() + 3_600_000) },
      });
      return { outletId: String(outlet.id) };
    },
    observe: async ({ prisma }) => {
      const job = await prisma.scheduledJob.findUnique({ where: { name: FEEDS_POLL_JOB } });
      return { due: Boolean(job && job.dueAt.getTime() <= Date.now()) };
    },
  },
  {
    action: `${INBOX}#dismissInboxItem`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await inboxItem(prisma, false)).id) }),
    observe: itemState,
  },
  {
    action: `${INBOX}#restoreInboxItem`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await inboxItem(prisma, true)).id) }),
    observe: itemState,
  },
];
