// The edit protocol every edit form shares (agreements, commitments, parties, people, categories, outlets, news
// items): the hidden id and version of archive forms, the message of a lost race, and the three-way merge that
// resolves one. The fields themselves are built in ./fields.ts.
import * as z from 'zod';
import { recordIdField, versionField } from './fields.ts';

export const CONFLICT_MESSAGE = 'This record was changed by someone else since you opened it.';

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
