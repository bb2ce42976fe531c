// An RSS 2.0, Atom or RDF (RSS 1.0) document → the items the Inbox files: each with an address normalised like
// Evidence.url (lib/domain/url.ts), a title, a plain-text summary and a date. Parsing is feedsmith's
// (docs/decisions/016-feeds-and-scheduler.md); this module only reads the three shapes alike and caps what is kept.
// A JSON Feed is not read: outlets publish XML, and one format fewer is one parser path fewer to trust.
import { parseFeed as parseAnyFeed, type AnyFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { normaliseUrl } from '../domain/url.ts';
import { AppError } from '../errors.ts';
import { LIMITS } from '../validation/follow-up.ts';

/** What one poll keeps of a feed, and of each item: enough for the Inbox, never a whole site's archive. */
export const FEED_LIMITS = {
  /** Items read per poll (the feed's first ones: feeds list their newest first). */
  items: 50,
  title: LIMITS.title,
  /** The summary kept per item (the excerpt of a follow-up drafted from it). */
  summary: 4_000,
  guid: 1_000,
  feedTitle: 300,
  /** The largest feed document fetched (after decompression). */
  bytes: 2 * 1024 * 1024,
} as const;

export type FeedEntry = {
  url: string;
  guid: string | null;
  title: string;
  summary: string | null;
  publishedAt: Date | null;
};

export type ParsedFeed = { format: 'rss' | 'atom' | 'rdf'; title: string | null; entries: FeedEntry[] };

/** A feed that could not be read; the message is shown on the outlet's page and in the Inbox. */
export class FeedParseError extends AppError {}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of an HTML fragment (a summary's markup), in one paragraph per block, never run as a page. */
function textOfHtml(html: string): string {
  if (!/[<&]/.test(html)) return oneLine(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll('script, style, noscript, template')) element.remove();
  for (const element of document.querySelectorAll('br, p, div, li, h1, h2, h3, h4, h5, h6, blockquote')) {
    element.append(document.createTextNode(' '));
  }
  return oneLine(document.body?.textContent ?? '');
}

function dateOf(value: string | undefined, now: Date): Date | null {
  if (!value) return null;
  const date = new Date(value.trim());
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990) return null;
  // A date in the future (a wrong clock, a scheduled post) would pin the item above everything newer.
  return date > now ? now : date;
}

type Raw = {
  link: string | undefined;
  guid: string | undefined;
  title: string | undefined;
  summary: string | undefined;
  date: string | undefined;
};

/** Each raw item's address resolved against the feed's, normalised; items without one are dropped. */
function entriesOf(raws: Raw[], base: string, now: Date): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    let absolute: string | null = null;
    try {
      absolute = raw.link ? new URL(raw.link.trim(), base).href : null;
    } catch {
      absolute = null;
    }
    const url = absolute ? normaliseUrl(absolute) : null;
    if (!url || url.length > LIMITS.url || seen.has(url)) continue;
    seen.add(url);
    const summary = raw.summary ? textOfHtml(raw.summary) : '';
    const title = raw.title ? textOfHtml(raw.title) : '';
    entries.push({
      url,
      guid: raw.guid?.trim() ? clip(raw.guid.trim(), FEED_LIMITS.guid) : null,
      title: clip(title || summary.slice(0, 120) || url, FEED_LIMITS.title),
      summary: summary ? clip(summary, FEED_LIMITS.summary) : null,
      publishedAt: dateOf(raw.date, now),
    });
  }
  return entries;
}

/**
 * Parses a feed document fetched from `base` (relative item links resolve against it). Throws FeedParseError
 * when the document is not an RSS, Atom or RDF feed.
 */
export function parseFeedDocument(xml: string, base: string, now = new Date()): ParsedFeed {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseAnyFeed<string>(xml, { maxItems: FEED_LIMITS.items });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`The address did not return an RSS, Atom or RDF feed (${clip(detail, 200)}).`);
  }
  const title = (text: string | undefined) =>
    text?.trim() ? clip(oneLine(text), FEED_LIMITS.feedTitle) : null;
  switch (parsed.format) {
    case 'rss': {
      const { feed } = parsed;
      const raws = (feed.items ?? []).map((item) => ({
        link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
        guid: item.guid?.value,
        title: item.title,
        summary: item.description ?? item.content?.encoded,
        date: item.pubDate ?? item.dc?.dates?.[0],
      }));
      return { format: 'rss', title: title(feed.title), entries: entriesOf(raws, base, now) };
    }
    case 'atom': {
      const { feed } = parsed;
      const raws = (feed.entries ?? []).map((entry) => {
        const links = entry.links ?? [];
        const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        return {
          link: link?.href,
          guid: entry.id,
          title: entry.title?.value,
          summary: entry.summary?.value ?? entry.content?.value,
          date: entry.published ?? entry.updated,
        };
      });
      return { format: 'atom', title: title(feed.title?.value), entries: entriesOf(raws, base, now) };
    }
    case 'rdf': {
      const { feed } = parsed;
      const raws = (feed.items ?? []).map((item) => ({
        link: item.link,
        guid: item.rdf?.about,
        title: item.title,
        summary: item.description ?? item.content?.encoded,
        date: item.dc?.dates?.[0],
      }));
      return { format: 'rdf', title: title(feed.title), entries: entriesOf(raws, base, now) };
    }
    default:
      throw new FeedParseError('The address returned a JSON Feed; add its RSS or Atom feed instead.');
  }
}
