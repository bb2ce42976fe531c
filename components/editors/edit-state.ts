'use client';
// What an edit form needs to know about the result its server action returned: refill what the user typed after
// a refusal, show the saved values after a lost race (and from then on carry THAT version, so saving again
// deliberately replaces it), and move focus to what needs attention.
import { useEffect, useRef, useState } from 'react';
import type { MergeField, MergeResult, MergeValues } from '@/lib/validation/editing';

/** The three-way merge of a lost race, as the server computed it (lib/data/editing.ts createEditAction). */
export type MergeReport = MergeResult & { changedBy: { name: string | null; at: string } | null };

/** The result of an edit action as its form sees it (lib/auth/action.ts, plus `current` on a conflict). */
export type EditState<T> =
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

function conflictOf<T>(state: EditState<T>): T | null {
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
export function useEditAttempts<T extends { version: string }>(
  state: EditState<T>,
  openedAt: string,
  /** The form's merge fields: given, the form takes part in the three-way merge (see below). */
  fields?: readonly MergeField[],
) {
  const [seen, setSeen] = useState(state);
  const [attempt, setAttempt] = useState(0);
  const [theirs, setTheirs] = useState<T | null>(null);
  const [version, setVersion] = useState(openedAt);
  const [merge, setMerge] = useState<MergeReport | null>(null);
  // Values the user chose in the conflict panel ("theirs" / "mine"), laid over the state's values, and how many
  // times each field was chosen (its key, so it remounts with the chosen value).
  const [chosen, setChosen] = useState<{ values: MergeValues; turns: Record<string, number> }>({
    values: {},
    turns: {},
  });
  const [mineAtConflict, setMineAtConflict] = useState<Record<string, unknown>>({});
  if (state !== seen) {
    setSeen(state);
    setAttempt((count) => count + 1);
    setChosen({ values: {}, turns: {} });
    const current = conflictOf(state);
    if (current) {
      setTheirs(current);
      setVersion(current.version);
      setMerge(state && !state.ok ? (state.merge ?? null) : null);
      setMineAtConflict(state && !state.ok ? (state.values ?? {}) : {});
    }
  }

  /** The state the fields render from: the action's, with the conflict panel's choices laid over it. */
  const view: EditState<T> =
    state && !state.ok && Object.keys(chosen.values).length
      ? { ...state, values: { ...(state.values ?? {}), ...chosen.values } }
      : state;

  /** Puts their version or mine of a field both changed into the form (it remounts with that value). */
  function choose(name: string, side: 'mine' | 'theirs') {
    const field = fields?.find((candidate) => candidate.name === name);
    if (!field || !theirs) return;
    const source = (side === 'theirs' ? theirs : mineAtConflict) as Record<string, unknown>;
    const values: MergeValues = {};
    for (const key of field.keys) {
      const value = source[key];
      values[key] = Array.isArray(value) ? value.map(String) : value === undefined ? '' : String(value);
    }
    setChosen((previous) => ({
      values: { ...previous.values, ...values },
      turns: { ...previous.turns, [name]: (previous.turns[name] ?? 0) + 1 },
    }));
  }

  /** The key of a field's control: changes after each attempt, and when a version of it is chosen. */
  function fieldKey(key: string): string {
    const field = fields?.find((candidate) => candidate.keys.includes(key));
    // Unique among siblings (the controls of one form share a parent): the form key itself is part of it.
    return `${key}:${attempt}:${field ? (chosen.turns[field.name] ?? 0) : 0}`;
  }

  /** The values "save again" is compared against: what is saved now (after a conflict), else what was loaded. */
  function baseOf(record: Record<string, unknown>): string {
    const source = (theirs ?? record) as Record<string, unknown>;
    const keys = fields?.flatMap((field) => field.keys) ?? [];
    return JSON.stringify(
      Object.fromEntries(
        keys.map((key) => {
          const value = source[key];
          return [key, Array.isArray(value) ? value.map(String) : value == null ? '' : String(value)];
        }),
      ),
    );
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

  return { formRef, attempt, theirs, version, merge, view, choose, fieldKey, baseOf, mine: mineAtConflict };
}
