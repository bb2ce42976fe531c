// The result every server action returns (lib/auth/action.ts makes it) as forms see it, and how a form reads it.
// Edit actions (lib/data/editing.ts createEditAction) add `current` and `merge` after a lost race; the edit
// forms track their attempts with useEditAttempts (components/editors/editor-form.tsx).
import type { MergeResult } from '@/lib/validation/editing';

/** The three-way merge of a lost race, as the server computed it. */
export type MergeReport = MergeResult & { changedBy: { name: string | null; at: string } | null };

/** `T`: the record's form values, which a lost race sends back as `current` (edit forms only). */
export type FormState<T = never> =
  | { ok: true; message?: string }
  | {
      ok: false;
      message?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, unknown>;
      current?: T;
      merge?: MergeReport;
    }
  | null;

export function fieldError<T>(state: FormState<T>, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return String(value[0] ?? '');
  return value === null || value === undefined ? '' : String(value);
}

/** What the user typed, refilled after a refused submit; else `fallback` (the record's value). */
export function submittedValue<T>(state: FormState<T>, name: string, fallback?: unknown): string {
  return textOf(state && !state.ok && state.values && name in state.values ? state.values[name] : fallback);
}

/** The same for a repeated field (checkboxes, rows). A refusal with nothing ticked sent nothing: an empty list. */
export function submittedList<T>(state: FormState<T>, name: string, fallback: unknown): string[] {
  if (state && !state.ok && state.values) {
    const value = state.values[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  }
  return Array.isArray(fallback) ? fallback.map(String) : [];
}
