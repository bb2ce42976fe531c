'use client';

import { useActionState, useEffect, useRef } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { PasswordField } from './password-field';

export type ChangePasswordAction = (state: unknown, formData: FormData) => Promise<FormState>;

/**
 * Current password, new password, the new one again. The fields empty themselves after every submit (React
 * resets a form whose action finished, and passwords are never sent back); errors stay beside each field.
 */
export function ChangePasswordForm({
  action,
  sessionId,
}: {
  action: ChangePasswordAction;
  /** The session this page was loaded in: it stays signed in, the user's others end. */
  sessionId: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // After a refusal the first field needing attention takes focus (the alert above the button is read out).
    if (!state || state.ok) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-md space-y-4">
      <input type="hidden" name="sessionId" value={sessionId} />
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={fieldError(state, 'currentPassword')}
      />
      <PasswordField
        label="New password"
        name="newPassword"
        autoComplete="new-password"
        required
        hint={`${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not only spaces. A phrase of several words is easy to type and hard to guess.`}
        error={fieldError(state, 'newPassword')}
      />
      <PasswordField
        label="New password again"
        name="confirmPassword"
        autoComplete="new-password"
        required
        error={fieldError(state, 'confirmPassword')}
      />
      <FormMessage state={state} />
      {/* The hidden session field has no place of its own to show its error. */}
      {fieldError(state, 'sessionId') ? (
        <p className="text-xs font-medium text-red-700">{fieldError(state, 'sessionId')}</p>
      ) : null}
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
