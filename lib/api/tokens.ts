// Personal API tokens (docs/decisions/015-api.md). A token reads `pw_<prefix>_<secret>`: the prefix finds the row
// and is shown in lists; the whole token is stored only as its SHA-256, compared in constant time. A token never
// grants more than its user's role holds at the moment it is used, and a read token only reads and exports.
// Free of lib/db.ts (every function takes its client) so that scripts/token-create.ts can use it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ApiTokenScope } from '../generated/prisma/enums.ts';
import { can, isRole, type Permission, type Role } from '../auth/permissions.ts';
import { newId } from '../auth/credentials.ts';
import { recordAudit } from '../data/audit.ts';
import { NotFoundError } from '../errors.ts';

const TOKEN_PATTERN = /^pw_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/** lastUsedAt is written at most this often, so a busy token does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** Who a request authenticated by a token acts as. */
export type ApiPrincipal = {
  tokenId: string;
  scope: ApiTokenScope;
  user: { id: string; name: string; email: string; role: Role; deactivatedAt: null };
};

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  scope: ApiTokenScope;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const rowSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The most a user of this role may be given: a viewer's token reads, whatever was asked. */
function cappedScope(role: Role, asked: ApiTokenScope): ApiTokenScope {
  return asked === 'write' && can({ id: '', role }, 'write') ? 'write' : 'read';
}

/** Whether a token may do this: its user's role allows it, and a read token only reads. */
export function apiCan(principal: ApiPrincipal, permission: Permission): boolean {
  if (!can(principal.user, permission)) return false;
  return principal.scope === 'write' || permission === 'read' || permission === 'export';
}

export type NewApiToken = { name: string; scope: ApiTokenScope; expiresAt: Date | null };

/** Creates a token for `userId`; the returned `token` is the only time the secret exists outside the caller. */
export async function createApiToken(
  input: NewApiToken,
  userId: string,
  client: PrismaClient,
  { actorId = userId, via }: { actorId?: string | null; via?: string } = {},
): Promise<{ token: string; record: ApiTokenRow }> {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const token = `pw_${prefix}_${randomBytes(32).toString('base64url')}`;
  const record = await client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user || !isRole(user.role)) throw new NotFoundError('user');
    const created = await tx.apiToken.create({
      data: {
        id: newId(),
        userId,
        name: input.name,
        prefix,
        secretHash: hashToken(token).toString('hex'),
        scope: cappedScope(user.role, input.scope),
        expiresAt: input.expiresAt,
      },
      select: rowSelect,
    });
    const { name, scope, expiresAt } = created;
    await recordAudit(tx, {
      actorId,
      action: 'create',
      entityType: 'ApiToken',
      entityId: created.id,
      after: { userId, name, prefix, scope, expiresAt, ...(via ? { via } : {}) },
    });
    return created;
  });
  return { token, record };
}

/** The user's tokens, newest first (revoked and expired ones too, marked as such). */
export async function listApiTokens(userId: string, client: PrismaClient): Promise<ApiTokenRow[]> {
  return client.apiToken.findMany({ where: { userId }, select: rowSelect, orderBy: { createdAt: 'desc' } });
}

/** Revokes one of the user's own tokens; revoking twice is harmless. */
export async function revokeApiToken(id: string, userId: string, client: PrismaClient): Promise<void> {
  await client.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId }, select: rowSelect });
    if (!token) throw new NotFoundError('token');
    if (token.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id }, data: { revokedAt } });
    await recordAudit(tx, {
      actorId: userId,
      action: 'revoke',
      entityType: 'ApiToken',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
  });
}

/**
 * The principal a bearer token stands for, or null: malformed, unknown, wrong secret, revoked, expired, or its
 * user deactivated. Every refusal looks the same to the caller.
 */
export async function verifyApiToken(
  token: string,
  client: PrismaClient,
  { now = new Date() }: { now?: Date } = {},
): Promise<ApiPrincipal | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  // One statement (Prisma would read the user in a second one): every /api/v1 request starts here.
  const [row] = await client.$queryRaw<
    {
      id: string;
      secretHash: string;
      scope: ApiTokenScope;
      expiresAt: Date | null;
      revokedAt: Date | null;
      lastUsedAt: Date | null;
      userId: string;
      name: string;
      email: string;
      role: string;
      deactivatedAt: Date | null;
    }[]
  >`
    SELECT t.id, t."secretHash", t.scope::text AS scope, t."expiresAt", t."revokedAt", t."lastUsedAt",
           u.id AS "userId", u.name, u.email, u.role::text AS role, u."deactivatedAt"
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t.prefix = ${match[1]}`;
  if (!row) return null;
  const stored = Buffer.from(row.secretHash, 'hex');
  const given = hashToken(token);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const user = { id: row.userId, name: row.name, email: row.email, role: row.role };
  if (row.deactivatedAt || !isRole(user.role)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // Conditional, so concurrent requests of one token write once.
    await client.apiToken.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_EVERY_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return {
    tokenId: row.id,
    scope: row.scope,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, deactivatedAt: null },
  };
}
