'use client';
// The one skeleton of an edit form: the action, the hidden inputs that say what it changes, the conflict panel of
// a lost race, the form's message, the fields, and the submit row with Cancel. useEditAttempts is what an edit of
// a versioned record knows about the results its server action returned: it refills what the user typed after a
// refusal, shows the saved values after a lost race (and from then on carries THAT version, so saving again
// deliberately replaces it), and moves focus to what needs attention.
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import clsx from 'clsx';
import { FormMessage } from '@/components/forms/form-message';
import {
  fieldError,
  submittedList,
  submittedValue,
  type FormState,
  type MergeReport,
} from '@/components/forms/form-state';
import { BASE_FIELD, type MergeField, type MergeValues } from '@/lib/validation/editing';
import { ConflictPanel } from './conflict-notice';

/** An edit (or create) action of a versioned record, handed in by the page (components import nothing from app/). */
export type EditAction<T> = (state: unknown, formData: FormData) => Promise<FormState<T>>;

type Versioned = { id: string; version: string };

function conflictOf<T>(state: FormState<T>): T | null {
  return state && !state.ok && state.current ? state.current : null;
}

/**
 * Tracks the attempts of one form on `record` (its values as the form shows them), whose `fields` take part in
 * the three-way merge of a lost race:
 * - `attempt` changes with every result, so the fields can be re-keyed: uncontrolled selects ignore a new
 *   defaultValue after mount, and React resets a form after its action, so a remount is what refills them;
 * - `theirs` is the latest conflict's saved values, kept until the user leaves the page;
 * - `version` is the version the form submits: the one it was opened at, then the one of the saved values shown.
 */
export function useEditAttempts<T extends Versioned>(
  state: FormState<T>,
  record: T,
  fields: readonly MergeField[],
) {
  const [seen, setSeen] = useState(state);
  const [attempt, setAttempt] = useState(0);
  const [theirs, setTheirs] = useState<T | null>(null);
  const [version, setVersion] = useState(record.version);
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
  const view: FormState<T> =
    state && !state.ok && Object.keys(chosen.values).length
      ? { ...state, values: { ...(state.values ?? {}), ...chosen.values } }
      : state;
  const values = record as unknown as Record<string, unknown>;

  /** Puts their version or mine of a field both changed into the form (it remounts with that value). */
  function choose(name: string, side: 'mine' | 'theirs') {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field || !theirs) return;
    const source = (side === 'theirs' ? theirs : mineAtConflict) as Record<string, unknown>;
    const picked: MergeValues = {};
    for (const key of field.keys) {
      const value = source[key];
      picked[key] = Array.isArray(value) ? value.map(String) : value === undefined ? '' : String(value);
    }
    setChosen((previous) => ({
      values: { ...previous.values, ...picked },
      turns: { ...previous.turns, [name]: (previous.turns[name] ?? 0) + 1 },
    }));
  }

  /** The key of a field's control: changes after each attempt, and when a version of it is chosen. */
  function fieldKey(key: string): string {
    const field = fields.find((candidate) => candidate.keys.includes(key));
    // Unique among siblings (the controls of one form share a parent): the form key itself is part of it.
    return `${key}:${attempt}:${field ? (chosen.turns[field.name] ?? 0) : 0}`;
  }

  /** The values "save again" is compared against: what is saved now (after a conflict), else what was loaded. */
  const base = JSON.stringify(
    Object.fromEntries(
      fields
        .flatMap((field) => field.keys)
        .map((key) => {
          const value = ((theirs ?? record) as Record<string, unknown>)[key];
          return [key, Array.isArray(value) ? value.map(String) : value == null ? '' : String(value)];
        }),
    ),
  );

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

  return {
    state,
    record,
    fields,
    formRef,
    attempt,
    theirs,
    version,
    merge,
    view,
    base,
    mine: mineAtConflict,
    choose,
    fieldKey,
    /** What a field shows: what the user typed (after a refusal, or chose in the panel), else the record's. */
    text: (name: string) => submittedValue(view, name, values[name]),
    /** The same for a repeated field (checkboxes, rows). */
    list: (name: string) => submittedList(view, name, values[name]),
    error: (name: string) => fieldError(state, name),
  };
}

export type EditAttempts<T extends Versioned> = ReturnType<typeof useEditAttempts<T>>;

type EditorFormProps<T extends Versioned> = {
  /** The dispatch of useActionState. */
  action: (formData: FormData) => void;
  /** Layout of the fields (the form's spacing). */
  className: string;
  /** The submit button(s). */
  submit: React.ReactNode;
  cancelHref?: string;
  /** A small form within a page (a list's quick-add): no rule above the buttons. */
  compact?: boolean;
  children: React.ReactNode;
} & (
  | {
      /** An edit of a versioned record: carries its id, version and base, shows a lost race, moves focus. */
      edit: EditAttempts<T>;
      /** A new record: nothing to carry (a create action never loses a race). */
      creating?: boolean;
      /** Each merge field's value as text, for the conflict panel. */
      describe: (values: Record<string, unknown>) => Record<string, string>;
      /** Where "discard your edits" goes: the edit page, loaded afresh. */
      discardHref: string;
      state?: undefined;
      hidden?: undefined;
    }
  | {
      edit?: undefined;
      /** A form outside the merge (a correction): its state, and the inputs that say what it changes. */
      state: FormState;
      hidden?: Record<string, string>;
    }
);

export function EditorForm<T extends Versioned>(props: EditorFormProps<T>) {
  const { action, className, submit, cancelHref, compact, children } = props;
  return (
    <form ref={props.edit?.formRef} action={action} noValidate className={className}>
      {props.edit ? (
        <>
          {props.creating ? null : (
            <>
              <input type="hidden" name="id" value={props.edit.record.id} />
              <input type="hidden" name="version" value={props.edit.version} />
              <input type="hidden" name={BASE_FIELD} value={props.edit.base} />
            </>
          )}
          <ConflictPanel edit={props.edit} describe={props.describe} discardHref={props.discardHref} />
          <FormMessage state={props.edit.state} countFields />
        </>
      ) : (
        <>
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <FormMessage state={props.state} />
        </>
      )}
      {children}
      <div
        className={clsx('flex flex-wrap items-center gap-3', !compact && 'border-t border-slate-200 pt-4')}
      >
        {submit}
        {cancelHref ? (
          <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
