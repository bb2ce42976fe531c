'use client';

import { Field, controlClass } from '@/components/forms/field';

/**
 * A password input in the shared field frame (label, hint, error beside it). Never refilled after a refusal:
 * the server does not send passwords back. `autoComplete` tells password managers which password this is.
 */
export function PasswordField({
  label,
  name,
  autoComplete,
  error,
  hint,
  required,
}: {
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required}>
      {(props) => (
        <input
          {...props}
          type="password"
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          className={controlClass}
        />
      )}
    </Field>
  );
}
