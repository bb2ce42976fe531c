// Article → draft: the one entry point. Pure and offline: the registry comes in as data (lib/draft/registry.ts
// loads it), the article as text or HTML (lib/fetch fetches one), and the same input always gives the same draft.
// Every proposal says which sentence it came from and which rule matched; nothing is written anywhere.
import type { AgreementKind } from '../generated/prisma/enums.ts';
import { parseDay } from '../domain/dates.ts';
import { AppError } from '../errors.ts';
import { LIMITS } from '../validation/follow-up.ts';
import { agreementCommitments } from './commitments.ts';
import { publishedFromMeta, publishedFromText, dateInSentence } from './dates.ts';
import { matchEntities } from './entities.ts';
import { followUpCommitments } from './follow-up.ts';
import { CITIES } from './gazetteer.ts';
import { detectLanguage } from './language.ts';
import { articleFromHtml, articleFromText, sentencesOf, type Article } from './text.ts';
import type { DayProposal, Draft, DraftInput, DraftOutlet, Proposal, Registry, Why } from './types.ts';

const DATELINE = /^([A-Z][A-Z .'-]{2,30}?)(?:,\s*[^()]{3,40}?)?\s*(?:\(([^)]{2,60})\))?\s*[-–—:]\s+/;

const KINDS: { re: RegExp; kind: AgreementKind; rule: string }[] = [
  { re: /\bmemorandum\s+of\s+understanding\b|\bMoUs?\b/i, kind: 'mou', rule: 'memorandum of understanding' },
  { re: /\btreaty\b/i, kind: 'treaty', rule: 'treaty' },
  {
    re: /\bjoint\s+(?:statement|declaration|communiqu[ée]|press\s+release)\b/i,
    kind: 'joint_statement',
    rule: 'joint statement',
  },
  {
    re: /\bsigned\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:agreement|accord|protocol)\b/i,
    kind: 'other',
    rule: 'signed agreement',
  },
  {
    re: /\b(?:meeting|met|talks|held\s+a\s+meeting|summit|visit)\b/i,
    kind: 'meeting_outcome',
    rule: 'meeting',
  },
];

const MEETING = /\b(?:meeting|met|talks|signed|signing|summit|held|visit|ceremony)\b/i;

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(?:www|amp|m)\./, '');
  } catch {
    return null;
  }
}

function outletFor(
  article: Article,
  url: string | undefined,
  dateline: { outlet: string | null; line: string },
  registry: Registry,
): Draft['outlet'] {
  const host = hostOf(url);
  if (host) {
    const known = registry.outlets.find((outlet) => hostOf(outlet.website ?? undefined) === host);
    const why: Why = { sentence: url!, rule: 'the URL’s host', matched: host };
    if (known)
      return { value: { id: known.id, name: known.name, website: known.website }, why, isNew: false };
  }
  const names = [article.meta?.siteName, dateline.outlet].filter((name): name is string => Boolean(name));
  for (const name of names) {
    const known = registry.outlets.find((outlet) => outlet.name.toLowerCase() === name.toLowerCase());
    if (known) {
      const rule = name === dateline.outlet ? 'dateline' : 'page’s site name';
      const sentence = name === dateline.outlet ? dateline.line : `og:site_name="${name}"`;
      return {
        value: { id: known.id, name: known.name, website: known.website },
        why: { sentence, rule, matched: name },
        isNew: false,
      };
    }
  }
  const origin = host && url ? new URL(url).origin : null;
  const name = article.meta?.siteName ?? dateline.outlet ?? host;
  if (!name) return null;
  const value: DraftOutlet = { id: null, name, website: origin };
  return { value, why: { sentence: url ?? dateline.line, rule: 'new outlet', matched: name }, isNew: true };
}

/** The draft of an agreement or a follow-up from one article. */
/**
 * The most of an input the extractor reads: HTML a little over a long page with its markup, text far more than any
 * news story. The work grows with the text (about 1 s of CPU per 800 KB, on the request's thread), so a huge paste
 * must not hold the server for everyone else; what lies beyond is not news.
 */
const DRAFT_HTML_MAX = 1_500_000;
export const DRAFT_TEXT_MAX = 60_000;

export function draftFromText(input: DraftInput, registry: Registry): Draft {
  if (!input.text?.trim() && !input.html?.trim())
    throw new AppError('Paste the article’s text or HTML, or give its address, to make a draft.');
  const read = input.html?.trim()
    ? articleFromHtml(input.html.slice(0, DRAFT_HTML_MAX))
    : articleFromText((input.text ?? '').slice(0, DRAFT_TEXT_MAX));
  const article = { ...read, paragraphs: withinLimit(read.paragraphs, DRAFT_TEXT_MAX) };
  const now = input.now ?? new Date();
  const body = article.paragraphs.join('\n\n');
  const sentences = sentencesOf(article.paragraphs).map((s) => s.text);
  const all = article.title ? [article.title, ...sentences] : sentences;

  // The dateline opens the first paragraph of the story, after any "Published …" line.
  const datelineMatch = article.paragraphs
    .slice(0, 3)
    .map((paragraph) => DATELINE.exec(paragraph))
    .find((match) => match !== null);
  const datelineCity = datelineMatch
    ? Object.keys(CITIES).find((city) => city.toUpperCase() === datelineMatch[1].trim().toUpperCase())
    : undefined;
  const dateline = { outlet: datelineMatch?.[2]?.trim() ?? null, line: datelineMatch?.[0]?.trim() ?? '' };

  const publishedOn: DayProposal | null =
    (article.meta?.published
      ? publishedFromMeta(article.meta.published.value, article.meta.published.source)
      : null) ?? publishedFromText(article.paragraphs.slice(0, 3).concat(article.paragraphs.slice(-2)), now);
  const published = publishedOn ? parseDay(publishedOn.value) : null;

  const entities = matchEntities(all, registry, {
    datelineCountry: datelineCity ? CITIES[datelineCity] : null,
  });
  const common = {
    url: input.url ?? null,
    outlet: outletFor(article, input.url, dateline, registry),
    title: article.title
      ? {
          value: article.title,
          why: {
            sentence: article.title,
            rule: article.meta ? 'page title' : 'first line',
            matched: article.title,
          },
        }
      : null,
    publishedOn,
    language: detectLanguage([article.title ?? '', body].join('\n'), article.meta?.lang ?? null),
    excerpt: body.slice(0, LIMITS.excerpt),
    parties: entities.parties,
    people: entities.people,
  };

  if (input.kind === 'follow-up') {
    const partyIds = entities.parties.flatMap((party) => (party.id === null ? [] : [party.id]));
    return {
      kind: 'follow-up',
      ...common,
      commitments: followUpCommitments(all, partyIds, published, registry),
    };
  }

  const kindProposal = (() => {
    for (const { re, kind, rule } of KINDS) {
      const sentence = all.find((text) => re.test(text));
      if (sentence) return { value: kind, why: { sentence, rule, matched: re.exec(sentence)![0] } };
    }
    return null;
  })();

  let date: DayProposal | null = null;
  let place: Proposal<string> | null = null;
  for (const sentence of all) {
    if (!MEETING.test(sentence)) continue;
    if (!date) {
      // The dateline's date is when the story was filed, not necessarily when the meeting was.
      const prose =
        dateline.line && sentence.startsWith(dateline.line) ? sentence.slice(dateline.line.length) : sentence;
      const found = dateInSentence(prose, published);
      if (found) {
        date = {
          value: found.day.toISOString().slice(0, 10),
          precision: found.precision,
          why: { sentence, rule: 'date in a sentence about the meeting', matched: found.matched },
        };
      }
    }
    if (!place) {
      const first = Object.keys(CITIES)
        .map((city) => ({ city, match: new RegExp(`\\bin\\s+${city}\\b`).exec(sentence) }))
        .filter((found) => found.match)
        .sort((a, b) => a.match!.index - b.match!.index)[0];
      if (first) {
        const matched = first.match![0];
        place = {
          value: first.city,
          why: { sentence, rule: 'city in a sentence about the meeting', matched },
        };
      }
    }
  }
  if (!place && datelineCity) {
    place = {
      value: datelineCity,
      why: { sentence: dateline.line, rule: 'dateline', matched: datelineCity },
    };
  }

  return {
    kind: 'agreement',
    ...common,
    agreement: { kind: kindProposal, date, place },
    commitments: agreementCommitments(all, entities, registry, article.title ? 1 : 0),
  };
}

/** The paragraphs up to `max` characters in all (a long page's HTML can hold more text than a paste may). */
function withinLimit(paragraphs: string[], max: number): string[] {
  const kept: string[] = [];
  let total = 0;
  for (const paragraph of paragraphs) {
    if (total + paragraph.length > max) break;
    kept.push(paragraph);
    total += paragraph.length;
  }
  return kept;
}
