// Text as search sees it: the reference of the SQL functions pactwatch_search_normalise and pactwatch_search_units
// (prisma/migrations/20261202202848_search), which build every record's search document in PostgreSQL.
// tests/search.test.ts proves the two equal. Here they find the words of a text to highlight.

/** Accents, Arabic diacritics, tatweel and invisible format characters (ZWNJ, bidi controls, BOM): removed. */
const MARKS =
  /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u0640\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** Arabic and Persian letter variants folded to the Urdu ones, Arabic-Indic digits, Latin letters without marks. */
const LETTERS: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ه: 'ہ',
  ة: 'ہ',
  ۃ: 'ہ',
  ە: 'ہ',
  ٱ: 'ا',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ',
};
for (let digit = 0; digit < 10; digit++) {
  LETTERS[String.fromCodePoint(0x0660 + digit)] = String(digit);
  LETTERS[String.fromCodePoint(0x06f0 + digit)] = String(digit);
}
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

const CJK_RANGES =
  '\\u1100-\\u11FF\\u3040-\\u30FF\\u3130-\\u318F\\u31F0-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA960-\\uA97F\\uAC00-\\uD7FF\\uF900-\\uFAFF\\u{20000}-\\u{3134F}';
const SEPARATOR_RANGES =
  '\\u0001-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u00BF\\u00D7\\u00F7\\u2000-\\u206F\\u20A0-\\u20CF\\u2190-\\u2BFF\\u2E00-\\u2E7F\\u3000-\\u303F\\u060C\\u061B\\u061F\\u066A-\\u066D\\u06D4\\uFD3E\\uFD3F\\uFE10-\\uFE6F\\uFF01-\\uFF0F\\u{1F000}-\\u{1FAFF}';

/** A CJK character (Han, Kana, Hangul): written without spaces between words, so searched by character pairs. */
export const CJK = new RegExp(`^[${CJK_RANGES}]$`, 'u');
/** One unit of normalised text: a single CJK character, a word, or a run of separators. */
const UNIT = new RegExp(`[${CJK_RANGES}]|[^${SEPARATOR_RANGES}${CJK_RANGES}]+|[${SEPARATOR_RANGES}]+`, 'gu');
const SEPARATOR = new RegExp(`^[${SEPARATOR_RANGES}]`, 'u');

/** NFKD, marks removed, NFKC, lower-case, letter variants folded (pactwatch_search_normalise). */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(LETTER_PATTERN, (letter) => LETTERS[letter]);
}

export type SearchUnit = { unit: string; cjk: boolean };

/** The words and CJK characters of a text, in order (pactwatch_search_units, without positions and pairs). */
export function searchUnits(text: string): SearchUnit[] {
  const units: SearchUnit[] = [];
  for (const [match] of normaliseSearchText(text).matchAll(UNIT)) {
    if (SEPARATOR.test(match)) continue;
    // The SQL keeps 100 characters of a word; Array.from counts code points as PostgreSQL does.
    units.push({ unit: Array.from(match).slice(0, 100).join(''), cjk: CJK.test(match) });
  }
  return units;
}

/** Whether a (normalised) character separates words. */
export function isSeparator(char: string): boolean {
  return SEPARATOR.test(char);
}
