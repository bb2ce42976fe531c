'use client';

import { useActionState } from 'react';
import type { Option } from '@/components/forms/field';
import { SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  PARTY_MERGE,
  PARTY_NAME_MAX,
  PARTY_SHORT_NAME_MAX,
  type PartyFormValues,
} from '@/lib/validation/party';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { labelOf, pickerOptions, type PickOption } from './options';
import { PARTY_KIND_OPTIONS } from './party-kinds';

const kindOptions = PARTY_KIND_OPTIONS;

/** A new party (mode "create") or an existing one (mode "edit"). */
export function PartyForm({
  action,
  mode,
  record,
  parentOptions,
  countryOptions,
  cancelHref,
}: {
  action: EditAction<PartyFormValues>;
  mode: 'create' | 'edit';
  record: PartyFormValues;
  /** Parties it may sit under: never itself or one of its own parts. */
  parentOptions: PickOption[];
  /** ISO 3166-1 countries, labelled on the server. */
  countryOptions: Option[];
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, PARTY_MERGE);
  const { fieldKey, text, error } = edit;
  const parents = pickerOptions(parentOptions, [record.parentId, String(edit.theirs?.parentId ?? '')]);

  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const get = (name: string) => String(shown[name] ?? '');
    return {
      name: get('name'),
      shortName: get('shortName'),
      kind: labelOf(get('kind'), kindOptions),
      countryCode: labelOf(get('countryCode').toUpperCase(), countryOptions),
      parentId: labelOf(get('parentId'), parents),
    };
  };

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      creating={mode === 'create'}
      describe={describe}
      discardHref={`/parties/${record.id}/edit`}
      className="space-y-6"
      cancelHref={cancelHref}
      submit={
        <SubmitButton pendingLabel={mode === 'create' ? 'Creating…' : 'Saving…'}>
          {mode === 'create' ? 'Create party' : 'Save changes'}
        </SubmitButton>
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={PARTY_NAME_MAX}
          hint="Full name, e.g. “Ministry of National Defence of Türkiye”."
          defaultValue={text('name')}
          error={error('name')}
        />
        <TextField
          label="Short name"
          key={fieldKey('shortName')}
          name="shortName"
          maxLength={PARTY_SHORT_NAME_MAX}
          hint="Optional, e.g. MSB."
          defaultValue={text('shortName')}
          error={error('shortName')}
        />
        <SelectField
          label="Kind"
          key={fieldKey('kind')}
          name="kind"
          required
          options={kindOptions}
          defaultValue={text('kind') || 'state'}
          error={error('kind')}
        />
        <SelectField
          label="Country"
          key={fieldKey('countryCode')}
          name="countryCode"
          placeholder="None (e.g. an international organisation)"
          options={countryOptions}
          hint="The state it belongs to (ISO 3166-1 code)."
          defaultValue={text('countryCode').toUpperCase()}
          error={error('countryCode')}
        />
        <SelectField
          className="sm:col-span-2"
          label="Part of"
          key={fieldKey('parentId')}
          name="parentId"
          placeholder="Nothing (a top-level party)"
          options={parents}
          hint="The party it belongs to, e.g. a ministry under its state."
          defaultValue={text('parentId')}
          error={error('parentId')}
        />
      </div>
    </EditorForm>
  );
}
