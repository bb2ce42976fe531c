// Following: a user follows one commitment, one agreement (all its commitments) or one party (all commitments where
// it is responsible). Every change is audited with the user as actor. Functions take their client (lib/db.ts in
// the app, the test database in tests).
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from '../data/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { FollowTarget } from './schemas.ts';

const COLUMN = { commitment: 'commitmentId', agreement: 'agreementId', party: 'partyId' } as const;

function where(userId: string, target: FollowTarget, id: number) {
  return { userId, [COLUMN[target]]: id } as {
    userId: string;
    commitmentId?: number;
    agreementId?: number;
    partyId?: number;
  };
}

export async function isFollowing(
  client: PrismaClient,
  userId: string,
  target: FollowTarget,
  id: number,
): Promise<boolean> {
  return (await client.follow.count({ where: where(userId, target, id) })) > 0;
}

/** Follows it (nothing changes when already following). */
export async function follow(
  client: PrismaClient,
  userId: string,
  target: FollowTarget,
  id: number,
): Promise<void> {
  try {
    await client.$transaction(async (tx) => {
      const existing = await tx.follow.findFirst({ where: where(userId, target, id), select: { id: true } });
      if (existing) return;
      const created = await tx.follow.create({ data: where(userId, target, id) });
      await recordAudit(tx, {
        actorId: userId,
        action: 'follow',
        entityType: 'Follow',
        entityId: created.id,
        before: null,
        after: created,
      });
    });
  } catch (error) {
    // The commitment, agreement or party is gone (foreign key), or a double click raced (unique): both benign.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      throw new NotFoundError(target);
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return;
    throw error;
  }
}

/** Stops following it (nothing changes when not following). */
export async function unfollow(
  client: PrismaClient,
  userId: string,
  target: FollowTarget,
  id: number,
): Promise<void> {
  await client.$transaction(async (tx) => {
    const existing = await tx.follow.findFirst({ where: where(userId, target, id) });
    if (!existing) return;
    await tx.follow.delete({ where: { id: existing.id } });
    await recordAudit(tx, {
      actorId: userId,
      action: 'unfollow',
      entityType: 'Follow',
      entityId: existing.id,
      before: existing,
      after: null,
    });
  });
}

export type FollowRow = { target: FollowTarget; id: number; title: string; href: string; since: Date };

/** Everything the user follows, newest first. */
export async function listFollows(client: PrismaClient, userId: string): Promise<FollowRow[]> {
  const rows = await client.follow.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      createdAt: true,
      commitment: { select: { id: true, title: true } },
      agreement: { select: { id: true, title: true } },
      party: { select: { id: true, name: true } },
    },
  });
  return rows.flatMap((row): FollowRow[] => {
    if (row.commitment)
      return [
        {
          target: 'commitment',
          id: row.commitment.id,
          title: row.commitment.title,
          href: `/commitments/${row.commitment.id}`,
          since: row.createdAt,
        },
      ];
    if (row.agreement)
      return [
        {
          target: 'agreement',
          id: row.agreement.id,
          title: row.agreement.title,
          href: `/agreements/${row.agreement.id}`,
          since: row.createdAt,
        },
      ];
    if (row.party)
      return [
        {
          target: 'party',
          id: row.party.id,
          title: row.party.name,
          href: `/parties/${row.party.id}`,
          since: row.createdAt,
        },
      ];
    return [];
  });
}
