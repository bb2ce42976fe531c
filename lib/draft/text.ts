// From what the analyst pasted or the fetcher brought back to plain paragraphs and sentences, plus the metadata an
// HTML page carries (published time, site name, title). Readability (Firefox's reader view) finds the article in a
// page full of menus and links; linkedom gives it a DOM on the server without a browser.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

type PageMeta = {
  title: string | null;
  siteName: string | null;
  /** The page's own published time, and which of its markers gave it. */
  published: { value: string; source: string } | null;
  lang: string | null;
};

export type Article = { title: string | null; paragraphs: string[]; meta: PageMeta | null };

const BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TD',
  'FIGCAPTION',
]);

/** Whitespace runs folded to one space, invisible characters dropped. */
function clean(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of every block element under `root`, one paragraph each, in document order. */
function paragraphsOf(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: Element) => {
    if (BLOCKS.has(node.tagName)) {
      const text = clean(node.textContent ?? '');
      if (text) out.push(text);
      return;
    }
    for (const child of Array.from(node.children)) walk(child);
  };
  walk(root);
  if (!out.length) {
    const text = clean(root.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

function jsonLdDate(document: Document): string | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        if (typeof record.datePublished === 'string') return record.datePublished;
        if (record['@graph']) queue.push(record['@graph']);
      }
    }
  }
  return null;
}

function metaContent(document: Document, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

/** The page's metadata, read before Readability rewrites the document. */
function pageMeta(document: Document): PageMeta {
  const published =
    (() => {
      const value = metaContent(document, [
        'meta[property="article:published_time"]',
        'meta[name="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="pubdate"]',
        'meta[name="date"]',
      ]);
      return value ? { value, source: 'meta article:published_time' } : null;
    })() ??
    (() => {
      const value = jsonLdDate(document);
      return value ? { value, source: 'JSON-LD datePublished' } : null;
    })() ??
    (() => {
      const value = document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim();
      return value ? { value, source: '<time datetime>' } : null;
    })();
  const title =
    metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    (clean(document.querySelector('h1')?.textContent ?? '') || null);
  return {
    title,
    siteName: metaContent(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']),
    published,
    lang: document.documentElement?.getAttribute('lang')?.trim() || null,
  };
}

/** The article in an HTML page: its title, paragraphs and metadata. */
export function articleFromHtml(html: string): Article {
  const { document } = parseHTML(html);
  const meta = pageMeta(document as unknown as Document);
  const parsed = new Readability<string[]>(document as unknown as Document, {
    serializer: (node) => paragraphsOf(node as Element),
  }).parse();
  const title = clean(meta.title ?? parsed?.title ?? '') || null;
  let paragraphs = parsed?.content ?? [];
  if (!paragraphs.length) paragraphs = paragraphsOf((document as unknown as Document).body ?? document);
  // Readability keeps the headline inside the content on some pages; it is the title, not the first paragraph.
  if (title && paragraphs[0] === title) paragraphs = paragraphs.slice(1);
  return { title, paragraphs, meta };
}

/** Plain text: the first line is the headline when it reads like one (short, no closing full stop). */
export function articleFromText(text: string): Article {
  const normalised = text.replace(/\r\n?/g, '\n');
  // Blank lines separate paragraphs when there are any (single line breaks are then wrapping); else each line is one.
  const paragraphs = normalised
    .split(/\n[^\S\n]*\n/.test(normalised) ? /\n\s*\n/ : /\n/)
    .map(clean)
    .filter(Boolean);
  const first = paragraphs[0];
  const headline = first && first.length <= 250 && !/[.。۔]$/.test(first) ? first : null;
  return { title: headline, paragraphs: headline ? paragraphs.slice(1) : paragraphs, meta: null };
}

export type Sentence = { text: string; paragraph: number };

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sen|Rep|St|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Ltd|Co|Govt|approx)|\b[A-Z]|\b(?:U\.S|U\.K|U\.N))\.$/;

/** The paragraphs cut into sentences (also at the Chinese and Urdu full stops). */
export function sentencesOf(paragraphs: string[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    let start = 0;
    const boundary = /([.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])|([。！？۔])\s*/g;
    for (let match = boundary.exec(paragraph); match; match = boundary.exec(paragraph)) {
      const end = match.index + (match[1] ?? match[2]).length;
      const candidate = paragraph.slice(start, end);
      if (match[1] && ABBREVIATIONS.test(candidate.replace(/["”’)]+$/, ''))) continue;
      const text = candidate.trim();
      if (text) out.push({ text, paragraph: index });
      start = match.index + match[0].length;
    }
    const rest = paragraph.slice(start).trim();
    if (rest) out.push({ text: rest, paragraph: index });
  });
  return out;
}
