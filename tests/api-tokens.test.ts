// Personal API tokens (lib/api/tokens.ts) against the test database: what is stored, the role cap, and every
// reason verify refuses.
import { afterAll, describe, expect, it } from 'vitest';
import { apiCan, createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from '../lib/api/tokens.ts';
import { testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
});

const newToken = (userId: string, scope: 'read' | 'write' = 'write', expiresAt: Date | null = null) =>
  createApiToken({ name: 'Notebook', scope, expiresAt }, userId, prisma);

describe('createApiToken', () => {
  it('returns pw_<prefix>_<secret> once, stores only its SHA-256, and audits without the secret', async () => {
    const analyst = await createTestUser(prisma, 'analyst');
    const { token, record } = await newToken(analyst.id);
    const [, prefix, secret] = /^pw_([a-z0-9]{12})_([A-Za-z0-9_-]+)$/.exec(token) ?? [];
    expect(prefix).toBe(record.prefix);
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(32);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'ApiToken', entityId: record.id },
    });
    expect(audit.actorId).toBe(analyst.id);
    expect(JSON.stringify(audit.after)).not.toContain(secret);
    expect((await listApiTokens(analyst.id, prisma)).map((t) => t.id)).toEqual([record.id]);
  });

  it("never gives more than the user's role: a viewer's token reads only, whatever is asked", async () => {
    const viewer = await createTestUser(prisma, 'viewer');
    const { token, record } = await newToken(viewer.id, 'write');
    expect(record.scope).toBe('read');
    const principal = await verifyApiToken(token, prisma);
    expect(principal && apiCan(principal, 'read')).toBe(true);
    expect(principal && apiCan(principal, 'write')).toBe(false);
  });

  it('a read-only token of an analyst may not write; a read-write one may', async () => {
    const analyst = await createTestUser(prisma, 'analyst');
    const read = await verifyApiToken((await newToken(analyst.id, 'read')).token, prisma);
    const write = await verifyApiToken((await newToken(analyst.id, 'write')).token, prisma);
    expect(read && apiCan(read, 'write')).toBe(false);
    expect(write && apiCan(write, 'write')).toBe(true);
    expect(write && apiCan(write, 'manage_users')).toBe(false);
  });
});

describe('verifyApiToken', () => {
  it('accepts the token and names its user', async () => {
    const analyst = await createTestUser(prisma, 'analyst');
    const { token } = await newToken(analyst.id);
    expect(await verifyApiToken(token, prisma)).toMatchObject({ scope: 'write', user: { id: analyst.id } });
  });

  it('refuses a wrong secret, a malformed token, a revoked one, an expired one and a deactivated user', async () => {
    const analyst = await createTestUser(prisma, 'analyst');
    const { token, record } = await newToken(analyst.id);
    const wrong = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await verifyApiToken(wrong, prisma)).toBeNull();
    expect(await verifyApiToken('pw_short', prisma)).toBeNull();
    expect(await verifyApiToken(`${token}x`, prisma)).toBeNull();

    const expiring = await newToken(analyst.id, 'read', new Date(Date.now() + 60_000));
    expect(await verifyApiToken(expiring.token, prisma)).not.toBeNull();
    expect(await verifyApiToken(expiring.token, prisma, { now: new Date(Date.now() + 120_000) })).toBeNull();

    await revokeApiToken(record.id, analyst.id, prisma);
    expect(await verifyApiToken(token, prisma)).toBeNull();
    const revoked = await prisma.auditEvent.count({
      where: { entityType: 'ApiToken', entityId: record.id, action: 'revoke', actorId: analyst.id },
    });
    expect(revoked).toBe(1);

    const other = await createTestUser(prisma, 'admin');
    const live = await newToken(other.id);
    await prisma.user.update({ where: { id: other.id }, data: { deactivatedAt: new Date() } });
    expect(await verifyApiToken(live.token, prisma)).toBeNull();
  });

  it("revokes only the user's own tokens", async () => {
    const [owner, stranger] = await Promise.all([
      createTestUser(prisma, 'analyst'),
      createTestUser(prisma, 'admin'),
    ]);
    const { token, record } = await newToken(owner.id);
    await expect(revokeApiToken(record.id, stranger.id, prisma)).rejects.toThrow();
    expect(await verifyApiToken(token, prisma)).not.toBeNull();
  });

  it('writes lastUsedAt at most once a minute', async () => {
    const analyst = await createTestUser(prisma, 'analyst');
    const { token, record } = await newToken(analyst.id);
    const start = new Date(Date.now() + 1000);
    const lastUsed = async () =>
      (await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt?.getTime();
    await verifyApiToken(token, prisma, { now: start });
    expect(await lastUsed()).toBe(start.getTime());
    await verifyApiToken(token, prisma, { now: new Date(start.getTime() + 30_000) });
    expect(await lastUsed()).toBe(start.getTime());
    const later = new Date(start.getTime() + 61_000);
    await verifyApiToken(token, prisma, { now: later });
    expect(await lastUsed()).toBe(later.getTime());
  });
});
