// Field schemas shared by the edit forms (agreements, commitments, parties, people, categories) and their server
// actions. Forms send text; these turn it into what the mutations take: trimmed strings (empty → null), ids,
// calendar days (real ones, within a sane range) and lists from repeated fields.
import * as z from 'zod';
import { parseDayOrNull } from '../domain/dates.ts';

/** PostgreSQL `integer`: ids and positions beyond it would fail in the database, not in the form. */
export const INT_MAX = 2_147_483_647;

/** Dates outside this range are typos (a year 3000, a year 20), not history or plans. */
const MIN_YEAR = 1800;
const MAX_YEAR = 2100;
export const YEAR_RANGE_MESSAGE = `Use a year between ${MIN_YEAR} and ${MAX_YEAR}.`;

/** Rows a repeated group (parties, people, sources) may have in one form; more is a runaway client. */
export const MAX_ROWS = 50;

export const CONFLICT_MESSAGE = 'This record was changed by someone else since you opened it.';

/** C0 control characters other than tab and line breaks: invisible, and NUL is refused by PostgreSQL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_CHARACTERS_MESSAGE = 'Remove the invisible control characters pasted with the text.';

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

// ---------------------------------------------------------------------------------------------------------------
// Three-way merge of a lost race. An edit form carries its BASE (the values it was loaded from, hidden field
// `base`); when someone else saved first, each field is compared three ways — base, mine (what was submitted),
// theirs (what is saved now): changed only by me → mine; only by them → theirs (kept, never silently reverted);
// by both to different values → a conflict the user resolves by choosing (`resolve.<field>`). Pure, so the
// server computes it and the form can use the same field list.

/** Hidden field with the JSON of the values the form was loaded from. */
export const BASE_FIELD = 'base';
/** Hidden field listing the fields (comma-separated) the user must choose a version of before saving again. */
export const CONFLICTS_FIELD = 'conflicts';
/** `resolve.<field>` = 'mine' | 'theirs': the user's choice for a field both sides changed. */
export const RESOLVE_PREFIX = 'resolve.';
export const RESOLVE_MESSAGE = 'Choose which version to keep.';
/** A base larger than this is not a form's: ignored (the conflict then shows their values without merging). */
const BASE_MAX_CHARS = 500_000;

type MergeValue = string | string[];
export type MergeValues = Record<string, MergeValue>;

/** One field as the user sees it; `keys` are the form keys it spans (a date and its precision; parties and roles). */
export type MergeField = {
  name: string;
  label: string;
  keys: readonly string[];
  /** Makes equal what means the same (trimmed text, rows left empty); default: trimmed text and lists. */
  normalise?: (values: MergeValues) => unknown;
};

/**
 * unchanged: nobody changed it; mine / theirs: only that side did; same: both, to the same value;
 * conflict: both, differently.
 */
export type MergeFieldState = 'unchanged' | 'mine' | 'theirs' | 'same' | 'conflict';

export type MergeResult = {
  fields: Record<string, MergeFieldState>;
  /** The merged form values: what "save again" submits unless the user changes them. */
  values: MergeValues;
  /** Names of the fields in conflict. */
  conflicts: string[];
};

function trimmed(value: MergeValue | undefined): MergeValue {
  if (Array.isArray(value)) return value.map((item) => item.trim());
  return (value ?? '').trim();
}

/** Parallel lists (ids with roles) as rows, rows without an id dropped: an added-but-empty row changes nothing. */
export function rowsOf(values: MergeValues, idKey: string, ...otherKeys: string[]): string[][] {
  const ids = listValue(values[idKey]);
  return ids.flatMap((id, index) =>
    id.trim() ? [[id.trim(), ...otherKeys.map((key) => (listValue(values[key])[index] ?? '').trim())]] : [],
  );
}

function listValue(value: MergeValue | undefined): string[] {
  return Array.isArray(value) ? value : value ? [value] : [];
}

function comparable(field: MergeField, values: MergeValues): string {
  const normalised = field.normalise
    ? field.normalise(values)
    : field.keys.map((key) => trimmed(values[key]));
  return JSON.stringify(normalised);
}

/** Form values as merge values: text and lists of text only (booleans such as `archived` are not form fields). */
export function mergeValuesOf(values: Record<string, unknown>, keys?: readonly string[]): MergeValues {
  const out: MergeValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (keys && !keys.includes(key)) continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map((item) => String(item ?? ''));
  }
  return out;
}

/** Every form key the fields span. */
export function mergeKeys(fields: readonly MergeField[]): string[] {
  return fields.flatMap((field) => field.keys);
}

/** The base a form sent, or null when it sent none (or something that is not one). */
export function parseBase(text: unknown): MergeValues | null {
  if (typeof text !== 'string' || !text || text.length > BASE_MAX_CHARS) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const out: MergeValues = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') out[key] = value;
      else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) out[key] = value;
      else return null;
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * The three-way merge: per field, base vs mine vs theirs. A key the submission lacks (a list with no rows sends
 * nothing) counts as empty.
 */
export function mergeEdit(
  fields: readonly MergeField[],
  base: MergeValues,
  mine: MergeValues,
  theirs: MergeValues,
): MergeResult {
  const result: MergeResult = { fields: {}, values: { ...mine }, conflicts: [] };
  for (const field of fields) {
    const filled = (values: MergeValues) =>
      Object.fromEntries(
        field.keys.map((key) => [key, values[key] ?? (Array.isArray(base[key] ?? theirs[key]) ? [] : '')]),
      ) as MergeValues;
    const [b, m, t] = [filled(base), filled(mine), filled(theirs)];
    const [cb, cm, ct] = [comparable(field, b), comparable(field, m), comparable(field, t)];
    let state: MergeFieldState;
    if (cm === cb && ct === cb) state = 'unchanged';
    else if (ct === cb) state = 'mine';
    else if (cm === cb) state = 'theirs';
    else if (cm === ct) state = 'same';
    else state = 'conflict';
    result.fields[field.name] = state;
    for (const key of field.keys) result.values[key] = state === 'theirs' ? t[key] : m[key];
    if (state === 'conflict') result.conflicts.push(field.name);
  }
  return result;
}

/** The fields a re-submission still has to choose a version of (named in CONFLICTS_FIELD, with no choice). */
export function unresolvedConflicts(get: (key: string) => unknown): string[] {
  const listed = get(CONFLICTS_FIELD);
  if (typeof listed !== 'string' || !listed) return [];
  return listed
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !['mine', 'theirs'].includes(String(get(`${RESOLVE_PREFIX}${name}`) ?? '')));
}
