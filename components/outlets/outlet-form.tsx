'use client';

import { useActionState } from 'react';
import { RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { EditorForm, useEditAttempts, type EditAction } from '@/components/editors/editor-form';
import { labelOf } from '@/components/editors/options';
import { SelectField, TextField } from '@/components/forms/field';
import { fieldError, submittedValue, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionResult } from '@/lib/auth/action-core';
import type { Reliability } from '@/lib/generated/prisma/enums';
import { OUTLET_LIMITS, OUTLET_MERGE, type OutletFormValues } from '@/lib/validation/outlet';

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

const NAME_HINT = `As the outlet calls itself, e.g. "Dawn" or "Xinhua". At most ${OUTLET_LIMITS.name} characters.`;
const RELIABILITY_HINT =
  'The Admiralty source grade new items from this outlet start with; each item can override it. Changing it does not regrade items already logged.';

/** A server action of the outlet editor that adds an outlet (and of the archive form), handed in by the page. */
export type OutletAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** The edit action (app/(app)/outlets/actions.ts updateOutlet): a lost race comes back merged. */
type OutletEditAction = EditAction<OutletFormValues>;

/**
 * Adds an outlet (no `outlet`), or edits one. An edit carries the version it was opened at and its base; if
 * someone saved in between, the server merges their values with this user's three ways (decision 013): the form
 * refills with the merge, lists what changed, asks where both changed the same field, and carries the version now
 * saved.
 */
export function OutletForm(
  props: { action: OutletAction; outlet?: undefined } | { action: OutletEditAction; outlet: EditableOutlet },
) {
  return props.outlet ? (
    <EditOutletForm action={props.action} outlet={props.outlet} />
  ) : (
    <NewOutletForm action={props.action} />
  );
}

function NewOutletForm({ action }: { action: OutletAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <EditorForm
      action={formAction}
      state={state}
      className="space-y-5"
      compact
      submit={<SubmitButton pendingLabel="Adding…">Add outlet</SubmitButton>}
    >
      <TextField
        label="Name"
        name="name"
        required
        defaultValue={submittedValue(state, 'name')}
        error={fieldError(state, 'name')}
        hint={NAME_HINT}
      />
      <TextField
        label="Website"
        name="website"
        type="url"
        placeholder="https://"
        defaultValue={submittedValue(state, 'website')}
        error={fieldError(state, 'website')}
        hint="Optional: its home page."
      />
      <SelectField
        // React does not move a select's default when the prop changes, and it resets the form after every
        // action: keyed by the value to show, the select is made anew with it (so a refusal keeps the choice).
        key={`reliability-${submittedValue(state, 'defaultReliability')}`}
        label="Default reliability"
        name="defaultReliability"
        required
        options={RELIABILITY_OPTIONS}
        placeholder="Choose A–F…"
        defaultValue={submittedValue(state, 'defaultReliability')}
        error={fieldError(state, 'defaultReliability')}
        hint={RELIABILITY_HINT}
      />
    </EditorForm>
  );
}

function EditOutletForm({ action, outlet }: { action: OutletEditAction; outlet: EditableOutlet }) {
  const [state, formAction] = useActionState(action, null);
  // A save stays on the page, which is rendered again with the outlet's new version: keyed by it, the fields
  // start over from the saved outlet at that version (the message of the save stays, it is held here).
  return <EditOutletFields key={outlet.version} state={state} formAction={formAction} outlet={outlet} />;
}

function EditOutletFields({
  state,
  formAction,
  outlet,
}: {
  state: FormState<OutletFormValues>;
  formAction: (formData: FormData) => void;
  outlet: EditableOutlet;
}) {
  const record: OutletFormValues = {
    id: String(outlet.id),
    version: String(outlet.version),
    name: outlet.name,
    website: outlet.website ?? '',
    defaultReliability: outlet.defaultReliability,
  };
  const edit = useEditAttempts(state, record, OUTLET_MERGE);
  const { fieldKey, text, error } = edit;

  /** Each merge field's value as text, for the conflict panel. */
  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const get = (name: string) => (Array.isArray(shown[name]) ? '' : String(shown[name] ?? ''));
    return {
      name: get('name'),
      website: get('website'),
      defaultReliability: labelOf(get('defaultReliability'), RELIABILITY_OPTIONS),
    };
  };

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      describe={describe}
      discardHref={`/outlets/${record.id}`}
      className="space-y-5"
      compact
      submit={<SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>}
    >
      <TextField
        label="Name"
        key={fieldKey('name')}
        name="name"
        required
        defaultValue={text('name')}
        error={error('name')}
        hint={NAME_HINT}
      />
      <TextField
        label="Website"
        key={fieldKey('website')}
        name="website"
        type="url"
        placeholder="https://"
        defaultValue={text('website')}
        error={error('website')}
        hint="Optional: its home page."
      />
      <SelectField
        label="Default reliability"
        key={fieldKey('defaultReliability')}
        name="defaultReliability"
        required
        options={RELIABILITY_OPTIONS}
        defaultValue={text('defaultReliability')}
        error={error('defaultReliability')}
        hint={RELIABILITY_HINT}
      />
    </EditorForm>
  );
}
