'use client';

import clsx from 'clsx';
import { useId } from 'react';
import { STRENGTHS, STRENGTH_HELP, STRENGTH_LABELS, type CommitmentStrength } from '@/lib/domain/strength';

/**
 * How firm a commitment is: one radio per strength, each with its help text (tied to the radio by
 * aria-describedby), and the error tied to the group and every radio.
 */
export function StrengthRadioGroup({
  name = 'strength',
  value,
  error,
}: {
  name?: string;
  value: string;
  error?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const checked: CommitmentStrength = (STRENGTHS as readonly string[]).includes(value)
    ? (value as CommitmentStrength)
    : 'firm';
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="min-w-0 space-y-1">
      <legend className="text-sm font-medium text-slate-700">Strength</legend>
      <div
        className={clsx(
          'space-y-2 rounded-md border bg-white px-3 py-2',
          error ? 'border-red-500' : 'border-slate-300',
        )}
      >
        {STRENGTHS.map((strength) => (
          <label key={strength} className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={strength}
              defaultChecked={checked === strength}
              aria-describedby={[`${id}-${strength}-help`, error ? errorId : null].filter(Boolean).join(' ')}
              className="mt-0.5 size-4 shrink-0 border-slate-300 text-indigo-600"
            />
            <span className="min-w-0">
              {STRENGTH_LABELS[strength]}
              <span id={`${id}-${strength}-help`} className="block text-xs text-slate-500">
                {STRENGTH_HELP[strength]}
              </span>
            </span>
          </label>
        ))}
      </div>
      <p id={errorId} className="text-xs font-medium text-red-700" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
