'use client';
// What an edit form needs to know about the result its server action returned: refill what the user typed after
// a refusal, show the saved values after a lost race (and from then on carry THAT version, so saving again
// deliberately replaces it), and move focus to what needs attention.
import { useEffect, useRef, useState } from 'react';

/** The result of an edit action as its form sees it (lib/auth/action.ts, plus `current` on a conflict). */
export type EditState<T> =
  | { ok: true; message?: string }
  | {
      ok: false;
      message?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, unknown>;
      current?: T;
    }
  | null;

export function conflictOf<T>(state: EditState<T>): T | null {
  return state && !state.ok && state.current ? state.current : null;
}

export function errorOf<T>(state: EditState<T>, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}

/** What the form shows for a field: what the user typed (after a refusal), else the record's value. */
export function textOf<T>(state: EditState<T>, record: Record<string, unknown>, name: string): string {
  const source = state && !state.ok && state.values && name in state.values ? state.values : record;
  const value = source[name];
  if (Array.isArray(value)) return String(value[0] ?? '');
  return value === null || value === undefined ? '' : String(value);
}

/** The same for a repeated field (checkboxes, rows). A refusal with nothing ticked sent nothing: an empty list. */
export function listOf<T>(state: EditState<T>, record: Record<string, unknown>, name: string): string[] {
  if (state && !state.ok && state.values) {
    const value = state.values[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  }
  const value = record[name];
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Tracks the attempts of one form:
 * - `attempt` changes with every result, so the fields can be re-keyed: uncontrolled selects ignore a new
 *   defaultValue after mount, and React resets a form after its action, so a remount is what refills them;
 * - `theirs` is the latest conflict's saved values, kept until the user leaves the page;
 * - `version` is the version the form submits: the one it was opened at, then the one of the saved values shown.
 */
export function useEditAttempts<T extends { version: string }>(state: EditState<T>, openedAt: string) {
  const [seen, setSeen] = useState(state);
  const [attempt, setAttempt] = useState(0);
  const [theirs, setTheirs] = useState<T | null>(null);
  const [version, setVersion] = useState(openedAt);
  if (state !== seen) {
    setSeen(state);
    setAttempt((count) => count + 1);
    const current = conflictOf(state);
    if (current) {
      setTheirs(current);
      setVersion(current.version);
    }
  }

  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt === 0 || !state || state.ok) return;
    const form = formRef.current;
    if (!form) return;
    // A lost race: the saved values first. A refused field: that field. Anything else: the message.
    const target =
      (conflictOf(state) ? form.querySelector<HTMLElement>('[data-conflict-heading]') : null) ??
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-form-message]');
    target?.focus();
  }, [attempt, state]);

  return { formRef, attempt, theirs, version };
}
