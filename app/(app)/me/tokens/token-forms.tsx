'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';

type CreateState = FormState | { ok: true; message?: string; token: string };
type Action<S> = (state: unknown, formData: FormData) => Promise<S>;

/** Name, access and expiry; after a create, the token itself, this once. */
export function CreateTokenForm({ action, canWrite }: { action: Action<CreateState>; canWrite: boolean }) {
  const [state, formAction] = useActionState(action, null);
  const token = state?.ok && 'token' in state ? state.token : null;
  return (
    <div className="space-y-4">
      {token ? (
        <div className="space-y-2 rounded-md bg-emerald-50 p-3 ring-1 ring-emerald-200">
          <label htmlFor="new-token" className="block text-sm font-medium text-emerald-900">
            Your new token
          </label>
          <input
            id="new-token"
            readOnly
            value={token}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
      <form action={formAction} noValidate className="max-w-md space-y-4">
        <TextField
          label="Name"
          name="name"
          required
          hint="What uses it, so you know which to revoke."
          defaultValue={submittedValue(state, 'name')}
          error={fieldError(state, 'name')}
        />
        <SelectField
          label="Access"
          name="access"
          defaultValue={submittedValue(state, 'access', canWrite ? 'write' : 'read')}
          options={[
            { value: 'read', label: 'Read-only' },
            ...(canWrite ? [{ value: 'write', label: 'Read and write (log follow-ups)' }] : []),
          ]}
          error={fieldError(state, 'access')}
        />
        <TextField
          label="Expires after"
          name="expiresOn"
          type="date"
          hint="The last day it works (UTC). Leave empty to keep it until you revoke it."
          defaultValue={submittedValue(state, 'expiresOn')}
          error={fieldError(state, 'expiresOn')}
        />
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeTokenForm({
  action,
  id,
  name,
}: {
  action: Action<FormState>;
  id: string;
  name: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <p className="text-xs font-medium text-red-700">{state.message}</p> : null}
      <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…">
        <span aria-hidden="true">Revoke</span>
        <span className="sr-only">Revoke {name}</span>
      </SubmitButton>
    </form>
  );
}
