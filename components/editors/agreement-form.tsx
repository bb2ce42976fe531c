'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { AGREEMENT_KIND_LABELS, AGREEMENT_PARTY_ROLE_LABELS } from '@/components/agreements/labels';
import { Field, SelectField, TextAreaField, TextField, controlClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  AGREEMENT_MERGE,
  AGREEMENT_PLACE_MAX,
  AGREEMENT_SUMMARY_MAX,
  AGREEMENT_TITLE_MAX,
  DATE_PRECISIONS,
  SPEAKER_ROLE_MAX,
  precisionOfText,
  type AgreementFormValues,
} from '@/lib/validation/agreement';
import { BASE_FIELD } from '@/lib/validation/editing';
import { PARTY_NAME_MAX } from '@/lib/validation/party';
import { PERSON_NAME_MAX, PERSON_TITLE_MAX } from '@/lib/validation/person';
import { ConflictPanel } from './conflict-notice';
import { errorOf, listOf, textOf, useEditAttempts, type EditState } from './edit-state';
import { FormAlert } from './form-alert';
import { PRECISION_LABELS, labelOf, pickerOptions, type PickOption } from './options';
import { PARTY_KIND_OPTIONS } from './party-kinds';
import { RepeatingRows } from './repeating-rows';

export type EditAction<T> = (state: unknown, formData: FormData) => Promise<EditState<T>>;

const kindOptions = Object.entries(AGREEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }));
const roleOptions = Object.entries(AGREEMENT_PARTY_ROLE_LABELS).map(([value, label]) => ({ value, label }));
const precisionOptions = DATE_PRECISIONS.map((value) => ({ value, label: PRECISION_LABELS[value] }));

type PartyRow = { partyId: string; role: string };
type PersonRow = { personId: string; role: string };
type NewPartyRow = { name: string; kind: string; parentId: string; country: string; role: string };
type NewPersonRow = { name: string; title: string; partyId: string; role: string };

function zip(ids: string[], roles: string[]) {
  return ids.map((id, index) => ({ id, role: roles[index] ?? '' }));
}

/** A new agreement (mode "create") or an existing one (mode "edit", with the version it was opened at). */
export function AgreementForm({
  action,
  mode,
  record,
  partyOptions,
  personOptions,
  sourceTitles,
  countryOptions,
  sourceNote,
  cancelHref,
}: {
  action: EditAction<AgreementFormValues>;
  mode: 'create' | 'edit';
  record: AgreementFormValues;
  partyOptions: PickOption[];
  personOptions: PickOption[];
  /** Titles of logged evidence by URL, to show beside the source rows already linked. */
  sourceTitles: Record<string, string>;
  /** ISO 3166-1 countries, labelled on the server (for new parties). */
  countryOptions: { value: string; label: string }[];
  /** Said above the form when it was prefilled from a logged item (`?sourceEvidenceId=`). */
  sourceNote?: React.ReactNode;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record.version, AGREEMENT_MERGE);
  const { formRef, attempt, version, view, fieldKey } = edit;
  const values = record as unknown as Record<string, unknown>;
  const theirs = (edit.theirs ?? {}) as Partial<AgreementFormValues>;
  const partyIds = listOf(view, values, 'partyId');
  const personIds = listOf(view, values, 'personId');
  const parties = pickerOptions(partyOptions, [...partyIds, ...(theirs.partyId ?? [])]);
  const people = pickerOptions(personOptions, [...personIds, ...(theirs.personId ?? [])]);
  const liveParties = pickerOptions(partyOptions, []);
  const precisionRef = useRef<HTMLSelectElement>(null);

  const initialParties: PartyRow[] = zip(partyIds, listOf(view, values, 'partyRole')).map(({ id, role }) => ({
    partyId: id,
    role: role || 'signatory',
  }));
  const initialPeople: PersonRow[] = zip(personIds, listOf(view, values, 'personRole')).map(
    ({ id, role }) => ({
      personId: id,
      role,
    }),
  );
  const initialSources = listOf(view, values, 'sourceUrl');
  const typedList = (name: string) => listOf(view, values, name);
  const initialNewParties: NewPartyRow[] = typedList('newPartyName').map((name, index) => ({
    name,
    kind: typedList('newPartyKind')[index] ?? 'ministry',
    parentId: typedList('newPartyParentId')[index] ?? '',
    country: typedList('newPartyCountry')[index] ?? '',
    role: typedList('newPartyRole')[index] ?? 'signatory',
  }));
  const initialNewPeople: NewPersonRow[] = typedList('newPersonName').map((name, index) => ({
    name,
    title: typedList('newPersonTitle')[index] ?? '',
    partyId: typedList('newPersonPartyId')[index] ?? '',
    role: typedList('newPersonRole')[index] ?? '',
  }));
  const rowError = (group: 'newParty' | 'newPerson', index: number, field: string) =>
    errorOf(state, `${group}.${index}.${field}`);

  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const text = (name: string) => String(shown[name] ?? '');
    const list = (name: string) => (Array.isArray(shown[name]) ? (shown[name] as unknown[]).map(String) : []);
    const partyText = (ids: string[], roles: string[]) =>
      zip(ids, roles)
        .filter((row) => row.id)
        .map(
          (row) =>
            `${labelOf(row.id, parties)} (${AGREEMENT_PARTY_ROLE_LABELS[row.role as 'host'] ?? row.role})`,
        )
        .join('\n');
    const peopleText = (ids: string[], roles: string[]) =>
      zip(ids, roles)
        .filter((row) => row.id)
        .map((row) => `${labelOf(row.id, people)}${row.role ? ` — ${row.role}` : ''}`)
        .join('\n');
    const dateText = (date: string, precision: string) =>
      date ? `${date} (${PRECISION_LABELS[precision]?.toLowerCase() ?? precision})` : 'Unknown';
    return {
      title: text('title'),
      kind: labelOf(text('kind'), kindOptions),
      concluded: dateText(text('concludedOn'), text('concludedPrecision')),
      place: text('place'),
      summary: text('summary'),
      parties: partyText(list('partyId'), list('partyRole')),
      people: peopleText(list('personId'), list('personRole')),
      sources: list('sourceUrl')
        .filter((url) => url.trim())
        .join('\n'),
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
        fields={AGREEMENT_MERGE}
        describe={describe}
        discardHref={`/agreements/${record.id}/edit`}
      />
      <FormAlert state={state} />
      {sourceNote}

      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            className="sm:col-span-2"
            label="Title"
            key={fieldKey('title')}
            name="title"
            required
            maxLength={AGREEMENT_TITLE_MAX}
            hint="As the source names it, e.g. “Turkey–Azerbaijan defence cooperation memorandum”."
            defaultValue={textOf(view, values, 'title')}
            error={errorOf(state, 'title')}
          />
          <SelectField
            label="Kind"
            key={fieldKey('kind')}
            name="kind"
            required
            options={kindOptions}
            defaultValue={textOf(view, values, 'kind') || 'mou'}
            error={errorOf(state, 'kind')}
          />
          <TextField
            label="Place"
            key={fieldKey('place')}
            name="place"
            maxLength={AGREEMENT_PLACE_MAX}
            placeholder="e.g. Ankara"
            defaultValue={textOf(view, values, 'place')}
            error={errorOf(state, 'place')}
          />
          <Field
            key={fieldKey('concludedOn')}
            label="Concluded on"
            name="concludedOn"
            hint="As precisely as the source says: 2025-09-14, 2025-09 or 2025. Leave empty if unknown."
            error={errorOf(state, 'concludedOn')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={10}
                placeholder="YYYY-MM-DD, YYYY-MM or YYYY"
                defaultValue={textOf(view, values, 'concludedOn')}
                onChange={(event) => {
                  // Typing "2025-09" means "known to the month": say so in the precision picker.
                  const text = event.currentTarget.value;
                  const precision = text.trim() ? precisionOfText(text) : 'unknown';
                  if (precision && precisionRef.current) precisionRef.current.value = precision;
                }}
                className={controlClass}
              />
            )}
          </Field>
          <Field
            key={fieldKey('concludedPrecision')}
            label="Precision of the date"
            name="concludedPrecision"
            error={errorOf(state, 'concludedPrecision')}
          >
            {(props) => (
              <select
                {...props}
                ref={precisionRef}
                defaultValue={textOf(view, values, 'concludedPrecision') || 'unknown'}
                className={controlClass}
              >
                {precisionOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextAreaField
            className="sm:col-span-2"
            label="Summary"
            key={fieldKey('summary')}
            name="summary"
            rows={5}
            hint={`What was agreed, in a few sentences (at most ${AGREEMENT_SUMMARY_MAX.toLocaleString('en')} characters).`}
            defaultValue={textOf(view, values, 'summary')}
            error={errorOf(state, 'summary')}
          />
        </div>

        <RepeatingRows<PartyRow>
          key={fieldKey('partyId')}
          legend="Parties"
          noun="party"
          hint={
            <>
              Each state, ministry or agency that took part, with its role. Not listed? Add it under “New
              parties” below: it is created with the agreement.
            </>
          }
          headings={['Party', 'Role']}
          initial={initialParties}
          blank={{ partyId: '', role: 'signatory' }}
          error={errorOf(state, 'partyId') ?? errorOf(state, 'partyRole')}
          emptyText="No parties yet."
          renderRow={(row, _index, label, rowId) => (
            <>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-party`}>
                  {label}
                </label>
                <select
                  id={`${rowId}-party`}
                  name="partyId"
                  defaultValue={row.partyId}
                  aria-invalid={errorOf(state, 'partyId') ? true : undefined}
                  className={controlClass}
                >
                  <option value="">Choose a party…</option>
                  {parties.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-role`}>
                  Role of {label.toLowerCase()}
                </label>
                <select
                  id={`${rowId}-role`}
                  name="partyRole"
                  defaultValue={row.role}
                  className={controlClass}
                >
                  {roleOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
        />

        <RepeatingRows<PersonRow>
          key={fieldKey('personId')}
          legend="People who spoke"
          noun="person"
          hint={
            <>
              Who spoke for whom, e.g. “Defence Minister, host”. Not listed? Add them under “New people”
              below.
            </>
          }
          headings={['Person', 'Role at this agreement']}
          initial={initialPeople}
          blank={{ personId: '', role: '' }}
          error={errorOf(state, 'personId') ?? errorOf(state, 'personRole')}
          renderRow={(row, _index, label, rowId) => (
            <>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-person`}>
                  {label}
                </label>
                <select
                  id={`${rowId}-person`}
                  name="personId"
                  defaultValue={row.personId}
                  aria-invalid={errorOf(state, 'personId') ? true : undefined}
                  className={controlClass}
                >
                  <option value="">Choose a person…</option>
                  {people.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-role`}>
                  Role of {label.toLowerCase()}
                </label>
                <input
                  id={`${rowId}-role`}
                  name="personRole"
                  type="text"
                  maxLength={SPEAKER_ROLE_MAX}
                  defaultValue={row.role}
                  placeholder="e.g. Defence Minister (host)"
                  className={controlClass}
                />
              </div>
            </>
          )}
        />

        <RepeatingRows<NewPartyRow>
          key={`new-parties-${attempt}`}
          legend="New parties"
          noun="new party"
          hint="Parties not in the list yet, created with the agreement (a name must be unique within its parent)."
          initial={initialNewParties}
          blank={{ name: '', kind: 'ministry', parentId: '', country: '', role: 'signatory' }}
          error={errorOf(state, 'newParty')}
          renderRow={(row, index, label) => (
            <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-5">
              <TextField
                label={`Name of ${label.toLowerCase()}`}
                name="newPartyName"
                maxLength={PARTY_NAME_MAX}
                defaultValue={row.name}
                error={rowError('newParty', index, 'name')}
              />
              <SelectField
                label="Kind"
                name="newPartyKind"
                options={PARTY_KIND_OPTIONS}
                defaultValue={row.kind}
                error={rowError('newParty', index, 'kind')}
              />
              <SelectField
                label="Part of"
                name="newPartyParentId"
                placeholder="Nothing (top level)"
                options={liveParties}
                defaultValue={row.parentId}
                error={rowError('newParty', index, 'parentId')}
              />
              <SelectField
                label="Country"
                name="newPartyCountry"
                placeholder="None"
                options={countryOptions}
                defaultValue={row.country}
                error={rowError('newParty', index, 'countryCode')}
              />
              <SelectField
                label="Role"
                name="newPartyRole"
                options={roleOptions}
                defaultValue={row.role}
                error={rowError('newParty', index, 'role')}
              />
            </div>
          )}
        />

        <RepeatingRows<NewPersonRow>
          key={`new-people-${attempt}`}
          legend="New people"
          noun="new person"
          hint="People not in the list yet, created with the agreement."
          initial={initialNewPeople}
          blank={{ name: '', title: '', partyId: '', role: '' }}
          error={errorOf(state, 'newPerson')}
          renderRow={(row, index, label) => (
            <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-4">
              <TextField
                label={`Name of ${label.toLowerCase()}`}
                name="newPersonName"
                maxLength={PERSON_NAME_MAX}
                defaultValue={row.name}
                error={rowError('newPerson', index, 'name')}
              />
              <TextField
                label="Title"
                name="newPersonTitle"
                maxLength={PERSON_TITLE_MAX}
                defaultValue={row.title}
                error={rowError('newPerson', index, 'title')}
              />
              <SelectField
                label="Speaks for"
                name="newPersonPartyId"
                placeholder="No party"
                options={liveParties}
                defaultValue={row.partyId}
                error={rowError('newPerson', index, 'partyId')}
              />
              <TextField
                label="Role at this agreement"
                name="newPersonRole"
                maxLength={SPEAKER_ROLE_MAX}
                defaultValue={row.role}
                error={rowError('newPerson', index, 'role')}
              />
            </div>
          )}
        />

        <RepeatingRows<string>
          key={fieldKey('sourceUrl')}
          legend="Sources"
          noun="source"
          hint="Optional. The web address of an item already logged as evidence (through “Log follow-up”)."
          initial={initialSources}
          blank=""
          error={errorOf(state, 'sourceUrl')}
          renderRow={(url, _index, label, rowId) => (
            <div className="min-w-0 flex-1">
              <label className="sr-only" htmlFor={`${rowId}-url`}>
                {label} (web address)
              </label>
              <input
                id={`${rowId}-url`}
                name="sourceUrl"
                type="url"
                defaultValue={url}
                placeholder="https://…"
                aria-invalid={errorOf(state, 'sourceUrl') ? true : undefined}
                className={controlClass}
              />
              {sourceTitles[url] ? <p className="mt-1 text-xs text-slate-600">{sourceTitles[url]}</p> : null}
            </div>
          )}
        />
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <SubmitButton pendingLabel={mode === 'create' ? 'Creating…' : 'Saving…'}>
          {mode === 'create' ? 'Create agreement' : 'Save changes'}
        </SubmitButton>
        <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
          Cancel
        </Link>
      </div>
    </form>
  );
}
