// THE table of server actions for tests/auth-actions.test.ts. Every function exported from an
// `app/**/actions.ts` must have a row here, or that test fails. Adding a row:
//
//   {
//     action: 'app/(app)/things/actions.ts#renameThing',
//     permission: 'write',                                   // the least permission it needs
//     arrange: async ({ prisma }) => {                       // make what it acts on; return valid form fields
//       const thing = await prisma.thing.create({ data: { name: unique('thing') } });
//       return { id: String(thing.id), name: 'New name' };
//     },
//     observe: ({ prisma }, fields) =>                       // the state it changes (must differ after an allowed call,
//       prisma.thing.findUnique({ where: { id: Number(fields.id) } }),  // must not after a refused one)
//   },
//
// The harness runs each row as anonymous, viewer, analyst, admin and a deactivated admin, each with fresh rows
// from `arrange`, and checks: refused or allowed as `permission` says; an allowed call changes what `observe` sees
// and writes an audit event naming the caller; a refused call changes nothing.
import { hashForStorage, newId } from '../lib/auth/credentials.ts';
import type { Permission } from '../lib/auth/permissions.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { unique } from './support/db.ts';
import { createTestSession, createTestUser, type TestUser } from './support/users.ts';
import { editingActionCases } from './support/editing-cases.ts';
import { csvActionCases } from './support/csv-cases.ts';
import { correctionActionCases } from './support/correction-cases.ts';
import { followUpActionCases } from './support/follow-up-cases.ts';
import { tokenActionCases } from './support/token-cases.ts';
import { notifyActionCases } from './support/notify-cases.ts';
import { feedActionCases } from './support/feed-cases.ts';
import { reviewActionCases } from './support/review-cases.ts';

export type FormFields = Record<string, string | string[]>;

type ActionFixture = {
  prisma: PrismaClient;
  /** Who calls the action (null: anonymous). */
  actor: TestUser | null;
};

export type ActionCase = {
  /** `<file from the repository root>#<exported name>`. */
  action: string;
  permission: Permission;
  arrange: (fixture: ActionFixture) => Promise<FormFields>;
  observe: (fixture: ActionFixture, fields: FormFields) => Promise<unknown>;
  /**
   * An action that only computes (a draft from an article): allowed, it succeeds and still writes nothing — no
   * audit event, no row — which the harness checks instead of a change.
   */
  readOnly?: true;
};

const USERS_ACTIONS = 'app/(app)/admin/users/actions.ts';

async function userState(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { role: true, deactivatedAt: true, _count: { select: { sessions: true } } },
  });
  return (
    user && { role: user.role, deactivated: user.deactivatedAt !== null, sessions: user._count.sessions }
  );
}

/** The user's credential hash and the ids of their live sessions: what a password change or reset changes. */
async function passwordState(prisma: PrismaClient, userId: string) {
  const [account, sessions] = await Promise.all([
    prisma.account.findFirst({ where: { userId, providerId: 'credential' }, select: { password: true } }),
    prisma.session.findMany({ where: { userId }, select: { id: true }, orderBy: { id: 'asc' } }),
  ]);
  return { hash: account?.password ?? null, sessions: sessions.map((session) => session.id) };
}

const CURRENT_PASSWORD = 'the current password';

/** Gives an existing user the credential account Better Auth would have, with CURRENT_PASSWORD, afresh. */
async function setCurrentPassword(prisma: PrismaClient, userId: string) {
  const password = await hashForStorage(CURRENT_PASSWORD);
  const updated = await prisma.account.updateMany({
    where: { userId, providerId: 'credential' },
    data: { password },
  });
  if (!updated.count) {
    await prisma.account.create({
      data: { id: newId(), accountId: userId, providerId: 'credential', userId, password },
    });
  }
}

export const actionCases: ActionCase[] = [
  {
    action: 'app/(app)/drafts/actions.ts#draftAgreement',
    permission: 'write',
    readOnly: true,
    arrange: async () => ({
      article:
        'Islamabad: Pakistan and China agreed on Monday to set up a joint working group on police training, the Interior Ministry said.',
      url: '',
    }),
    observe: ({ prisma }) => prisma.auditEvent.count(),
  },
  {
    action: 'app/(app)/drafts/actions.ts#draftFollowUp',
    permission: 'write',
    readOnly: true,
    arrange: async () => ({
      article:
        'Islamabad: Pakistan has set up the special protection unit for Chinese nationals in Islamabad, the Interior Ministry said.',
      url: '',
    }),
    observe: ({ prisma }) => prisma.auditEvent.count(),
  },
  {
    action: 'app/(app)/me/actions.ts#changePassword',
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      const sessionId = newId();
      if (actor) {
        await setCurrentPassword(prisma, actor.id);
        // The session the form was loaded in (kept) and one elsewhere (ended).
        await prisma.session.create({
          data: {
            id: sessionId,
            token: newId(),
            userId: actor.id,
            expiresAt: new Date(Date.now() + 3600_000),
          },
        });
        await createTestSession(prisma, actor.id);
        // A wrong current password counts as a failed sign-in: a write on purpose, on a refusal. The counter's
        // row is there beforehand, at zero, so a refusal adds no row (what action-fuzz checks) and every call
        // starts unlocked.
        const email = actor.email.toLowerCase();
        const row = { count: 0, windowStart: new Date() };
        await prisma.signInFailure.upsert({ where: { email }, create: { email, ...row }, update: row });
      }
      return {
        sessionId,
        currentPassword: CURRENT_PASSWORD,
        newPassword: 'a brand new password',
        confirmPassword: 'a brand new password',
      };
    },
    observe: async ({ prisma, actor }) => (actor ? passwordState(prisma, actor.id) : null),
  },
  {
    action: `${USERS_ACTIONS}#resetUserPassword`,
    permission: 'manage_users',
    arrange: async ({ prisma }) => {
      const target = await createTestUser(prisma, 'analyst', { label: 'target', password: CURRENT_PASSWORD });
      await createTestSession(prisma, target.id);
      return { userId: target.id, password: '' };
    },
    observe: ({ prisma }, fields) => passwordState(prisma, String(fields.userId)),
  },
  {
    action: `${USERS_ACTIONS}#createUser`,
    permission: 'manage_users',
    arrange: async () => ({
      email: `${unique('new')}@test.pactwatch.local`,
      name: 'New Person',
      role: 'analyst',
      password: '',
    }),
    observe: async ({ prisma }, fields) => ({
      users: await prisma.user.count({ where: { email: String(fields.email) } }),
      accounts: await prisma.account.count({ where: { user: { email: String(fields.email) } } }),
    }),
  },
  {
    action: `${USERS_ACTIONS}#changeUserRole`,
    permission: 'manage_users',
    arrange: async ({ prisma }) => {
      const target = await createTestUser(prisma, 'viewer', { label: 'target' });
      return { userId: target.id, role: 'analyst' };
    },
    observe: ({ prisma }, fields) => userState(prisma, String(fields.userId)),
  },
  {
    action: `${USERS_ACTIONS}#deactivateUser`,
    permission: 'manage_users',
    arrange: async ({ prisma }) => {
      const target = await createTestUser(prisma, 'analyst', { label: 'target' });
      await createTestSession(prisma, target.id);
      return { userId: target.id };
    },
    observe: ({ prisma }, fields) => userState(prisma, String(fields.userId)),
  },
  {
    action: `${USERS_ACTIONS}#reactivateUser`,
    permission: 'manage_users',
    arrange: async ({ prisma }) => {
      const target = await createTestUser(prisma, 'analyst', { label: 'target', deactivated: true });
      return { userId: target.id };
    },
    observe: ({ prisma }, fields) => userState(prisma, String(fields.userId)),
  },
  // ---- followup: log follow-up, outlets ----
  {
    action: 'app/(app)/follow-ups/actions.ts#logFollowUp',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const category = await prisma.category.create({
        data: { slug: unique('cat'), name: unique('Category') },
      });
      const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
      const commitment = await prisma.commitment.create({
        data: { agreementId: agreement.id, categoryId: category.id, title: unique('Commitment') },
      });
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'B' },
      });
      return {
        url: `https://news.example.com/${unique('item')}`,
        outlet: String(outlet.id),
        title: 'Follow-up item',
        language: 'en',
        publishedOn: '2026-01-15',
        credibility: '2',
        type: 'announcement',
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'in_progress',
      };
    },
    observe: async ({ prisma }, fields) => ({
      evidence: await prisma.evidence.count({ where: { url: String(fields.url) } }),
      updates: await prisma.statusUpdate.count({
        where: { commitmentId: Number(fields['rows.0.commitmentId']) },
      }),
      status: (await prisma.commitment.findUnique({ where: { id: Number(fields['rows.0.commitmentId']) } }))
        ?.status,
    }),
  },
  {
    action: 'app/(app)/outlets/actions.ts#createOutlet',
    permission: 'write',
    arrange: async () => ({
      name: unique('New outlet'),
      website: 'https://outlet.example.com',
      defaultReliability: 'C',
    }),
    observe: ({ prisma }, fields) => prisma.outlet.count({ where: { name: String(fields.name) } }),
  },
  {
    action: 'app/(app)/outlets/actions.ts#updateOutlet',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'B' },
      });
      return {
        id: String(outlet.id),
        version: '1',
        name: unique('Renamed'),
        website: '',
        defaultReliability: 'D',
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.outlet.findUnique({
        where: { id: Number(fields.id) },
        select: { name: true, defaultReliability: true, version: true },
      }),
  },
  {
    action: 'app/(app)/outlets/actions.ts#archiveOutlet',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'B' },
      });
      return { id: String(outlet.id), version: '1' };
    },
    observe: ({ prisma }, fields) =>
      prisma.outlet.findUnique({
        where: { id: Number(fields.id) },
        select: { archivedAt: true, version: true },
      }),
  },
  {
    action: 'app/(app)/outlets/actions.ts#unarchiveOutlet',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'B', archivedAt: new Date() },
      });
      return { id: String(outlet.id), version: '1' };
    },
    observe: ({ prisma }, fields) =>
      prisma.outlet.findUnique({
        where: { id: Number(fields.id) },
        select: { archivedAt: true, version: true },
      }),
  },
  // Edit screens (agreements, commitments, parties, people, categories): rows in tests/support/editing-cases.ts.
  ...editingActionCases,
  // CSV import of follow-ups: tests/support/csv-cases.ts.
  ...csvActionCases,
  // Correcting / retracting follow-ups, editing evidence: tests/support/correction-cases.ts.
  ...correctionActionCases,
  ...followUpActionCases,
  ...tokenActionCases,
  ...notifyActionCases,
  ...feedActionCases,
  ...reviewActionCases,
];
