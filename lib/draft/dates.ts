// Dates in an article: the day it was published (from the page's metadata, else a dateline or a "Published …" line;
// never guessed) and dates in its sentences, resolved against that day ("on Monday" is the Monday on or before it).
// chrono-node reads the prose; what it leaves uncertain decides the precision proposed.
import * as chrono from 'chrono-node';
import { addDays, formatDay, parseDayOrNull } from '../domain/dates.ts';
import type { DayProposal, Why } from './types.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A UTC-midnight day from a machine-readable timestamp (ISO 8601 or similar), or null. */
function dayFromTimestamp(value: string): Date | null {
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (iso) return parseDayOrNull(iso[1]);
  const parsed = chrono.parseDate(value);
  return parsed ? new Date(Date.UTC(parsed.getFullYear(), parsed.getMonth(), parsed.getDate())) : null;
}

/** The published day from the page's metadata. */
export function publishedFromMeta(value: string, source: string): DayProposal | null {
  const day = dayFromTimestamp(value);
  if (!day) return null;
  return { value: formatDay(day), precision: 'day', why: { sentence: value, rule: source, matched: value } };
}

const PUBLISHED_LINE =
  /^(?:(?:published|posted|updated|last updated|date|dated)\s*(?:on|at)?\s*[:\-–]?\s*)?(.{6,60})$/i;
const DATELINE_DATE =
  /^[A-Z][A-Za-z .'-]{2,40},\s+((?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?)|(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:,?\s+\d{4})?))/;

/**
 * The published day from the text: a dateline ("BEIJING, March 3, 2026 (Reuters) -") or a line that is nothing but
 * a date ("Published: 14 March 2026"). A date without a year is read against `now` (the day the draft is made).
 */
export function publishedFromText(lines: string[], now: Date): DayProposal | null {
  for (const line of lines) {
    const cjk = /^[^\d]{0,12}(\d{4})年(\d{1,2})月(\d{1,2})日\s*$/.exec(line);
    const cjkDay = cjk && parseDayOrNull(`${cjk[1]}-${cjk[2].padStart(2, '0')}-${cjk[3].padStart(2, '0')}`);
    if (cjkDay)
      return { value: formatDay(cjkDay), precision: 'day', why: why(line, 'date line', cjk![0].trim()) };
    const dateline = DATELINE_DATE.exec(line);
    if (dateline) {
      const found = fullDay(dateline[1], now);
      if (found)
        return { value: formatDay(found), precision: 'day', why: why(line, 'dateline', dateline[1]) };
    }
    const alone = PUBLISHED_LINE.exec(line);
    if (alone && line.length <= 80) {
      const [result] = chrono.parse(alone[1], noonOf(now));
      // The date must be (nearly) the whole line: a headline that mentions a day is not a date line.
      if (result && result.start.isCertain('day') && result.text.length >= alone[1].trim().length - 12) {
        const day = componentsDay(result.start);
        if (day) return { value: formatDay(day), precision: 'day', why: why(line, 'date line', result.text) };
      }
    }
  }
  return null;
}

function why(sentence: string, rule: string, matched: string): Why {
  return { sentence, rule, matched };
}

function noonOf(day: Date): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12));
}

function componentsDay(components: chrono.ParsedComponents): Date | null {
  const year = components.get('year');
  const month = components.get('month');
  const day = components.get('day');
  if (!year || !month || !day) return null;
  return parseDayOrNull(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

function fullDay(text: string, now: Date): Date | null {
  const [result] = chrono.parse(text, noonOf(now));
  return result && result.start.isCertain('day') ? componentsDay(result.start) : null;
}

export type SentenceDate = { day: Date; precision: 'day' | 'month' | 'year'; matched: string };

/**
 * The first date a sentence gives, resolved against the article's published day. A bare weekday ("on Wednesday")
 * is the last such day on or before publication; without a published day, dates that need one (a weekday, a month
 * without a year) are not resolved at all rather than guessed. Times of day and spans like "for two years" are not
 * dates.
 */
export function dateInSentence(sentence: string, publishedOn: Date | null): SentenceDate | null {
  const reference = publishedOn ? noonOf(publishedOn) : new Date(Date.UTC(2000, 0, 1, 12));
  for (const result of chrono.parse(sentence, reference)) {
    const start = result.start;
    const text = result.text;
    if (
      !start.isCertain('day') &&
      !start.isCertain('month') &&
      !start.isCertain('weekday') &&
      !start.isCertain('year')
    ) {
      // "last month", "today", "yesterday": relative to publication.
      if (!publishedOn || !/\b(today|yesterday|last|this|next|ago)\b/i.test(text)) continue;
    }
    if (start.isCertain('weekday') && !start.isCertain('day')) {
      if (!publishedOn) continue;
      const weekday = WEEKDAYS.indexOf(
        text
          .replace(/^on\s+/i, '')
          .toLowerCase()
          .replace(/[^a-z]/g, ''),
      );
      const target = weekday === -1 ? (start.get('weekday') ?? 0) : weekday;
      const back = (publishedOn.getUTCDay() - target + 7) % 7;
      return { day: addDays(publishedOn, -back), precision: 'day', matched: text };
    }
    if (!start.isCertain('year') && !publishedOn) continue;
    let year = start.get('year');
    // News reports what has happened: a day or month without a year is the last one on or before publication.
    if (year && publishedOn && !start.isCertain('year')) {
      const month = String(start.get('month') ?? 1).padStart(2, '0');
      const day = start.isCertain('day') ? String(start.get('day') ?? 1).padStart(2, '0') : '01';
      if (`${year}-${month}-${day}` > formatDay(publishedOn)) year -= 1;
    }
    const month = start.get('month');
    if (!year || !month) continue;
    if (start.isCertain('day') || /\b(today|yesterday|ago)\b/i.test(text)) {
      const day = parseDayOrNull(
        `${year}-${String(month).padStart(2, '0')}-${String(start.get('day') ?? 1).padStart(2, '0')}`,
      );
      if (day) return { day, precision: 'day', matched: text };
    }
    if (start.isCertain('month') || /\bmonth\b/i.test(text)) {
      const day = parseDayOrNull(`${year}-${String(month).padStart(2, '0')}-01`);
      if (day) return { day, precision: 'month', matched: text };
    }
    const day = parseDayOrNull(`${year}-01-01`);
    if (day && start.isCertain('year')) return { day, precision: 'year', matched: text };
  }
  return null;
}
