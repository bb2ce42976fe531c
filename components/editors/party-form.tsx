'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { Option } from '@/components/forms/field';
import { SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { BASE_FIELD } from '@/lib/validation/editing';
import {
  PARTY_MERGE,
  PARTY_NAME_MAX,
  PARTY_SHORT_NAME_MAX,
  type PartyFormValues,
} from '@/lib/validation/party';
import type { EditAction } from './agreement-form';
import { ConflictPanel } from './conflict-notice';
import { errorOf, textOf, useEditAttempts } from './edit-state';
import { FormAlert } from './form-alert';
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
  const edit = useEditAttempts(state, record.version, PARTY_MERGE);
  const { formRef, version, view, fieldKey } = edit;
  const values = record as unknown as Record<string, unknown>;
  const text = (name: string) => textOf(view, values, name);
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
    <form ref={formRef} action={formAction} noValidate className="space-y-6">
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
        fields={PARTY_MERGE}
        describe={describe}
        discardHref={`/parties/${record.id}/edit`}
      />
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={PARTY_NAME_MAX}
          hint="Full name, e.g. “Ministry of National Defence of Türkiye”."
          defaultValue={text('name')}
          error={errorOf(state, 'name')}
        />
        <TextField
          label="Short name"
          key={fieldKey('shortName')}
          name="shortName"
          maxLength={PARTY_SHORT_NAME_MAX}
          hint="Optional, e.g. MSB."
          defaultValue={text('shortName')}
          error={errorOf(state, 'shortName')}
        />
        <SelectField
          label="Kind"
          key={fieldKey('kind')}
          name="kind"
          required
          options={kindOptions}
          defaultValue={text('kind') || 'state'}
          error={errorOf(state, 'kind')}
        />
        <SelectField
          label="Country"
          key={fieldKey('countryCode')}
          name="countryCode"
          placeholder="None (e.g. an international organisation)"
          options={countryOptions}
          hint="The state it belongs to (ISO 3166-1 code)."
          defaultValue={text('countryCode').toUpperCase()}
          error={errorOf(state, 'countryCode')}
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
          error={errorOf(state, 'parentId')}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <SubmitButton pendingLabel={mode === 'create' ? 'Creating…' : 'Saving…'}>
          {mode === 'create' ? 'Create party' : 'Save changes'}
        </SubmitButton>
        <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
          Cancel
        </Link>
      </div>
    </form>
  );
}
