'use client';

import clsx from 'clsx';
import { useId } from 'react';

type Common = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
};

export const controlClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ' +
  'placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 ' +
  'aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20 disabled:bg-slate-100';

/** Label, control, hint and error wired together for screen readers (aria-describedby, aria-invalid). */
export function Field({
  label,
  name,
  error,
  hint,
  required,
  className,
  children,
}: Common & { children: (props: FieldControlProps) => React.ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={clsx('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        required,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <p id={errorId} className="text-xs font-medium text-red-700" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

export type FieldControlProps = {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
};

export function TextField({
  type = 'text',
  defaultValue,
  placeholder,
  maxLength,
  autoFocus,
  ...field
}: Common & {
  type?: 'text' | 'url' | 'email' | 'date' | 'number' | 'password' | 'search';
  defaultValue?: string;
  placeholder?: string;
  maxLength?: number;
  autoFocus?: boolean;
}) {
  return (
    <Field {...field}>
      {(props) => (
        <input
          {...props}
          type={type}
          defaultValue={defaultValue}
          placeholder={placeholder}
          maxLength={maxLength}
          autoFocus={autoFocus}
          className={controlClass}
        />
      )}
    </Field>
  );
}

export function TextAreaField({
  defaultValue,
  rows = 4,
  placeholder,
  ...field
}: Common & { defaultValue?: string; rows?: number; placeholder?: string }) {
  return (
    <Field {...field}>
      {(props) => (
        <textarea
          {...props}
          rows={rows}
          defaultValue={defaultValue}
          placeholder={placeholder}
          className={controlClass}
        />
      )}
    </Field>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  options,
  defaultValue,
  placeholder,
  ...field
}: Common & { options: Option[]; defaultValue?: string; placeholder?: string }) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} defaultValue={defaultValue ?? ''} className={controlClass}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
