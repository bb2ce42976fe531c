'use client';

import { useActionState, useEffect } from 'react';
import { Field, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  PERSON_MERGE,
  PERSON_NAME_MAX,
  PERSON_TITLE_MAX,
  type PersonFormValues,
} from '@/lib/validation/person';
import type { PickedParty } from '@/lib/search/picked';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { labelOf } from './options';
import { PartyPicker, findParty, partyLabel, useKnown } from './pickers';

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
  /** The party the person speaks for, archived or not (none for a new person); others are searched as typed. */
  partyOptions: PickedParty[];
  cancelHref?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, PERSON_MERGE);
  const { fieldKey, text, error } = edit;
  const [known, remember] = useKnown(partyOptions);
  // A party a failed submit or a version saved meanwhile (theirs) names that the page did not send: looked up by id.
  const wanted = [text('partyId'), String(edit.theirs?.partyId ?? '')].join(' ');
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
  const parties = [...known.values()].map((party) => ({ value: String(party.id), label: partyLabel(party) }));

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
        <Field label="Speaks for" key={fieldKey('partyId')} name="partyId" error={error('partyId')}>
          {(field) => (
            <PartyPicker
              id={field.id}
              name="partyId"
              label="Speaks for"
              defaultValue={text('partyId')}
              known={known}
              onPick={remember}
              placeholder="No party: type to find one"
              aria-invalid={field['aria-invalid']}
              aria-describedby={field['aria-describedby']}
            />
          )}
        </Field>
      </div>
    </EditorForm>
  );
}
