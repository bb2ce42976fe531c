// Field schemas shared by the edit forms (agreements, commitments, parties, people, categories) and their server
// actions. Forms send text; these turn it into what the mutations take: trimmed strings (empty → null), ids,
// calendar days (real ones, within a sane range) and lists from repeated fields.
import * as z from 'zod';
import { parseDayOrNull } from '../domain/dates.ts';

/** PostgreSQL `integer`: ids and positions beyond it would fail in the database, not in the form. */
export const INT_MAX = 2_147_483_647;

/** Dates outside this range are typos (a year 3000, a year 20), not history or plans. */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2100;
export const YEAR_RANGE_MESSAGE = `Use a year between ${MIN_YEAR} and ${MAX_YEAR}.`;

/** Rows a repeated group (parties, people, sources) may have in one form; more is a runaway client. */
export const MAX_ROWS = 50;

export const CONFLICT_MESSAGE = 'This record was changed by someone else since you opened it.';

/** C0 control characters other than tab and line breaks: invisible, and NUL is refused by PostgreSQL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_CHARACTERS_MESSAGE = 'Remove the invisible control characters pasted with the text.';

/** Any text a form sends: trimmed, at most `max` characters, no control characters. */
export function boundedText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max.toLocaleString('en')} characters.` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: CONTROL_CHARACTERS_MESSAGE });
}

/** Text that must be present: trimmed, 1..max characters. */
export function requiredText(missing: string, max: number) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `Use at most ${max.toLocaleString('en')} characters.` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: CONTROL_CHARACTERS_MESSAGE });
}

/** Text that may be left empty (→ null): trimmed, at most `max` characters. */
export function optionalText(max: number) {
  return boundedText(max)
    .optional()
    .transform((value) => (value ? value : null));
}

/** A record id picked in a select or carried in a hidden field. */
export function idField(message: string) {
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(INT_MAX, { error: message });
}

function toId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= INT_MAX ? id : null;
}

/** An optional pick ("— none —" sends an empty string → null). */
export function optionalIdField(message: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim();
      if (!text) return null;
      const id = toId(text);
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
        const id = toId(value.trim());
        if (id === null) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        if (!ids.includes(id)) ids.push(id);
      }
      return ids;
    });
}

/** The `version` every edit form carries (optimistic locking). */
export const versionField = z.coerce
  .number({ error: 'This form is missing its version: reload the page.' })
  .int({ error: 'This form is missing its version: reload the page.' })
  .min(1, { error: 'This form is missing its version: reload the page.' })
  .max(INT_MAX, { error: 'This form is missing its version: reload the page.' });

/** Whether a UTC day lies in the accepted year range. */
export function inYearRange(day: Date): boolean {
  const year = day.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** An optional calendar day typed as YYYY-MM-DD (what `<input type="date">` sends): UTC-midnight Date or null. */
export function optionalDayField(label = 'date') {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim();
      if (!text) return null;
      const day = parseDayOrNull(text);
      if (!day) {
        ctx.addIssue({ code: 'custom', message: `Enter a real ${label} as YYYY-MM-DD.` });
        return z.NEVER;
      }
      if (!inYearRange(day)) {
        ctx.addIssue({ code: 'custom', message: YEAR_RANGE_MESSAGE });
        return z.NEVER;
      }
      return day;
    });
}

/** The hidden `id` of the record an edit form is about. */
export const recordIdField = idField('This form does not say which record it edits: reload the page.');

/** The fields of archive/unarchive forms: which record, and the version the user saw. */
export const archiveSchema = z.object({ id: recordIdField, version: versionField });
export type ArchiveInput = z.output<typeof archiveSchema>;
