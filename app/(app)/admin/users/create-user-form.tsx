'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue } from '@/components/forms/form-state';
import { SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/permissions';
import { createUser } from './actions';

const roleOptions = ROLES.map((role) => ({
  value: role,
  label: `${ROLE_LABELS[role]} — ${ROLE_DESCRIPTIONS[role]}`,
}));

export function CreateUserForm() {
  const [state, formAction] = useActionState(createUser, null);
  const generatedPassword = state?.ok ? state.generatedPassword : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={120}
          defaultValue={submittedValue(state, 'name')}
          error={fieldError(state, 'name')}
        />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          required
          defaultValue={submittedValue(state, 'email')}
          error={fieldError(state, 'email')}
        />
        <SelectField
          label="Role"
          name="role"
          required
          options={roleOptions}
          defaultValue={submittedValue(state, 'role', 'viewer')}
          error={fieldError(state, 'role')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Leave empty to generate one, shown once below.`}
          error={fieldError(state, 'password')}
        />
      </div>
      <FormMessage state={state} />
      {generatedPassword ? (
        <div
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300"
        >
          <p>
            Generated password (shown only now; hand it over privately):{' '}
            <code
              className="rounded bg-white px-1.5 py-0.5 font-mono text-sm select-all"
              data-testid="generated-password"
            >
              {generatedPassword}
            </code>
          </p>
        </div>
      ) : null}
      <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
    </form>
  );
}
