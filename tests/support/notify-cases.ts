// The rows of tests/action-cases.ts for following and notifications: every action acts on the caller's own rows
// (any active role: `read`). Where a row needs something of the caller's, an anonymous call gets a stranger's,
// which it must leave alone.
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { createFeedToken } from '../../lib/notify/notifications.ts';
import type { ActionCase } from '../action-cases.ts';
import type { RouteCase } from '../route-cases.ts';
import { unique } from './db.ts';
import { createTestUser, type TestUser } from './users.ts';

const FOLLOWING = 'app/(app)/me/following/actions.ts';
const NOTIFICATIONS = 'app/(app)/me/notifications/actions.ts';

async function newCommitment(prisma: PrismaClient) {
  const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  return prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: unique('Commitment') },
  });
}

async function ownerOf(prisma: PrismaClient, actor: TestUser | null) {
  return actor ?? (await createTestUser(prisma, 'viewer'));
}

/** An unread notification of the user's, written directly (a deactivated account gets none from the triggers). */
async function unreadNotification(prisma: PrismaClient, userId: string) {
  const commitment = await newCommitment(prisma);
  const event = await prisma.notificationEvent.create({
    data: {
      key: unique('test'),
      kind: 'overdue',
      commitmentId: commitment.id,
      summary: `${commitment.title}: overdue`,
    },
  });
  return prisma.notification.create({ data: { userId, eventId: event.id } });
}

export const notifyActionCases: ActionCase[] = [
  {
    action: `${FOLLOWING}#followTarget`,
    permission: 'read',
    arrange: async ({ prisma }) => ({ target: 'commitment', id: String((await newCommitment(prisma)).id) }),
    observe: ({ prisma }, fields) => prisma.follow.count({ where: { commitmentId: Number(fields.id) } }),
  },
  {
    action: `${FOLLOWING}#unfollowTarget`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const owner = await ownerOf(prisma, actor);
      const commitment = await newCommitment(prisma);
      await prisma.follow.create({ data: { userId: owner.id, agreementId: commitment.agreementId } });
      return { target: 'agreement', id: String(commitment.agreementId) };
    },
    observe: ({ prisma }, fields) => prisma.follow.count({ where: { agreementId: Number(fields.id) } }),
  },
  {
    action: `${NOTIFICATIONS}#markNotificationRead`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const notification = await unreadNotification(prisma, (await ownerOf(prisma, actor)).id);
      return { id: String(notification.id) };
    },
    observe: ({ prisma }, fields) =>
      prisma.notification.findUnique({ where: { id: BigInt(String(fields.id)) }, select: { readAt: true } }),
  },
  {
    action: `${NOTIFICATIONS}#markAllNotificationsRead`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const notification = await unreadNotification(prisma, (await ownerOf(prisma, actor)).id);
      return { probe: String(notification.id) };
    },
    observe: ({ prisma }, fields) =>
      prisma.notification.findUnique({
        where: { id: BigInt(String(fields.probe)) },
        select: { readAt: true },
      }),
  },
  {
    action: `${NOTIFICATIONS}#setEmailPreference`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const owner = await ownerOf(prisma, actor);
      await prisma.user.update({ where: { id: owner.id }, data: { emailFrequency: 'off' } });
      return { emailFrequency: 'daily', probe: owner.id };
    },
    observe: ({ prisma }, fields) =>
      prisma.user.findUnique({ where: { id: String(fields.probe) }, select: { emailFrequency: true } }),
  },
  {
    action: `${NOTIFICATIONS}#createFeedAddress`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => ({ probe: (await ownerOf(prisma, actor)).id }),
    observe: ({ prisma }, fields) =>
      prisma.user.findUnique({ where: { id: String(fields.probe) }, select: { feedTokenHash: true } }),
  },
  {
    action: `${NOTIFICATIONS}#revokeFeedAddress`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const owner = await ownerOf(prisma, actor);
      await createFeedToken(prisma, owner.id);
      return { probe: owner.id };
    },
    observe: ({ prisma }, fields) =>
      prisma.user.findUnique({ where: { id: String(fields.probe) }, select: { feedTokenHash: true } }),
  },
];

const UNSUBSCRIBE = 'app/unsubscribe/[token]/route.ts';
const badToken = () => ({ params: Promise.resolve({ token: 'dXNlcg.forged' }) });

/** The rows of tests/route-cases.ts: the feed and the unsubscribe link work without a session, on their token. */
export const notifyRouteCases: RouteCase[] = [
  {
    route: 'app/feeds/[file]/route.ts',
    method: 'GET',
    public:
      'feed readers have no session: the unguessable token in the address is the credential (404 otherwise)',
    request: () => new Request('http://localhost:4500/feeds/unknown.atom'),
    context: () => ({ params: Promise.resolve({ file: 'unknown.atom' }) }),
    expectStatus: 404,
  },
  {
    route: UNSUBSCRIBE,
    method: 'GET',
    public: 'an e-mail’s unsubscribe link works without signing in: the HMAC-signed token is the credential',
    request: () => new Request('http://localhost:4500/unsubscribe/dXNlcg.forged'),
    context: badToken,
    expectStatus: 404,
  },
  {
    route: UNSUBSCRIBE,
    method: 'POST',
    public:
      'one-click unsubscribe (RFC 8058) from a mail client, on the signed token; it only turns e-mail off',
    request: () => new Request('http://localhost:4500/unsubscribe/dXNlcg.forged', { method: 'POST' }),
    context: badToken,
    expectStatus: 404,
  },
];
