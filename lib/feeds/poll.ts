// Polling outlets' feeds: fetch each with the safe fetcher (lib/fetch/article.ts) as a conditional request, parse
// it (lib/feeds/parse.ts), and file each item not seen before in the Inbox with the parties it names and the
// commitments it appears to concern, ranked by the follow-up draft's own ranking (lib/draft: the same words that
// would make the item's follow-up rows). A feed that fails records why and the others go on.
//
// Runs from the scheduler (lib/feeds/job.ts) with the client it is handed: it must not import lib/db.ts.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { draftFromText } from '../draft/draft.ts';
import { loadRegistry } from '../draft/registry.ts';
import type { Registry } from '../draft/types.ts';
import { fetchResource } from '../fetch/article.ts';
import { FEED_LIMITS, parseFeedDocument, type FeedEntry } from './parse.ts';

/** Media types a feed is served as (some servers say text/plain or text/html for XML; the parser decides). */
const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'text/plain',
  'text/html',
];
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';
/** The commitments kept per item, best first. */
const COMMITMENTS_PER_ITEM = 5;
/** Feeds fetched at once by one poll. */
const CONCURRENCY = 3;
const ERROR_MAX = 500;

export type FeedToPoll = {
  id: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
};

export type FeedPollResult =
  | { feedId: number; outcome: 'filed'; found: number; filed: number }
  | { feedId: number; outcome: 'not-modified' }
  | { feedId: number; outcome: 'failed'; error: string };

export type PollOptions = {
  now?: Date;
  /** Passed to the fetcher (tests: a shorter timeout). */
  fetch?: { totalTimeoutMs?: number; allowHosts?: readonly string[] };
};

/** The registry loaded once per poll, and only once some item is new. */
type RegistrySource = () => Promise<Registry>;

function lazyRegistry(db: PrismaClient): RegistrySource {
  let loading: Promise<Registry> | null = null;
  return () => (loading ??= loadRegistry(db));
}

function header(value: string | string[] | undefined, max = 500): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text && text.length <= max ? text : null;
}

/**
 * What an item appears to concern: the registered parties it names and the commitments the follow-up draft would
 * propose for it, with their scores. Computed from the title and summary alone (the feed's text; the article is
 * not fetched).
 */
function matchItem(
  entry: Pick<FeedEntry, 'title' | 'summary' | 'url'>,
  registry: Registry,
): { partyIds: number[]; commitments: { id: number; score: number }[]; language: string | null } {
  const draft = draftFromText(
    { text: [entry.title, entry.summary ?? ''].join('\n\n'), url: entry.url, kind: 'follow-up' },
    registry,
  );
  const partyIds = [...new Set(draft.parties.flatMap((party) => (party.id === null ? [] : [party.id])))];
  const commitments =
    draft.kind === 'follow-up'
      ? draft.commitments
          .slice(0, COMMITMENTS_PER_ITEM)
          .map((commitment) => ({ id: commitment.commitmentId, score: commitment.score }))
      : [];
  return { partyIds, commitments, language: draft.language?.value.slice(0, 35) ?? null };
}

/** Files the entries not yet in the Inbox for this feed; returns how many were new. */
async function fileEntries(
  db: PrismaClient,
  feedId: number,
  entries: FeedEntry[],
  registry: RegistrySource,
): Promise<number> {
  if (!entries.length) return 0;
  // Which are new, in one query; the insert below still decides (a racing poll files each item once).
  const known = await db.inboxItem.findMany({
    where: { feedId, url: { in: entries.map((entry) => entry.url) } },
    select: { url: true },
  });
  const seen = new Set(known.map((item) => item.url));
  let filed = 0;
  for (const entry of entries) {
    if (seen.has(entry.url)) continue;
    const match = matchItem(entry, await registry());
    const inserted = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "InboxItem" ("feedId", url, guid, title, summary, language, "publishedAt")
        VALUES (${feedId}, ${entry.url}, ${entry.guid}, ${entry.title}, ${entry.summary}, ${match.language},
                ${entry.publishedAt})
        ON CONFLICT ("feedId", url) DO NOTHING
        RETURNING id`;
      const id = rows[0]?.id;
      if (id === undefined) return false;
      if (match.commitments.length) {
        await tx.inboxItemCommitment.createMany({
          data: match.commitments.map((c) => ({ itemId: id, commitmentId: c.id, score: c.score })),
          skipDuplicates: true,
        });
      }
      if (match.partyIds.length) {
        await tx.inboxItemParty.createMany({
          data: match.partyIds.map((partyId) => ({ itemId: id, partyId })),
          skipDuplicates: true,
        });
      }
      return true;
    });
    if (inserted) filed++;
  }
  return filed;
}

/** Polls one feed and records the outcome on its row; never throws for the feed's own failures. */
export async function pollFeed(
  db: PrismaClient,
  feed: FeedToPoll,
  options: PollOptions = {},
  registry: RegistrySource = lazyRegistry(db),
): Promise<FeedPollResult> {
  const now = options.now ?? new Date();
  try {
    const conditional: Record<string, string> = {};
    if (feed.etag) conditional['if-none-match'] = feed.etag;
    if (feed.lastModified) conditional['if-modified-since'] = feed.lastModified;
    const response = await fetchResource(feed.url, {
      mediaTypes: FEED_TYPES,
      what: 'a feed',
      accept: FEED_ACCEPT,
      headers: conditional,
      maxBytes: FEED_LIMITS.bytes,
      ...options.fetch,
    });
    if (response.status === 304) {
      await db.outletFeed.update({
        where: { id: feed.id },
        data: { lastFetchedAt: now, lastSuccessAt: now, lastError: null, lastErrorAt: null },
      });
      return { feedId: feed.id, outcome: 'not-modified' };
    }
    const parsed = parseFeedDocument(response.body, response.url, now);
    const filed = await fileEntries(db, feed.id, parsed.entries, registry);
    // The validators are saved only once the items are filed: a poll that failed half-way asks for all of it again.
    await db.outletFeed.update({
      where: { id: feed.id },
      data: {
        title: parsed.title,
        etag: header(response.headers.etag),
        lastModified: header(response.headers['last-modified']),
        lastFetchedAt: now,
        lastSuccessAt: now,
        lastError: null,
        lastErrorAt: null,
      },
    });
    return { feedId: feed.id, outcome: 'filed', found: parsed.entries.length, filed };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const error = message.length > ERROR_MAX ? `${message.slice(0, ERROR_MAX - 1)}…` : message;
    // The feed may have been removed while it was polled: then there is nothing to record.
    await db.outletFeed.updateMany({
      where: { id: feed.id },
      data: { lastFetchedAt: now, lastError: error || 'The feed could not be read.', lastErrorAt: now },
    });
    return { feedId: feed.id, outcome: 'failed', error };
  }
}

/** Polls every feed of a live outlet, a few at a time; one feed's failure does not stop the others. */
export async function pollFeeds(db: PrismaClient, options: PollOptions = {}): Promise<FeedPollResult[]> {
  const feeds = await db.outletFeed.findMany({
    where: { outlet: { archivedAt: null } },
    select: { id: true, url: true, etag: true, lastModified: true },
    orderBy: { id: 'asc' },
  });
  const registry = lazyRegistry(db);
  const results: FeedPollResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const feed = feeds[next++];
      results.push(await pollFeed(db, feed, options, registry));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, feeds.length) }, worker));
  return results;
}
