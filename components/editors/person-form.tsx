'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  PERSON_MERGE,
  PERSON_NAME_MAX,
  PERSON_TITLE_MAX,
  type PersonFormValues,
} from '@/lib/validation/person';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { labelOf, pickerOptions, type PickOption } from './options';

/** A new person (mode "create", on /people/new and the list's quick-add) or an existing one (mode "edit"). */
export function PersonForm({
  action,
  mode,
  record,
  partyOptions,
  cancelHref,
}: {
  action: EditAction<PersonFormValues>;
  mode: 'create' | 'edit';
  record: PersonFormValues;
  partyOptions: PickOption[];
  cancelHref?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, PERSON_MERGE);
  const { fieldKey, text, error } = edit;
  const parties = pickerOptions(partyOptions, [record.partyId, String(edit.theirs?.partyId ?? '')]);

  const describe = (shown: Record<string, unknown>): Record<string, string> => ({
    name: String(shown.name ?? ''),
    title: String(shown.title ?? ''),
    partyId: labelOf(String(shown.partyId ?? ''), parties),
  });

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      creating={mode === 'create'}
      describe={describe}
      discardHref={`/people/${record.id}/edit`}
      className="space-y-4"
      compact
      cancelHref={cancelHref}
      submit={
        <SubmitButton pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add person' : 'Save changes'}
        </SubmitButton>
      }
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={PERSON_NAME_MAX}
          defaultValue={text('name')}
          error={error('name')}
        />
        <TextField
          label="Title"
          key={fieldKey('title')}
          name="title"
          maxLength={PERSON_TITLE_MAX}
          placeholder="e.g. Minister of National Defence"
          defaultValue={text('title')}
          error={error('title')}
        />
        <SelectField
          label="Speaks for"
          key={fieldKey('partyId')}
          name="partyId"
          placeholder="No party"
          options={parties}
          defaultValue={text('partyId')}
          error={error('partyId')}
        />
      </div>
    </EditorForm>
  );
}
