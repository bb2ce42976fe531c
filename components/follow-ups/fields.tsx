'use client';

// The log-follow-up form's controls: each a `Field` (components/forms/field.tsx) made from its spec
// (./field-specs.ts), with a predictable id, since the error summary links to every field by id. Every control
// is controlled: typed values (all rows included) must survive a refused submit.
import clsx from 'clsx';
import { Field, controlClass, type FieldProps } from '@/components/forms/field';
import { Combobox, type ComboboxProps } from '@/components/ui/combobox';
import type { FieldSpec } from './field-specs';

const count = new Intl.NumberFormat('en-GB');

/** The id of a field's control from the form's id and the field's name (`rows.1.reason` → `…-rows-1-reason`). */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** A field bound to the form: its spec, id, posted name (none for controls the form must not send), value, error. */
export type Bound = {
  spec: FieldSpec;
  id: string;
  name?: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
};

/** What a field shows beyond its spec: a hint that follows what was typed, a requirement that depends on it. */
type Look = Partial<Pick<FieldProps, 'label' | 'hint' | 'required' | 'optional' | 'extra' | 'className'>>;

type Props<Attributes> = Bound &
  Look &
  Omit<Attributes, keyof Bound | keyof Look | 'id' | 'name' | 'onChange' | 'defaultValue'>;

function split<T extends Bound & Look>({
  spec,
  id,
  name,
  value,
  onValueChange,
  error,
  label,
  hint,
  required,
  optional,
  extra,
  className,
  ...control
}: T) {
  const { limit } = spec;
  const counted =
    limit !== undefined &&
    (spec.count === 'always' || (spec.count === 'near-limit' && value.length > limit * 0.8));
  const field: FieldProps = {
    id,
    name,
    error,
    label: label ?? spec.label,
    hint: hint ?? spec.hint,
    limit,
    required: required ?? spec.required,
    optional: optional ?? spec.optional,
    extra: extra ?? (counted ? <CharacterCount length={value.length} max={limit} /> : undefined),
    summarised: true,
    className,
  };
  return { field, value, onValueChange, control };
}

export function InputField(props: Props<React.InputHTMLAttributes<HTMLInputElement>>) {
  const { field, value, onValueChange, control } = split(props);
  return (
    <Field {...field}>
      {(aria) => (
        <input
          {...aria}
          type="text"
          {...control}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          className={controlClass}
        />
      )}
    </Field>
  );
}

export function TextareaField(props: Props<React.TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { field, value, onValueChange, control } = split(props);
  return (
    <Field {...field}>
      {(aria) => (
        <textarea
          {...aria}
          {...control}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          className={controlClass}
        />
      )}
    </Field>
  );
}

/** A select; its options are its children. */
export function ChoiceField(props: Props<React.SelectHTMLAttributes<HTMLSelectElement>>) {
  const { field, value, onValueChange, control } = split(props);
  return (
    <Field {...field}>
      {(aria) => (
        <select
          {...aria}
          {...control}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          className={controlClass}
        />
      )}
    </Field>
  );
}

/** A picker that searches as you type (components/ui/combobox.tsx); the bound value is the chosen option's. */
export function ComboboxField<T>({
  picker,
  ...props
}: Bound & Look & { picker: Omit<ComboboxProps<T>, 'id' | 'name' | 'label' | 'value'> }) {
  const { field, value } = split(props);
  return (
    <Field {...field}>
      {({ id, name, ...aria }) => (
        <Combobox {...aria} {...picker} id={id} name={name} label={field.label} value={value} />
      )}
    </Field>
  );
}

/** "123 / 500", turning red past the limit (the limit is checked on submit; the field never cuts text off). */
function CharacterCount({ length, max }: { length: number; max: number }) {
  const over = length > max;
  return (
    <span className={clsx('text-xs tabular-nums', over ? 'font-medium text-red-700' : 'text-slate-500')}>
      {count.format(length)} / {count.format(max)}
      {over ? <span className="sr-only"> characters: too long</span> : null}
    </span>
  );
}
