// The words of a hit that a query matched, as plain segments the page renders (matches in <mark>): no HTML is ever
// built from record text, so whatever a title holds is shown as text. The rules follow the SQL that found the hit
// (pactwatch_search_query): a word matches a query word as a prefix or by its English stem, CJK text matches the
// query's character pairs, and a hit found only by its typo-tolerant match marks the words close to the query's.
import { CJK, isSeparator, normaliseSearchText } from './normalise.ts';

export type Segment = { text: string; match: boolean };

/** What to mark, read from the query as PostgreSQL built it (see termsOfQuery). */
export type HighlightTerms = {
  /** Word lexemes: prefixes ('protect':*), and whole ones (a short word; an English stem, a prefix of its word). */
  words: { lexeme: string; prefix: boolean }[];
  /** CJK characters and character pairs. */
  cjk: string[];
  /** The query's ASCII words, for hits found only by similarity. */
  fuzzy: string[];
};

/** The lexemes of a tsquery's text form (`'nccia':* & ( 'trainings':* | 'train' ) & '反恐'`). */
export function termsOfQuery(tsquery: string | null, fuzzyText: string): HighlightTerms {
  const terms: HighlightTerms = { words: [], cjk: [], fuzzy: fuzzyText.split(' ').filter(Boolean) };
  for (const [, quoted, star] of (tsquery ?? '').matchAll(/'((?:[^'\\]|''|\\.)*)'(:\*)?/g)) {
    const lexeme = quoted.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    if (Array.from(lexeme).every((char) => CJK.test(char))) terms.cjk.push(lexeme);
    // A whole lexeme of three letters or more is a stem: the word it came from starts with it.
    else terms.words.push({ lexeme, prefix: star !== undefined || lexeme.length > 2 });
  }
  return terms;
}

/** Trigram similarity of two words, as pg_trgm counts trigrams (each word padded with two spaces before, one after). */
function similarity(a: string, b: string): number {
  const trigrams = (word: string) => {
    const padded = `  ${word} `;
    const set = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
    return set;
  };
  const left = trigrams(a);
  const right = trigrams(b);
  let shared = 0;
  for (const trigram of left) if (right.has(trigram)) shared++;
  return shared / (left.size + right.size - shared);
}

/** Ranges [start, end) of `text` (UTF-16 offsets) that the terms match. */
function matchedRanges(text: string, terms: HighlightTerms): [number, number][] {
  // Normalise code point by code point, remembering where each normalised character came from.
  let normalised = '';
  const origin: { start: number; end: number }[] = [];
  for (let index = 0; index < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(index)!);
    for (const piece of Array.from(normaliseSearchText(char))) {
      normalised += piece;
      for (let k = 0; k < piece.length; k++) origin.push({ start: index, end: index + char.length });
    }
    index += char.length;
  }

  const ranges: [number, number][] = [];
  const mark = (from: number, to: number) => ranges.push([origin[from].start, origin[to - 1].end]);

  // Words: runs of non-separator, non-CJK characters.
  const chars = Array.from(normalised);
  let offset = 0;
  const positions = chars.map((char) => {
    const at = offset;
    offset += char.length;
    return at;
  });
  let i = 0;
  while (i < chars.length) {
    if (isSeparator(chars[i])) {
      i++;
      continue;
    }
    const cjk = CJK.test(chars[i]);
    let j = i;
    while (j < chars.length && !isSeparator(chars[j]) && CJK.test(chars[j]) === cjk) j++;
    const start = positions[i];
    const end = j < chars.length ? positions[j] : normalised.length;
    const run = normalised.slice(start, end);
    if (cjk) {
      for (const term of terms.cjk) {
        for (let at = run.indexOf(term); at !== -1; at = run.indexOf(term, at + 1)) {
          mark(start + at, start + at + term.length);
        }
      }
    } else {
      const hit =
        terms.words.some((word) => (word.prefix ? run.startsWith(word.lexeme) : run === word.lexeme)) ||
        (/^[a-z0-9]+$/.test(run) && terms.fuzzy.some((word) => similarity(word, run) >= 0.5));
      if (hit) mark(start, end);
    }
    i = j;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function segmentsOf(text: string, ranges: [number, number][], from = 0, to = text.length): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) segments.push({ text: text.slice(at, s), match: false });
    segments.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < to) segments.push({ text: text.slice(at, to), match: false });
  return segments;
}

/** The whole text, its matched words marked. */
export function highlight(text: string, terms: HighlightTerms): Segment[] {
  return segmentsOf(text, matchedRanges(text, terms));
}

/**
 * About `length` characters of a long text around its first match (null when nothing in it matched), with an
 * ellipsis where it was cut.
 */
export function snippet(text: string, terms: HighlightTerms, length = 220): Segment[] | null {
  const ranges = matchedRanges(text, terms);
  if (!ranges.length) return null;
  if (text.length <= length) return segmentsOf(text, ranges);
  let from = Math.max(0, ranges[0][0] - Math.floor(length / 3));
  let to = Math.min(text.length, from + length);
  from = Math.max(0, to - length);
  // Cut at spaces where there are some nearby, and never inside a surrogate pair.
  const space = text.lastIndexOf(' ', from);
  if (from > 0 && space !== -1 && from - space < 20) from = space + 1;
  const endSpace = text.indexOf(' ', to);
  if (to < text.length && endSpace !== -1 && endSpace - to < 20) to = endSpace;
  if (/[\uDC00-\uDFFF]/.test(text[from] ?? '')) from++;
  if (/[\uDC00-\uDFFF]/.test(text[to] ?? '')) to++;
  const segments = segmentsOf(text, ranges, from, to);
  if (from > 0) segments.unshift({ text: '…', match: false });
  if (to < text.length) segments.push({ text: '…', match: false });
  return segments;
}
