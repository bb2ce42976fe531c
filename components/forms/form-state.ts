// The result every server action returns (lib/auth/action.ts makes it) as forms see it.
type FieldErrors = Record<string, string[] | undefined>;

export type FormState =
  | { ok: true; message?: string; [key: string]: unknown }
  | { ok: false; message?: string; fieldErrors?: FieldErrors; values?: Record<string, unknown> }
  | null;

export function fieldError(state: FormState, name: string): string | undefined {
  if (!state || state.ok) return undefined;
  return state.fieldErrors?.[name]?.[0];
}

/** What the user typed, refilled after a refused submit; falls back to the record's value. */
export function submittedValue(state: FormState, name: string, fallback?: string | number | null): string {
  if (state && !state.ok && state.values && name in state.values) {
    const value = state.values[name];
    return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return fallback === null || fallback === undefined ? '' : String(fallback);
}
