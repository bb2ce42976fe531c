'use client';

import { useActionState, useEffect } from 'react';
import type { Option } from '@/components/forms/field';
import { Field, SelectField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  PARTY_MERGE,
  PARTY_NAME_MAX,
  PARTY_SHORT_NAME_MAX,
  type PartyFormValues,
} from '@/lib/validation/party';
import type { PickedParty } from '@/lib/search/picked';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { labelOf } from './options';
import { PartyPicker, findParty, partyLabel, useKnown } from './pickers';
import { PARTY_KIND_OPTIONS } from './party-kinds';

const kindOptions = PARTY_KIND_OPTIONS;

/** A new party (mode "create") or an existing one (mode "edit"). */
export function PartyForm({
  action,
  mode,
  record,
  parentOptions,
  excludeParentIds = [],
  countryOptions,
  cancelHref,
}: {
  action: EditAction<PartyFormValues>;
  mode: 'create' | 'edit';
  record: PartyFormValues;
  /** The party it sits under now, archived or not (none for a new party); others are searched as typed. */
  parentOptions: PickedParty[];
  /** Never offered as its parent: itself and its own parts (lib/search/picked.ts listPartyDescendantIds). */
  excludeParentIds?: number[];
  /** ISO 3166-1 countries, labelled on the server. */
  countryOptions: Option[];
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, PARTY_MERGE);
  const { fieldKey, text, error } = edit;
  const [known, remember] = useKnown(parentOptions);
  // A parent a failed submit or a version saved meanwhile (theirs) names that the page did not send: looked up by id.
  const wanted = [text('parentId'), String(edit.theirs?.parentId ?? '')].join(' ');
  useEffect(() => {
    const controller = new AbortController();
    for (const id of new Set(wanted.split(' ')))
      if (/^\d+$/.test(id) && !known.has(id))
        findParty(id, controller.signal)
          .then((party) => party && remember(party))
          // Unresolved (archived since), the id stands in for the label ("#12").
          .catch(() => {});
    return () => controller.abort();
  }, [wanted, known, remember]);
  const parents = [...known.values()].map((party) => ({ value: String(party.id), label: partyLabel(party) }));

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
        <Field
          className="sm:col-span-2"
          label="Part of"
          key={fieldKey('parentId')}
          name="parentId"
          hint="The party it belongs to, e.g. a ministry under its state. Leave empty for a top-level party."
          error={error('parentId')}
        >
          {(field) => (
            <PartyPicker
              id={field.id}
              name="parentId"
              label="Part of"
              defaultValue={text('parentId')}
              known={known}
              onPick={remember}
              exclude={excludeParentIds}
              placeholder="Nothing (a top-level party): type to find its parent"
              aria-invalid={field['aria-invalid']}
              aria-describedby={field['aria-describedby']}
            />
          )}
        </Field>
      </div>
    </EditorForm>
  );
}
