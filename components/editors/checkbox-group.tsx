'use client';

import clsx from 'clsx';
import { useId } from 'react';

export type CheckboxOption = { value: string; label: string; detail?: string };

/**
 * A labelled group of checkboxes sending `name` once per ticked box (a multi-select that works with the keyboard:
 * Tab between boxes, Space to tick). The error and hint are tied to the group and to every box.
 */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  error,
  hint,
  required,
  empty = 'Nothing to choose from yet.',
}: {
  legend: string;
  name: string;
  options: CheckboxOption[];
  checked: readonly string[];
  error?: string;
  hint?: React.ReactNode;
  required?: boolean;
  empty?: React.ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset aria-describedby={describedBy} className="min-w-0 space-y-1">
      <legend className="text-sm font-medium text-slate-700">
        {legend}
        {required ? (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {options.length ? (
        <div
          className={clsx(
            'grid max-h-64 grid-cols-1 gap-x-4 gap-y-1 overflow-y-auto rounded-md border bg-white px-3 py-2 sm:grid-cols-2',
            error ? 'border-red-500' : 'border-slate-300',
          )}
        >
          {options.map((option) => (
            <label key={option.value} className="flex items-start gap-2 py-0.5 text-sm text-slate-800">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600"
              />
              <span className="min-w-0">
                {option.label}
                {option.detail ? <span className="block text-xs text-slate-500">{option.detail}</span> : null}
              </span>
            </label>
          ))}
        </div>
      ) : (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
          {empty}
        </p>
      )}
      <p id={errorId} className="text-xs font-medium text-red-700" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
