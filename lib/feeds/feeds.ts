// An outlet's feeds: list, add, remove, "check now". Each write runs in one transaction with its audit event.
// Functions take the client last (default: the app's) so tests can run them on a database of their own. Not for
// job code: this module loads lib/db.ts.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from '../data/audit.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors.ts';
import { makeDue } from '../scheduler/scheduler.ts';
import { FEEDS_POLL_JOB } from './job.ts';
import type { AddFeedInput, CheckFeedsInput, FeedInput } from './schemas.ts';

type Tx = Prisma.TransactionClient;

/** An outlet has a handful of feeds at most (a section or two); more is a mistake or abuse. */
const FEEDS_PER_OUTLET = 20;

export type OutletFeedRow = {
  id: number;
  url: string;
  title: string | null;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  itemCount: number;
};

export async function listOutletFeeds(outletId: number, client: PrismaClient = db): Promise<OutletFeedRow[]> {
  const feeds = await client.outletFeed.findMany({
    where: { outletId },
    select: {
      id: true,
      url: true,
      title: true,
      lastFetchedAt: true,
      lastSuccessAt: true,
      lastError: true,
      lastErrorAt: true,
      _count: { select: { items: true } },
    },
    orderBy: { id: 'asc' },
    take: FEEDS_PER_OUTLET,
  });
  return feeds.map(({ _count, ...feed }) => ({ ...feed, itemCount: _count.items }));
}

async function liveOutlet(tx: Tx, outletId: number) {
  const outlet = await tx.outlet.findUnique({
    where: { id: outletId },
    select: { id: true, name: true, archivedAt: true },
  });
  if (!outlet) throw new NotFoundError('outlet');
  if (outlet.archivedAt)
    throw new RuleViolationError(`${outlet.name} is archived: restore it to watch its feeds.`);
  return outlet;
}

/** The job is made due in the caller's transaction: "check now" is recorded if and only if it happens. */
function makePollDue(tx: Tx): Promise<void> {
  return makeDue(tx, FEEDS_POLL_JOB);
}

/** Adds a feed to an outlet and makes the poll due, so its items arrive at the scheduler's next tick. */
export async function addOutletFeed(input: AddFeedInput, actorId: string, client: PrismaClient = db) {
  try {
    return await client.$transaction(async (tx) => {
      const outlet = await liveOutlet(tx, input.outletId);
      const count = await tx.outletFeed.count({ where: { outletId: outlet.id } });
      if (count >= FEEDS_PER_OUTLET) {
        throw new ConflictError('url', `An outlet can have at most ${FEEDS_PER_OUTLET} feeds.`);
      }
      const feed = await tx.outletFeed.create({
        data: { outletId: outlet.id, url: input.url },
        select: { id: true, outletId: true, url: true },
      });
      await recordAudit(tx, {
        actorId,
        action: 'create',
        entityType: 'OutletFeed',
        entityId: feed.id,
        after: feed,
      });
      await makePollDue(tx);
      return { ...feed, outletName: outlet.name };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const owner = await client.outletFeed.findUnique({
        where: { url: input.url },
        select: { outlet: { select: { name: true } } },
      });
      throw new ConflictError(
        'url',
        owner ? `This feed is already watched for ${owner.outlet.name}.` : 'This feed is already watched.',
      );
    }
    throw error;
  }
}

/** Removes a feed; the Inbox items it filed go with it (an item logged as evidence stays, as evidence). */
export async function removeOutletFeed(input: FeedInput, actorId: string, client: PrismaClient = db) {
  return client.$transaction(async (tx) => {
    const feed = await tx.outletFeed.findFirst({
      where: { id: input.id, outletId: input.outletId },
      select: { id: true, outletId: true, url: true, title: true },
    });
    if (!feed) throw new NotFoundError('feed');
    await tx.outletFeed.delete({ where: { id: feed.id } });
    await recordAudit(tx, {
      actorId,
      action: 'delete',
      entityType: 'OutletFeed',
      entityId: feed.id,
      before: feed,
    });
    return feed;
  });
}

/** "Check now": the poll job is due at once, so the next tick of any instance polls every feed. */
export async function checkFeedsNow(input: CheckFeedsInput, actorId: string, client: PrismaClient = db) {
  return client.$transaction(async (tx) => {
    const outlet = await liveOutlet(tx, input.outletId);
    const feeds = await tx.outletFeed.count({ where: { outletId: outlet.id } });
    if (!feeds) throw new RuleViolationError(`${outlet.name} has no feed to check: add one first.`);
    await makePollDue(tx);
    await recordAudit(tx, {
      actorId,
      action: 'check',
      entityType: 'ScheduledJob',
      entityId: FEEDS_POLL_JOB,
      after: { outletId: outlet.id },
    });
    return outlet;
  });
}
