'use client';

import { useActionState } from 'react';
import { RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionResult } from '@/lib/auth/action-core';
import type { Reliability } from '@/lib/generated/prisma/enums';
import { OUTLET_LIMITS } from '@/lib/validation/outlet';

export type EditableOutlet = {
  id: number;
  name: string;
  website: string | null;
  defaultReliability: Reliability;
  version: number;
};

const RELIABILITY_OPTIONS = (Object.keys(RELIABILITY_LABELS) as Reliability[]).map((grade) => ({
  value: grade,
  label: `${grade} — ${RELIABILITY_LABELS[grade]}`,
}));

/**
 * Adds an outlet, or edits one. An edit carries the version it was opened at; if someone saved in between, the
 * page comes back with their values (in `outlet`) shown above the form, the fields keep what this user typed, and
 * saving again (now from the current version) replaces theirs knowingly.
 */
/** A server action of the outlet editor (create or update), handed in by the page. */
export type OutletAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export function OutletForm({ action, outlet }: { action: OutletAction; outlet?: EditableOutlet }) {
  const [state, formAction] = useActionState(action, null);
  const conflict = Boolean(outlet && fieldError(state, 'version'));
  return (
    <form action={formAction} noValidate className="space-y-5">
      {outlet ? (
        <>
          <input type="hidden" name="id" value={outlet.id} />
          <input type="hidden" name="version" value={outlet.version} />
        </>
      ) : null}
      {conflict && outlet ? <CurrentValues outlet={outlet} /> : <FormMessage state={state} />}
      <TextField
        label="Name"
        name="name"
        required
        defaultValue={submittedValue(state, 'name', outlet?.name)}
        error={fieldError(state, 'name')}
        hint={`As the outlet calls itself, e.g. "Dawn" or "Xinhua". At most ${OUTLET_LIMITS.name} characters.`}
      />
      <TextField
        label="Website"
        name="website"
        type="url"
        placeholder="https://"
        defaultValue={submittedValue(state, 'website', outlet?.website)}
        error={fieldError(state, 'website')}
        hint="Optional: its home page."
      />
      <SelectField
        // React does not move a select's default when the prop changes, and it resets the form after every
        // action: keyed by the value to show, the select is made anew with it (so a refusal keeps the choice).
        key={`reliability-${submittedValue(state, 'defaultReliability', outlet?.defaultReliability)}`}
        label="Default reliability"
        name="defaultReliability"
        required
        options={RELIABILITY_OPTIONS}
        placeholder={outlet ? undefined : 'Choose A–F…'}
        defaultValue={submittedValue(state, 'defaultReliability', outlet?.defaultReliability)}
        error={fieldError(state, 'defaultReliability')}
        hint="The Admiralty source grade new items from this outlet start with; each item can override it. Changing it does not regrade items already logged."
      />
      <SubmitButton pendingLabel={outlet ? 'Saving…' : 'Adding…'}>
        {outlet ? (conflict ? 'Save mine instead' : 'Save changes') : 'Add outlet'}
      </SubmitButton>
    </form>
  );
}

function CurrentValues({ outlet }: { outlet: EditableOutlet }) {
  return (
    <div
      role="alert"
      className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <p className="font-semibold">This record was changed by someone else since you opened it.</p>
      <p className="mt-1">Nothing was saved. It now reads:</p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="text-amber-900">Name</dt>
        <dd data-testid="current-name">{outlet.name}</dd>
        <dt className="text-amber-900">Website</dt>
        <dd className="break-all">{outlet.website ?? '—'}</dd>
        <dt className="text-amber-900">Default reliability</dt>
        <dd>
          {outlet.defaultReliability} — {RELIABILITY_LABELS[outlet.defaultReliability]}
        </dd>
      </dl>
      <p className="mt-2">
        Your changes are still in the form below. Save again to replace the values above with yours, or reload
        the page to start from theirs.
      </p>
    </div>
  );
}
