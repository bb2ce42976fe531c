'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue, type FormState } from '@/components/forms/form-state';
import { SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';

type Action = (state: unknown, formData: FormData) => Promise<FormState>;

/** How the user is e-mailed about what they follow: not at all, as it happens, or one digest a day. */
export function EmailPreferences({
  action,
  current,
  mailConfigured,
}: {
  action: Action;
  current: 'off' | 'immediate' | 'daily';
  mailConfigured: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} noValidate className="max-w-md space-y-4">
      <SelectField
        label="E-mail me"
        name="emailFrequency"
        defaultValue={submittedValue(state, 'emailFrequency', current)}
        options={[
          { value: 'off', label: 'Never' },
          { value: 'immediate', label: 'As it happens' },
          { value: 'daily', label: 'A daily digest' },
        ]}
        hint={
          mailConfigured
            ? 'Every message has a link to stop them, which works without signing in.'
            : 'This server sends no e-mail yet (SMTP_URL is not set); your choice applies once it does.'
        }
        error={fieldError(state, 'emailFrequency')}
      />
      <FormMessage state={state} />
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save e-mail setting
      </SubmitButton>
    </form>
  );
}
