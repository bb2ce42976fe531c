'use client';

// Label, hint and error around a control, with ids the caller chooses: the log-follow-up form's error summary
// links to each field by id, so ids must be predictable (components/forms/field.tsx generates its own).
import clsx from 'clsx';

export { controlClass } from '@/components/forms/field';

const count = new Intl.NumberFormat('en-GB');

export type ControlA11y = {
  id: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
  'aria-describedby'?: string;
};

/** The id of a field's control from the form's id and the field's name (`rows.1.reason` → `…-rows-1-reason`). */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** aria attributes tying a control to its hint and error (and saying it is required: the star is visual only). */
export function describe(
  id: string,
  options: { hint?: boolean; error?: string; required?: boolean; limit?: boolean },
): ControlA11y {
  const describedBy = [
    options.hint ? `${id}-hint` : null,
    options.limit ? `${id}-limit` : null,
    options.error ? `${id}-error` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    'aria-invalid': options.error ? true : undefined,
    'aria-required': options.required ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

/** The visual "required" star; controls say it to assistive technology with aria-required. */
export function RequiredMark() {
  return (
    <span aria-hidden className="ml-0.5 text-red-600">
      *
    </span>
  );
}

export function FieldShell({
  id,
  label,
  required,
  optional,
  hint,
  error,
  className,
  extra,
  limit,
  children,
}: {
  id: string;
  /** The text's length limit, said beside the field (`${id}-limit`; pass `limit: true` to describe()). */
  limit?: number;
  label: React.ReactNode;
  required?: boolean;
  /** Says "(optional)" after the label, for fields people might think they must fill. */
  optional?: boolean;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  /** Something at the right of the label row, e.g. a character count. */
  extra?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className={clsx('space-y-1', className)}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
          {required ? <RequiredMark /> : null}
          {optional ? <span className="ml-1 font-normal text-slate-500">(optional)</span> : null}
        </label>
        {extra}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {limit ? (
        <p id={`${id}-limit`} className="text-xs text-slate-500">
          Up to {count.format(limit)} characters
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

/** "123 / 500", turning red past the limit (the limit is checked on submit; the field never cuts text off). */
export function CharacterCount({ length, max, id }: { length: number; max: number; id?: string }) {
  const over = length > max;
  return (
    <span
      id={id}
      className={clsx('text-xs tabular-nums', over ? 'font-medium text-red-700' : 'text-slate-500')}
    >
      {count.format(length)} / {count.format(max)}
      {over ? <span className="sr-only"> characters: too long</span> : null}
    </span>
  );
}
