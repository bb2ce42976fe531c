'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { BASE_FIELD } from '@/lib/validation/editing';
import {
  PERSON_MERGE,
  PERSON_NAME_MAX,
  PERSON_TITLE_MAX,
  type PersonFormValues,
} from '@/lib/validation/person';
import type { EditAction } from './agreement-form';
import { ConflictPanel } from './conflict-notice';
import { errorOf, textOf, useEditAttempts } from './edit-state';
import { FormAlert } from './form-alert';
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
  const edit = useEditAttempts(state, record.version, PERSON_MERGE);
  const { formRef, version, view, fieldKey } = edit;
  const values = record as unknown as Record<string, unknown>;
  const text = (name: string) => textOf(view, values, name);
  const parties = pickerOptions(partyOptions, [record.partyId, String(edit.theirs?.partyId ?? '')]);

  const describe = (shown: Record<string, unknown>): Record<string, string> => ({
    name: String(shown.name ?? ''),
    title: String(shown.title ?? ''),
    partyId: labelOf(String(shown.partyId ?? ''), parties),
  });

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      {mode === 'edit' ? (
        <>
          <input type="hidden" name="id" value={record.id} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name={BASE_FIELD} value={edit.baseOf(values)} />
        </>
      ) : null}
      <ConflictPanel
        edit={edit}
        state={state}
        fields={PERSON_MERGE}
        describe={describe}
        discardHref={`/people/${record.id}/edit`}
      />
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={PERSON_NAME_MAX}
          defaultValue={text('name')}
          error={errorOf(state, 'name')}
        />
        <TextField
          label="Title"
          key={fieldKey('title')}
          name="title"
          maxLength={PERSON_TITLE_MAX}
          placeholder="e.g. Minister of National Defence"
          defaultValue={text('title')}
          error={errorOf(state, 'title')}
        />
        <SelectField
          label="Speaks for"
          key={fieldKey('partyId')}
          name="partyId"
          placeholder="No party"
          options={parties}
          defaultValue={text('partyId')}
          error={errorOf(state, 'partyId')}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add person' : 'Save changes'}
        </SubmitButton>
        {cancelHref ? (
          <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
