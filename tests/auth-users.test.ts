// lib/data/users.ts on a database of its own (a scratch schema): the "one active admin at least" rule counts
// every admin in the database, so it cannot be tested next to other files' users.
import { PrismaPg } from '@prisma/adapter-pg';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { migrate } from '../lib/migrations.ts';
import {
  countActiveAdmins,
  createUserWithPassword,
  deactivateUser,
  listUsers,
  reactivateUser,
  updateUserRole,
} from '../lib/data/users.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../lib/errors.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';
import { createTestSession, createTestUser, type TestUser } from './support/users.ts';

let scratch: ScratchSchema;
let client: PrismaClient;
let actor: TestUser;

beforeAll(async () => {
  scratch = await createScratchSchema('users', { connectable: true });
  await migrate(scratch.url);
  client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: scratch.url, max: 3 }, { schema: scratch.name }),
  });
});

afterAll(async () => {
  await client?.$disconnect();
  await scratch?.drop();
});

beforeEach(async () => {
  // Each test starts with no users but the one acting (a viewer: the data layer does not check roles, the
  // action wrapper does, and a viewer does not count as an admin).
  await client.$executeRawUnsafe('TRUNCATE "AuditEvent", "Session", "Account", "User" CASCADE');
  actor = await createTestUser(client, 'viewer', { label: 'actor' });
});

async function auditsBy(actorId: string) {
  return client.auditEvent.findMany({ where: { actorId }, orderBy: { id: 'asc' } });
}

describe('the last active admin', () => {
  it('cannot be deactivated or demoted; nothing is written when refused', async () => {
    const only = await createTestUser(client, 'admin');
    await expect(deactivateUser({ userId: only.id }, actor.id, client)).rejects.toThrow(RuleViolationError);
    await expect(updateUserRole({ userId: only.id, role: 'analyst' }, actor.id, client)).rejects.toThrow(
      /last active admin/,
    );
    expect(await client.user.findUnique({ where: { id: only.id } })).toMatchObject({
      role: 'admin',
      deactivatedAt: null,
    });
    expect(await auditsBy(actor.id)).toEqual([]);
  });

  it('can be demoted once another admin is active; a deactivated admin does not count', async () => {
    const first = await createTestUser(client, 'admin');
    const dormant = await createTestUser(client, 'admin', { deactivated: true });
    await expect(updateUserRole({ userId: first.id, role: 'viewer' }, actor.id, client)).rejects.toThrow(
      RuleViolationError,
    );
    await reactivateUser({ userId: dormant.id }, actor.id, client);
    await updateUserRole({ userId: first.id, role: 'viewer' }, actor.id, client);
    expect(await countActiveAdmins(client)).toBe(1);
    await expect(deactivateUser({ userId: dormant.id }, actor.id, client)).rejects.toThrow(
      RuleViolationError,
    );
  });

  it('survives two admins deactivating each other at the same moment', async () => {
    const [a, b] = [await createTestUser(client, 'admin'), await createTestUser(client, 'admin')];
    const results = await Promise.allSettled([
      deactivateUser({ userId: a.id }, b.id, client),
      deactivateUser({ userId: b.id }, a.id, client),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: expect.any(RuleViolationError),
    });
    expect(await countActiveAdmins(client)).toBe(1);
  });
});

describe('deactivation', () => {
  it('ends every session of the user in the same write, and is audited with the actor', async () => {
    const target = await createTestUser(client, 'analyst');
    await createTestSession(client, target.id);
    await createTestSession(client, target.id);
    await deactivateUser({ userId: target.id }, actor.id, client);
    expect(await client.session.count({ where: { userId: target.id } })).toBe(0);
    const [event] = await auditsBy(actor.id);
    expect(event).toMatchObject({ action: 'deactivate', entityType: 'User', entityId: target.id });
    expect(event.after).toMatchObject({ role: 'analyst', sessionsEnded: 2 });

    // Deactivating again or reactivating an active user changes nothing and records nothing.
    await deactivateUser({ userId: target.id }, actor.id, client);
    await reactivateUser({ userId: target.id }, actor.id, client);
    await reactivateUser({ userId: target.id }, actor.id, client);
    expect((await auditsBy(actor.id)).map((audit) => audit.action)).toEqual(['deactivate', 'reactivate']);
    expect((await listUsers(client)).find((user) => user.id === target.id)?.deactivatedAt).toBeNull();
  });

  it('says so when the user does not exist', async () => {
    await expect(deactivateUser({ userId: 'nobody' }, actor.id, client)).rejects.toThrow(NotFoundError);
  });
});

describe('createUserWithPassword', () => {
  it('stores a lower-cased e-mail and a Better Auth scrypt hash, never the password, and audits', async () => {
    const password = 'a long enough password';
    const user = await createUserWithPassword(
      { email: 'New.Person@Example.org', name: 'New Person', role: 'analyst', password },
      actor.id,
      client,
    );
    expect(user).toMatchObject({ email: 'new.person@example.org', role: 'analyst' });
    const account = await client.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account).toMatchObject({ providerId: 'credential', accountId: user.id });
    expect(account.password).not.toContain(password);
    expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
    const [event] = await auditsBy(actor.id);
    expect(event).toMatchObject({ action: 'create', entityType: 'User', entityId: user.id });
    expect(JSON.stringify([event.before, event.after])).not.toContain(password);
  });

  it('refuses a taken e-mail as a field error', async () => {
    const input = {
      email: 'twice@example.org',
      name: 'Twice',
      role: 'viewer' as const,
      password: 'a long enough password',
    };
    await createUserWithPassword(input, actor.id, client);
    const error = await createUserWithPassword(
      { ...input, email: 'TWICE@example.org' },
      actor.id,
      client,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors).toEqual({
      email: [expect.stringContaining('already exists')],
    });
    expect(await client.user.count({ where: { email: 'twice@example.org' } })).toBe(1);
  });

  it('refuses a short password before touching the database', async () => {
    await expect(
      createUserWithPassword(
        { email: 'short@example.org', name: 'S', role: 'viewer', password: 'short' },
        actor.id,
        client,
      ),
    ).rejects.toThrow(/at least 12/);
    expect(await client.user.count({ where: { email: 'short@example.org' } })).toBe(0);
  });
});
