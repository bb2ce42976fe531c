// The Inbox: feed items filed by the poller (lib/feeds/poll.ts), newest first, paginated and filtered in SQL, each
// with what it appears to concern and whether its address is logged as evidence already (the Evidence url
// identity: Evidence."urlKey" = pactwatch_url_identity(url), migration 20261202150000_evidence_url_identity).
// Dismissing and restoring are audited writes. Not for job code: this module loads lib/db.ts.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { recordAudit } from '../data/audit.ts';
import { clampPage, type Page } from '../data/commitments.ts';
import { containsPattern } from '../data/lists.ts';
import { and } from '../data/sql.ts';
import { NotFoundError } from '../errors.ts';
import type { InboxItemInput } from './schemas.ts';

const INBOX_PAGE_SIZE = 20;

/**
 * Which items: '' (the default) is every item not dismissed, logged ones marked; 'new' those neither dismissed nor
 * logged; 'logged' those whose address is logged as evidence; 'dismissed'; 'all'.
 */
export const INBOX_STATES = ['', 'new', 'logged', 'dismissed', 'all'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export type InboxFilter = {
  partyId?: number;
  commitmentId?: number;
  outletId?: number;
  feedId?: number;
  state?: InboxState;
  q?: string;
};

export type InboxRow = {
  id: number;
  url: string;
  title: string;
  summary: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  dismissedAt: Date | null;
  dismissedBy: string | null;
  feedId: number;
  feedTitle: string | null;
  outletId: number;
  outletName: string;
  /** The evidence item this address is logged as, if any. */
  evidence: { id: number; title: string } | null;
  parties: { id: number; name: string }[];
  commitments: {
    id: number;
    title: string;
    agreementTitle: string;
    status: CommitmentStatus;
    score: number;
  }[];
};

function conditions(filter: InboxFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.partyId !== undefined)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "InboxItemParty" ip WHERE ip."itemId" = i.id AND ip."partyId" = ${filter.partyId})`,
    );
  if (filter.commitmentId !== undefined)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "InboxItemCommitment" ic WHERE ic."itemId" = i.id AND ic."commitmentId" = ${filter.commitmentId})`,
    );
  if (filter.outletId !== undefined) where.push(Prisma.sql`f."outletId" = ${filter.outletId}`);
  if (filter.feedId !== undefined) where.push(Prisma.sql`i."feedId" = ${filter.feedId}`);
  const q = filter.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    where.push(Prisma.sql`(i.title ILIKE ${pattern} OR i.summary ILIKE ${pattern})`);
  }
  switch (filter.state ?? '') {
    case '':
      where.push(Prisma.sql`i."dismissedAt" IS NULL`);
      break;
    case 'new':
      where.push(Prisma.sql`i."dismissedAt" IS NULL AND e.id IS NULL`);
      break;
    case 'logged':
      where.push(Prisma.sql`e.id IS NOT NULL`);
      break;
    case 'dismissed':
      where.push(Prisma.sql`i."dismissedAt" IS NOT NULL`);
      break;
    case 'all':
      break;
  }
  return where;
}

const FROM = Prisma.sql`
  FROM "InboxItem" i
  JOIN "OutletFeed" f ON f.id = i."feedId"
  JOIN "Outlet" o ON o.id = f."outletId"
  LEFT JOIN "Evidence" e ON e."urlKey" = pactwatch_url_identity(i.url)`;

type ItemSqlRow = Omit<InboxRow, 'evidence' | 'parties' | 'commitments'> & {
  evidenceId: number | null;
  evidenceTitle: string | null;
};

/** One page of the Inbox, newest first (by the feed's date, else by when it was filed). */
export async function listInbox(
  filter: InboxFilter,
  requestedPage = 1,
  client: PrismaClient = db,
): Promise<Page<InboxRow>> {
  const where = and(conditions(filter));
  const [{ count }] = await client.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS count ${FROM} WHERE ${where}`;
  const total = Number(count);
  const { page, pageCount } = clampPage(requestedPage, total, INBOX_PAGE_SIZE);
  const rows = total
    ? await client.$queryRaw<ItemSqlRow[]>`
        SELECT i.id, i.url, i.title, i.summary, i."publishedAt", i."createdAt", i."dismissedAt",
               u.name AS "dismissedBy", i."feedId", f.title AS "feedTitle", o.id AS "outletId",
               o.name AS "outletName", e.id AS "evidenceId", e.title AS "evidenceTitle"
        ${FROM}
        LEFT JOIN "User" u ON u.id = i."dismissedById"
        WHERE ${where}
        ORDER BY COALESCE(i."publishedAt", i."createdAt") DESC, i.id DESC
        LIMIT ${INBOX_PAGE_SIZE} OFFSET ${(page - 1) * INBOX_PAGE_SIZE}`
    : [];
  const ids = rows.map((row) => row.id);
  const [commitments, parties] = ids.length
    ? await Promise.all([
        client.inboxItemCommitment.findMany({
          where: { itemId: { in: ids }, commitment: { archivedAt: null } },
          select: {
            itemId: true,
            score: true,
            commitment: {
              select: { id: true, title: true, status: true, agreement: { select: { title: true } } },
            },
          },
          orderBy: [{ score: 'desc' }, { commitmentId: 'asc' }],
        }),
        client.inboxItemParty.findMany({
          where: { itemId: { in: ids } },
          select: { itemId: true, party: { select: { id: true, name: true } } },
          orderBy: { party: { name: 'asc' } },
        }),
      ])
    : [[], []];
  return {
    items: rows.map(({ evidenceId, evidenceTitle, ...row }) => ({
      ...row,
      evidence: evidenceId === null ? null : { id: evidenceId, title: evidenceTitle ?? '' },
      parties: parties.filter((p) => p.itemId === row.id).map((p) => p.party),
      commitments: commitments
        .filter((c) => c.itemId === row.id)
        .map((c) => ({
          id: c.commitment.id,
          title: c.commitment.title,
          agreementTitle: c.commitment.agreement.title,
          status: c.commitment.status,
          score: c.score,
        })),
    })),
    page,
    pageCount,
    pageSize: INBOX_PAGE_SIZE,
    total,
  };
}

export type FailingFeed = {
  id: number;
  url: string;
  title: string | null;
  outletId: number;
  outletName: string;
  lastError: string;
  lastErrorAt: Date | null;
};

/** Feeds whose last poll failed (of live outlets), for the Inbox's notice. */
export async function listFailingFeeds(client: PrismaClient = db): Promise<FailingFeed[]> {
  const feeds = await client.outletFeed.findMany({
    where: { lastError: { not: null }, outlet: { archivedAt: null } },
    select: {
      id: true,
      url: true,
      title: true,
      lastError: true,
      lastErrorAt: true,
      outlet: { select: { id: true, name: true } },
    },
    orderBy: { lastErrorAt: 'desc' },
    take: 10,
  });
  return feeds.map(({ outlet, lastError, ...feed }) => ({
    ...feed,
    lastError: lastError ?? '',
    outletId: outlet.id,
    outletName: outlet.name,
  }));
}

/** What the Inbox's filters offer: outlets with feeds, and the parties items name. */
export async function listInboxFilterOptions(client: PrismaClient = db) {
  const [outlets, parties] = await Promise.all([
    client.outlet.findMany({
      where: { feeds: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
      take: 200,
    }),
    client.party.findMany({
      where: { inboxItems: { some: {} }, archivedAt: null },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
      take: 200,
    }),
  ]);
  return { outlets, parties };
}

/** The commitment a filter names, for the filter's label. */
export async function getInboxCommitmentLabel(id: number, client: PrismaClient = db) {
  return client.commitment.findUnique({ where: { id }, select: { id: true, title: true } });
}

async function setDismissed(
  input: InboxItemInput,
  actorId: string,
  dismiss: boolean,
  client: PrismaClient,
): Promise<{ id: number; title: string }> {
  return client.$transaction(async (tx) => {
    const before = await tx.inboxItem.findUnique({
      where: { id: input.id },
      select: { id: true, title: true, dismissedAt: true, dismissedById: true },
    });
    if (!before) throw new NotFoundError('Inbox item');
    // Already as asked (a second tab, a double click): nothing to change, nothing to record.
    if (Boolean(before.dismissedAt) === dismiss) return before;
    const after = await tx.inboxItem.update({
      where: { id: input.id },
      data: dismiss
        ? { dismissedAt: new Date(), dismissedById: actorId }
        : { dismissedAt: null, dismissedById: null },
      select: { id: true, title: true, dismissedAt: true, dismissedById: true },
    });
    await recordAudit(tx, {
      actorId,
      action: dismiss ? 'dismiss' : 'restore',
      entityType: 'InboxItem',
      entityId: after.id,
      before: { dismissedAt: before.dismissedAt, dismissedById: before.dismissedById },
      after: { dismissedAt: after.dismissedAt, dismissedById: after.dismissedById },
    });
    return after;
  });
}

export function dismissInboxItem(input: InboxItemInput, actorId: string, client: PrismaClient = db) {
  return setDismissed(input, actorId, true, client);
}

export function restoreInboxItem(input: InboxItemInput, actorId: string, client: PrismaClient = db) {
  return setDismissed(input, actorId, false, client);
}
