// "Log follow-up" from an Inbox item: the follow-up draft (lib/draft) of the item's own text — its title and the
// feed's summary, not the page, which is not fetched — with what the feed already says for certain put in: the
// outlet is the feed's, the date the feed's, and the rows are the commitments the item was filed with, in their
// ranked order. The log-follow-up form applies it as it applies the article panel's draft.
import type { FollowUpDraftResult } from '@/components/drafts/follow-up-draft';
import { db } from '../db.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { findEvidenceByUrl, getCommitmentOptions } from '../data/evidence.ts';
import { formatDay } from '../domain/dates.ts';
import { draftFromText } from '../draft/draft.ts';
import { loadRegistry } from '../draft/registry.ts';

export async function draftFromInboxItem(
  id: number,
  client: PrismaClient = db,
): Promise<FollowUpDraftResult | null> {
  const item = await client.inboxItem.findUnique({
    where: { id },
    select: {
      url: true,
      title: true,
      summary: true,
      publishedAt: true,
      feed: {
        select: {
          outlet: {
            select: { id: true, name: true, website: true, defaultReliability: true, archivedAt: true },
          },
        },
      },
      commitments: { select: { commitmentId: true }, orderBy: [{ score: 'desc' }, { commitmentId: 'asc' }] },
    },
  });
  if (!item) return null;
  const registry = await loadRegistry(client);
  const filed = item.commitments.map((row) => row.commitmentId);
  const rank = new Map(filed.map((commitmentId, index) => [commitmentId, index]));
  // The rows are the commitments the item was filed with; an item filed with none is ranked afresh.
  const scope = filed.length
    ? { ...registry, commitments: registry.commitments.filter((commitment) => rank.has(commitment.id)) }
    : registry;
  const draft = draftFromText(
    { text: [item.title, item.summary ?? ''].join('\n\n'), url: item.url, kind: 'follow-up' },
    scope,
  );
  if (draft.kind !== 'follow-up') return null;
  if (filed.length) {
    draft.commitments.sort(
      (a, b) => (rank.get(a.commitmentId) ?? filed.length) - (rank.get(b.commitmentId) ?? filed.length),
    );
  }
  const { outlet } = item.feed;
  const fromFeed = { sentence: item.url, rule: 'the feed’s', matched: '' };
  draft.title = {
    value: item.title,
    why: { ...fromFeed, rule: 'the feed item’s title', matched: item.title },
  };
  draft.outlet = {
    value: { id: outlet.id, name: outlet.name, website: outlet.website },
    why: { ...fromFeed, rule: 'the outlet whose feed filed it', matched: outlet.name },
    isNew: false,
  };
  if (item.publishedAt) {
    const day = formatDay(item.publishedAt);
    draft.publishedOn = {
      value: day,
      precision: 'day',
      why: { ...fromFeed, rule: 'the feed item’s date', matched: day },
    };
  }
  const [evidence, options] = await Promise.all([
    findEvidenceByUrl(item.url, client),
    getCommitmentOptions(
      draft.commitments.map((row) => row.commitmentId),
      client,
    ),
  ]);
  return {
    draft,
    logged: evidence
      ? { id: evidence.id, url: evidence.url, title: evidence.title, outlet: evidence.outlet.name }
      : null,
    commitments: options,
    outlet: outlet.archivedAt
      ? null
      : { id: outlet.id, name: outlet.name, defaultReliability: outlet.defaultReliability },
  };
}
