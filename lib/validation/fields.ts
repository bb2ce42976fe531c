// The field builders every form schema in lib/validation is made of. Forms send text; these turn it into what the
// mutations take: trimmed strings (empty → null), record ids, calendar days and lists from repeated fields. A
// schema builds its fields here rather than checking text, ids or dates itself, so each rule reads the same on
// every form and an action, a form and an import refuse the same input with the same message
// (fields.test.ts holds every form to this).
//
// The rules:
// - Text is trimmed and at most a given length; too long says by how much. C0 control characters and DEL are
//   refused: they are invisible, and PostgreSQL text cannot hold NUL at all. Tab and line breaks are kept, since
//   multi-line fields (summaries, excerpts, reasons) need them and pasted or imported titles carry tabs; only a
//   one-line value no form can type them into (a user's name) refuses them too.
// - An id is digits only (no sign, exponent, decimals or spaces inside) within PostgreSQL's `integer`, 1..INT_MAX.
// - A day is YYYY-MM-DD and real (2025-02-30 is refused, not rolled over), and its year lies in a range: outside
//   it is a typo (a year 3000, a year 20), not history or plans. Two ranges, by what is dated: a record (an
//   agreement concluded, a commitment due) 1800–2100; what the news says (an item published, the fact it reports)
//   from 1900, the floor of the follow-up forms' date pickers, with an upper bound relative to today that those
//   forms set.
import * as z from 'zod';
import { parseDayOrNull } from '../domain/dates.ts';

/** PostgreSQL `integer`: ids and positions beyond it would fail in the database, not in the form. */
const INT_MAX = 2_147_483_647;

/** Rows a repeated group (parties, people, sources) may have in one form; more is a runaway client. */
export const MAX_ROWS = 50;

// ---- text ------------------------------------------------------------------------------------------------

/** C0 control characters other than tab and line breaks, and DEL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** The same, with tab and line breaks. */
const ONE_LINE_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
export const CONTROL_CHARACTERS_MESSAGE = 'Remove the invisible control characters pasted with the text.';

type TextOptions = {
  /** Refuse tab and line breaks too: a value shown on one line that no form field can type them into. */
  oneLine?: boolean;
};

const number = new Intl.NumberFormat('en-GB');

/** "Use at most 500 characters (this has 20,000).": the message of every text field that is too long. */
export function tooLongMessage(max: number, length: number): string {
  return `Use at most ${number.format(max)} characters (this has ${number.format(length)}).`;
}

function tooLong(max: number) {
  return (issue: { input?: unknown }) =>
    tooLongMessage(max, typeof issue.input === 'string' ? issue.input.length : 0);
}

function withoutControlCharacters(options: TextOptions) {
  const pattern = options.oneLine ? ONE_LINE_CONTROL_CHARACTERS : CONTROL_CHARACTERS;
  return [(value: string) => !pattern.test(value), { error: CONTROL_CHARACTERS_MESSAGE }] as const;
}

/** Any text a form sends: trimmed, at most `max` characters, no control characters; may be empty. */
export function boundedText(max: number, options: TextOptions = {}) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong(max) })
    .refine(...withoutControlCharacters(options));
}

/** Text that must be present: trimmed, 1..max characters; `missing` when it is empty or not sent. */
export function requiredText(missing: string, max: number, options: TextOptions = {}) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: tooLong(max) })
    .refine(...withoutControlCharacters(options));
}

/** Text that may be left empty or not sent (→ null). */
export function optionalText(max: number, options: TextOptions = {}) {
  return boundedText(max, options)
    .optional()
    .transform((value) => (value ? value : null));
}

// ---- ids -------------------------------------------------------------------------------------------------

/** The id a text names, or null when it names none (not trimmed: a route segment " 1" is no id). */
export function parseId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= INT_MAX ? id : null;
}

/** A record id picked in a select or carried in a hidden field (a number from code is taken too). */
export function idField(message: string) {
  return z.union([z.string(), z.number()], { error: message }).transform((value, ctx) => {
    const id = parseId(String(value).trim());
    if (id === null) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return id;
  });
}

/** An optional pick ("— none —" sends an empty string → null). */
export function optionalIdField(message: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim();
      if (!text) return null;
      const id = parseId(text);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return id;
    });
}

/** Ticked checkboxes (a repeated field): distinct ids, in the order sent. */
export function idListField(message: string, max = MAX_ROWS) {
  return z
    .array(z.string())
    .max(max, { error: `Choose at most ${max}.` })
    .default([])
    .transform((values, ctx) => {
      const ids: number[] = [];
      for (const value of values) {
        const id = parseId(value.trim());
        if (id === null) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        if (!ids.includes(id)) ids.push(id);
      }
      return ids;
    });
}

/** The hidden `id` of the record an edit form is about. */
export const recordIdField = idField('This form does not say which record it edits: reload the page.');

/** The `version` every edit form carries (optimistic locking). */
export const versionField = idField('This form is missing its version: reload the page.');

// ---- days ------------------------------------------------------------------------------------------------

/** The years a date may fall in, and what a date outside them is told. */
export type YearRange = { from: number; to: number; message: string };

/** What a record is dated: an agreement concluded, a commitment due, the start of its first period. */
export const RECORD_YEARS: YearRange = {
  from: 1800,
  to: 2100,
  message: 'Use a year between 1800 and 2100.',
};

/** What the news says: an item published, the day a fact it reports held (the upper bound is set by the form). */
export const EVIDENCE_YEARS: YearRange = {
  from: 1900,
  to: Number.POSITIVE_INFINITY,
  message: 'Use a date on or after 1 January 1900.',
};

/** Whether a UTC day lies in `years`. */
export function inYears(day: Date, years: YearRange): boolean {
  const year = day.getUTCFullYear();
  return year >= years.from && year <= years.to;
}

/** The message of a day that is not one (`label`: what the field asks for, e.g. "due date"). */
function notADayMessage(label: string): string {
  return `Enter a real ${label} as YYYY-MM-DD, e.g. 2026-03-14.`;
}

/**
 * A calendar day typed as YYYY-MM-DD (what `<input type="date">` sends), as a UTC-midnight Date within `years`.
 * Not z.coerce.date(): that accepts times, time zones and days that roll over (2026-02-30 → 2 March), and would
 * quietly store a different day.
 */
export function dayField(years: YearRange, label = 'calendar day') {
  return z.string().transform((text, ctx) => {
    const day = parseDayOrNull(text.trim());
    if (!day) {
      ctx.addIssue({ code: 'custom', message: notADayMessage(label) });
      return z.NEVER;
    }
    if (!inYears(day, years)) {
      ctx.addIssue({ code: 'custom', message: years.message });
      return z.NEVER;
    }
    return day;
  });
}

/** An optional record day: empty or not sent → null. */
export function optionalDayField(label = 'date') {
  return optionalOf(dayField(RECORD_YEARS, label));
}

// ---- optional fields -------------------------------------------------------------------------------------

/** Empty (or not sent) is null; anything else must pass `schema`, whose messages are kept as they are. */
export function optionalOf<T>(schema: z.ZodType<T, string>) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | null => {
      const text = value?.trim();
      if (!text) return null;
      const result = schema.safeParse(text);
      if (result.success) return result.data;
      for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    });
}
