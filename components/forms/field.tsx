'use client';

// The one field wrapper: a `Field` ties a control to its label, hint, length limit and error for screen readers
// (aria-describedby, aria-invalid) and says whether it is required. TextField, TextAreaField and SelectField are
// the plain uncontrolled cases; a form with needs of its own (components/follow-ups/fields.tsx) builds on Field.
import clsx from 'clsx';
import { useId } from 'react';

const count = new Intl.NumberFormat('en-GB');

export type FieldProps = {
  label: string;
  /** The control's name; a control the surrounding form must not send (it posts its own values) has none. */
  name?: string;
  /** A predictable id, for a form whose error summary links to its fields; otherwise one is made up. */
  id?: string;
  error?: string;
  hint?: React.ReactNode;
  /** The text's length limit, said under the field ("Up to 500 characters"); checked on submit, never cut off. */
  limit?: number;
  required?: boolean;
  /** Says "(optional)" after the label, for fields people might think they must fill. */
  optional?: boolean;
  /** Something at the right of the label row: a character count, a button acting on the field. */
  extra?: React.ReactNode;
  /**
   * The form's error summary announces the errors (and takes the focus), so the field's error is not a live
   * region of its own: it would be read out a second time.
   */
  summarised?: boolean;
  className?: string;
};

export type FieldControlProps = {
  id: string;
  name?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
};

/** A text input, select or textarea: `.input` in app/styles/ui.css. */
export const controlClass = 'input';

/** The visual "required" star; the control itself says it to assistive technology. */
export function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-600" aria-hidden="true">
      *
    </span>
  );
}

/** An error beside a group of controls (a fieldset, a checkbox): shown only when there is one. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

/** Label, control, hint, limit and error wired together for screen readers (aria-describedby, aria-invalid). */
export function Field({
  label,
  name,
  id: givenId,
  error,
  hint,
  limit,
  required,
  optional,
  extra,
  summarised,
  className,
  children,
}: FieldProps & { children: (props: FieldControlProps) => React.ReactNode }) {
  const madeUpId = useId();
  const id = givenId ?? madeUpId;
  const hintId = `${id}-hint`;
  const limitId = `${id}-limit`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint ? hintId : null, limit ? limitId : null, error ? errorId : null].filter(Boolean).join(' ') ||
    undefined;
  const labelText = (
    <label htmlFor={id} className="block text-sm font-medium text-slate-700">
      {label}
      {required ? <RequiredMark /> : null}
      {optional ? <span className="ml-1 font-normal text-slate-500">(optional)</span> : null}
    </label>
  );
  return (
    <div className={clsx('space-y-1', className)}>
      {extra ? (
        <div className="flex items-baseline justify-between gap-3">
          {labelText}
          {extra}
        </div>
      ) : (
        labelText
      )}
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
      {limit ? (
        <p id={limitId} className="text-xs text-slate-500">
          Up to {count.format(limit)} characters
        </p>
      ) : null}
      {summarised ? (
        <FieldError id={errorId} error={error} />
      ) : (
        // Always in the page: a live region announces changes only if it was there before them.
        <p id={errorId} className="text-xs font-medium text-red-700" aria-live="polite">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = Omit<FieldProps, 'name' | 'id' | 'limit' | 'optional' | 'extra' | 'summarised'> & {
  name: string;
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
