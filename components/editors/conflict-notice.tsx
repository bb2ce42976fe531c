'use client';

import { AlertTriangle } from 'lucide-react';
import clsx from 'clsx';
import {
  CONFLICTS_FIELD,
  RESOLVE_PREFIX,
  type MergeField,
  type MergeFieldState,
} from '@/lib/validation/editing';
import type { MergeReport } from '@/components/forms/form-state';
import type { EditAttempts } from './editor-form';

type ConflictRow = { label: string; theirs: string; yours: string };

/**
 * After a lost race: the saved values ("Their version") beside what the user typed ("Yours"), the differences
 * marked. The form keeps the user's values and now carries the saved version, so saving again replaces theirs
 * deliberately; "discard" reloads the page with theirs.
 */
function ConflictNotice({ rows, discardHref }: { rows: ConflictRow[]; discardHref: string }) {
  const differing = rows.filter((row) => row.theirs !== row.yours).length;
  return (
    <section
      aria-labelledby="conflict-heading"
      className="rounded-lg border border-amber-300 bg-amber-50 text-sm text-amber-950"
    >
      <div className="flex items-start gap-3 border-b border-amber-200 px-4 py-3">
        <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" />
        <div className="min-w-0">
          <h2
            id="conflict-heading"
            tabIndex={-1}
            data-conflict-heading
            className="font-semibold focus:outline-none"
          >
            This record was changed by someone else since you opened it.
          </h2>
          <p className="mt-1">
            Their saved version is below, next to yours ({differing}{' '}
            {differing === 1 ? 'difference' : 'differences'}
            ). Your edits are still in the form: <strong>save again</strong> to replace their version with
            yours, or{' '}
            <a href={discardHref} className="font-medium underline underline-offset-2">
              discard your edits and start from theirs
            </a>
            .
          </p>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Their saved version compared with yours</caption>
          <thead>
            <tr className="text-xs tracking-wide text-amber-900 uppercase">
              <th scope="col" className="px-4 py-2 font-semibold">
                Field
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Their version (saved)
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Yours (in the form)
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-amber-200">
            {rows.map((row) => {
              const differs = row.theirs !== row.yours;
              return (
                <tr key={row.label} className={clsx('align-top', differs && 'bg-amber-100/70')}>
                  <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
                    {row.label}
                    {differs ? <span className="ml-1 text-xs font-normal">(differs)</span> : null}
                  </th>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]" data-testid="theirs">
                    {row.theirs || <span className="text-amber-800/70">—</span>}
                  </td>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]">
                    {row.yours || <span className="text-amber-800/70">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const STATE_TEXT: Record<Exclude<MergeFieldState, 'unchanged'>, string> = {
  theirs: 'Their change, kept',
  mine: 'Your change, kept',
  same: 'You both made this change',
  conflict: 'You both changed this: choose',
};

/** "Amina Yusuf on 2 Dec 2026, 16:05 UTC", or as much of it as is known. */
function changedByText(changedBy: MergeReport['changedBy']): string {
  if (!changedBy) return 'Someone else';
  const at = new Date(changedBy.at).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${changedBy.name ?? 'Someone (no longer named)'} on ${at} UTC`;
}

/**
 * After a lost race, merged (issue [3/9] item 15): who saved in between and when; per field changed by anyone,
 * their value beside yours and what the form now holds — their change where only they changed it (never
 * silently reverted), yours where only you did, and a choice where you both did. "Save again" submits the form
 * as it stands, at the version now saved.
 */
function MergeNotice({
  fields,
  merge,
  theirs,
  yours,
  describe,
  resolved,
  errorOf,
  onChoose,
  discardHref,
}: {
  fields: readonly MergeField[];
  merge: MergeReport;
  /** The saved values (`current`). */
  theirs: Record<string, unknown>;
  /** What this user had submitted (mine). */
  yours: Record<string, unknown>;
  /** Each field's value as text, by field name. */
  describe: (values: Record<string, unknown>) => Record<string, string>;
  /** The choices made so far: `resolve.<field>` → 'mine' | 'theirs'. */
  resolved: (name: string) => string;
  errorOf: (key: string) => string | undefined;
  onChoose: (name: string, side: 'mine' | 'theirs') => void;
  discardHref: string;
}) {
  const theirText = describe(theirs);
  const yourText = describe(yours);
  const changed = fields.filter((field) => (merge.fields[field.name] ?? 'unchanged') !== 'unchanged');
  const conflicts = merge.conflicts.length;
  return (
    <section
      aria-labelledby="conflict-heading"
      className="rounded-lg border border-amber-300 bg-amber-50 text-sm text-amber-950"
    >
      <input type="hidden" name={CONFLICTS_FIELD} value={merge.conflicts.join(',')} />
      <div className="flex items-start gap-3 border-b border-amber-200 px-4 py-3">
        <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" />
        <div className="min-w-0">
          <h2
            id="conflict-heading"
            tabIndex={-1}
            data-conflict-heading
            className="font-semibold focus:outline-none"
          >
            This record was changed by someone else since you opened it.
          </h2>
          <p className="mt-1" data-testid="changed-by">
            Saved by {changedByText(merge.changedBy)}.
          </p>
          <p className="mt-1">
            Nothing of yours was saved yet. The form now holds their changes and yours
            {conflicts
              ? `; ${conflicts === 1 ? 'one field was' : `${conflicts} fields were`} changed by both of you: choose which version to keep`
              : ''}
            . Check it, then <strong>save again</strong>, or{' '}
            <a href={discardHref} className="font-medium underline underline-offset-2">
              discard your edits and start from theirs
            </a>
            .
          </p>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Their saved version, yours, and what the form now holds</caption>
          <thead>
            <tr className="text-xs tracking-wide text-amber-900 uppercase">
              <th scope="col" className="px-4 py-2 font-semibold">
                Field
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Their version (saved)
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Yours
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                In the form now
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-amber-200">
            {changed.map((field) => {
              const state = merge.fields[field.name] as Exclude<MergeFieldState, 'unchanged'>;
              const key = `${RESOLVE_PREFIX}${field.name}`;
              const error = errorOf(key);
              return (
                <tr key={field.name} className={clsx('align-top', state === 'conflict' && 'bg-amber-100/70')}>
                  <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
                    {field.label}
                  </th>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]" data-testid="theirs">
                    {theirText[field.name] || <span className="text-amber-800/70">—</span>}
                  </td>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]" data-testid="yours">
                    {yourText[field.name] || <span className="text-amber-800/70">—</span>}
                  </td>
                  <td className="px-4 py-2">
                    {state === 'conflict' ? (
                      <fieldset aria-describedby={error ? `${key}-error` : undefined}>
                        <legend className="sr-only">
                          Which version of {field.label.toLowerCase()} to keep
                        </legend>
                        <p className="font-medium">{STATE_TEXT.conflict}</p>
                        {(['theirs', 'mine'] as const).map((side) => (
                          <label key={side} className="mt-1 flex items-center gap-2">
                            <input
                              type="radio"
                              name={key}
                              value={side}
                              defaultChecked={resolved(key) === side}
                              onChange={() => onChoose(field.name, side)}
                              className="size-4 border-slate-300 text-indigo-600"
                            />
                            {/* The group's legend names the field: the labels stay short, and never read as the field's own. */}
                            {side === 'theirs' ? 'Keep theirs' : 'Keep mine'}
                          </label>
                        ))}
                        <p
                          id={`${key}-error`}
                          className="text-xs font-medium text-red-700"
                          aria-live="polite"
                        >
                          {error}
                        </p>
                      </fieldset>
                    ) : (
                      STATE_TEXT[state]
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The conflict panel of an edit form (EditorForm): the merged notice when the server merged (the form sent its
 * base), else the plain comparison. `describe` turns a form's values into each field's text.
 */
export function ConflictPanel<T extends { id: string; version: string }>({
  edit,
  describe,
  discardHref,
}: {
  edit: EditAttempts<T>;
  describe: (values: Record<string, unknown>) => Record<string, string>;
  discardHref: string;
}) {
  if (!edit.theirs) return null;
  const theirs = edit.theirs as unknown as Record<string, unknown>;
  const typed = (edit.view && !edit.view.ok ? (edit.view.values ?? {}) : {}) as Record<string, unknown>;
  if (!edit.merge) {
    const theirText = describe(theirs);
    const yourText = describe({ ...theirs, ...typed });
    return (
      <ConflictNotice
        rows={edit.fields.map((field) => ({
          label: field.label,
          theirs: theirText[field.name] ?? '',
          yours: yourText[field.name] ?? '',
        }))}
        discardHref={discardHref}
      />
    );
  }
  return (
    <MergeNotice
      fields={edit.fields}
      merge={edit.merge}
      theirs={theirs}
      yours={{ ...theirs, ...edit.mine }}
      describe={describe}
      resolved={(key) => String(typed[key] ?? '')}
      errorOf={edit.error}
      onChoose={edit.choose}
      discardHref={discardHref}
    />
  );
}
