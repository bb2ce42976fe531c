'use client';

import { useActionState } from 'react';
import { PasswordField } from '@/components/account/password-field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { resetUserPassword } from './actions';

/**
 * Sets a new password for someone else and signs them out everywhere: one the admin types, or (left empty) a
 * generated one shown here once. Folded away, so it takes a deliberate click to reach.
 */
export function ResetPasswordForm({ user }: { user: { id: string; name: string } }) {
  const [state, formAction] = useActionState(resetUserPassword, null);
  const generatedPassword = state?.ok ? state.generatedPassword : null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium whitespace-nowrap text-indigo-700 hover:underline">
        Reset password<span className="sr-only"> of {user.name}</span>
      </summary>
      <form action={formAction} noValidate className="mt-2 w-64 space-y-2">
        <input type="hidden" name="userId" value={user.id} />
        <PasswordField
          label="New password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Leave empty to generate one, shown once.`}
          error={fieldError(state, 'password')}
        />
        <SubmitButton variant="secondary" pendingLabel="Setting…">
          <span>
            Set new password<span className="sr-only"> for {user.name}</span>
          </span>
        </SubmitButton>
        <FormMessage state={state} />
        {generatedPassword ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300">
            Generated password (shown only now; hand it over privately):{' '}
            <code
              className="rounded bg-white px-1.5 py-0.5 font-mono text-sm break-all select-all"
              data-testid="reset-password"
            >
              {generatedPassword}
            </code>
          </p>
        ) : null}
      </form>
    </details>
  );
}
