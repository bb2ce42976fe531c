'use client';

import { useActionState, useEffect, useRef } from 'react';
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
import { COMMITMENT_DESCRIPTION_MAX, COMMITMENT_TITLE_MAX } from '@/lib/validation/commitment';
import { PARTY_NAME_MAX } from '@/lib/validation/party';
import { PERSON_NAME_MAX, PERSON_TITLE_MAX } from '@/lib/validation/person';
import { STRENGTHS, STRENGTH_LABELS } from '@/lib/domain/strength';
import type { PickedParty, PickedPerson } from '@/lib/search/picked';
import {
  COMMITMENT_ROW_FIELDS as C,
  type AgreementDraftView,
  type AgreementFormRecord,
  type DraftNote as Note,
} from '@/components/drafts/agreement-draft';
import { DraftNote } from '@/components/drafts/draft-note';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { PRECISION_LABELS, labelOf, pickerOptions, type PickOption } from './options';
import { PARTY_KIND_OPTIONS } from './party-kinds';
import {
  PartyPicker,
  PersonPicker,
  findParty,
  findPerson,
  partyLabel,
  personLabel,
  useKnown,
} from './pickers';
import { RepeatingRows } from './repeating-rows';

const kindOptions = Object.entries(AGREEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }));
const roleOptions = Object.entries(AGREEMENT_PARTY_ROLE_LABELS).map(([value, label]) => ({ value, label }));
const precisionOptions = DATE_PRECISIONS.map((value) => ({ value, label: PRECISION_LABELS[value] }));
const strengthOptions = STRENGTHS.map((value) => ({ value, label: STRENGTH_LABELS[value] }));

type PartyRow = { partyId: string; role: string; note?: Note };
type PersonRow = { personId: string; role: string; note?: Note };
type NewPartyRow = {
  name: string;
  kind: string;
  parentId: string;
  country: string;
  role: string;
  note?: Note;
};
type NewPersonRow = { name: string; title: string; partyId: string; role: string; note?: Note };
type CommitmentRow = {
  title: string;
  description: string;
  categoryId: string;
  strength: string;
  sentence: string;
  rule: string;
  responsible: string[];
  beneficiary: string[];
};

/** What a draft from an article adds to a new agreement's form: the notes, and the commitment rows' choices. */
type DraftedForm = Omit<AgreementDraftView, 'record'> & { categoryOptions: PickOption[] };

/**
 * A record the page sends by id: as lib/search/picked.ts gives it, or as a list of options did (name and archived
 * flag only), which is enough for its label.
 */
type KnownParty = Pick<PickedParty, 'id' | 'name' | 'archived'> & Partial<PickedParty>;
type KnownPerson = Pick<PickedPerson, 'id' | 'name' | 'archived'> & Partial<PickedPerson>;

function zip(ids: string[], roles: string[]) {
  return ids.map((id, index) => ({ id, role: roles[index] ?? '' }));
}

/** A new agreement (mode "create") or an existing one (mode "edit", with the version it was opened at). */
export function AgreementForm({
  action,
  mode,
  record,
  drafted,
  partyOptions = [],
  personOptions = [],
  sourceTitles,
  countryOptions,
  sourceNote,
  cancelHref,
  canChangeReview = false,
}: {
  action: EditAction<AgreementFormValues>;
  mode: 'create' | 'edit';
  /** The form's values (a new agreement drafted from an article also has new-party, new-person and commitment rows). */
  record: AgreementFormRecord;
  /** Set when the values come from an article: each proposal's sentence, and the commitment rows. */
  drafted?: DraftedForm;
  /**
   * The parties and people the form's values name, archived or not (lib/search/picked.ts); the pickers search the
   * others as the analyst types, and look up by id any a draft or a version saved meanwhile names. None for a new
   * agreement.
   */
  partyOptions?: readonly KnownParty[];
  personOptions?: readonly KnownPerson[];
  /** Titles of logged evidence by URL, to show beside the source rows already linked. */
  sourceTitles: Record<string, string>;
  /** ISO 3166-1 countries, labelled on the server (for new parties). */
  countryOptions: { value: string; label: string }[];
  /** Said above the form when it was prefilled from a logged item (`?sourceEvidenceId=`). */
  sourceNote?: React.ReactNode;
  cancelHref: string;
  /** The user is an admin: only an admin turns the review of status updates on or off (edit mode only). */
  canChangeReview?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, AGREEMENT_MERGE);
  const { attempt, fieldKey, text, list, error } = edit;
  const theirs = (edit.theirs ?? {}) as Partial<AgreementFormValues>;
  const partyIds = list('partyId');
  const personIds = list('personId');
  // Parties and people can be many: pickers searching as the analyst types, knowing by label only the records the
  // page sent and those picked or looked up since.
  const [knownParties, rememberParty] = useKnown<PickedParty>(
    partyOptions.map((party) => ({ shortName: null, parentName: null, ...party })),
  );
  const [knownPeople, rememberPerson] = useKnown<PickedPerson>(
    personOptions.map((person) => ({ title: null, partyName: null, ...person })),
  );
  // Ids the page did not send: a draft's (it is made in the browser), a failed submit's picks, a version saved
  // meanwhile (theirs). Looked up by "#id"; unresolved (archived since), the id stands in for the label.
  const wantedParties = [
    ...partyIds,
    ...(theirs.partyId ?? []),
    ...list('newPartyParentId'),
    ...list('newPersonPartyId'),
    ...Object.keys(record)
      .filter((field) => field.startsWith(`${C.responsible}.`) || field.startsWith(`${C.beneficiary}.`))
      .flatMap((field) => list(field)),
  ].join(' ');
  const wantedPeople = [...personIds, ...(theirs.personId ?? [])].join(' ');
  useEffect(() => {
    const unknown = (ids: string, known: ReadonlyMap<string, unknown>) =>
      [...new Set(ids.split(' '))].filter((id) => /^\d+$/.test(id) && !known.has(id));
    const partiesToFind = unknown(wantedParties, knownParties);
    const peopleToFind = unknown(wantedPeople, knownPeople);
    if (!partiesToFind.length && !peopleToFind.length) return;
    const controller = new AbortController();
    const { signal } = controller;
    // All at once, remembered together: one re-render, rather than one per record (each restarting the others).
    void Promise.all([
      Promise.all(partiesToFind.map((id) => findParty(id, signal).catch(() => null))),
      Promise.all(peopleToFind.map((id) => findPerson(id, signal).catch(() => null))),
    ]).then(([foundParties, foundPeople]) => {
      if (signal.aborted) return;
      for (const party of foundParties) if (party) rememberParty(party);
      for (const person of foundPeople) if (person) rememberPerson(person);
    });
    return () => controller.abort();
  }, [wantedParties, wantedPeople, knownParties, knownPeople, rememberParty, rememberPerson]);
  const parties = [...knownParties.values()].map((party) => ({
    value: String(party.id),
    label: partyLabel(party),
  }));
  const people = [...knownPeople.values()].map((person) => ({
    value: String(person.id),
    label: personLabel(person),
  }));
  const precisionRef = useRef<HTMLSelectElement>(null);

  const initialParties: PartyRow[] = zip(partyIds, list('partyRole')).map(({ id, role }) => ({
    partyId: id,
    role: role || 'signatory',
    note: drafted?.partyNotes[id],
  }));
  const initialPeople: PersonRow[] = zip(personIds, list('personRole')).map(({ id, role }) => ({
    personId: id,
    role,
    note: drafted?.personNotes[id],
  }));
  const initialSources = list('sourceUrl');
  const initialNewParties: NewPartyRow[] = list('newPartyName').map((name, index) => ({
    name,
    kind: list('newPartyKind')[index] ?? 'ministry',
    parentId: list('newPartyParentId')[index] ?? '',
    country: list('newPartyCountry')[index] ?? '',
    role: list('newPartyRole')[index] ?? 'signatory',
    note: drafted?.partyNotes[name],
  }));
  const initialNewPeople: NewPersonRow[] = list('newPersonName').map((name, index) => ({
    name,
    title: list('newPersonTitle')[index] ?? '',
    partyId: list('newPersonPartyId')[index] ?? '',
    role: list('newPersonRole')[index] ?? '',
    note: drafted?.personNotes[name],
  }));
  const initialCommitments: CommitmentRow[] = drafted
    ? list(C.title).map((title, index) => ({
        title,
        description: list(C.description)[index] ?? '',
        categoryId: list(C.categoryId)[index] ?? '',
        strength: list(C.strength)[index] ?? 'firm',
        sentence: list(C.sentence)[index] ?? '',
        rule: list(C.rule)[index] ?? '',
        responsible: list(`${C.responsible}.${index}`),
        beneficiary: list(`${C.beneficiary}.${index}`),
      }))
    : [];
  const categories = pickerOptions(drafted?.categoryOptions ?? [], list(C.categoryId));
  // The parties a commitment can tick: those the article names, and any a row ticked that it does not.
  const partyChoices = [...(drafted?.partyChoices ?? [])];
  for (const row of initialCommitments)
    for (const value of [...row.responsible, ...row.beneficiary])
      if (!partyChoices.some((choice) => choice.value === value))
        partyChoices.push({ value, label: labelOf(value, parties) });
  const rowError = (group: 'newParty' | 'newPerson', index: number, field: string) =>
    error(`${group}.${index}.${field}`);

  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const get = (name: string) => String(shown[name] ?? '');
    const many = (name: string) => (Array.isArray(shown[name]) ? (shown[name] as unknown[]).map(String) : []);
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
      title: get('title'),
      kind: labelOf(get('kind'), kindOptions),
      concluded: dateText(get('concludedOn'), get('concludedPrecision')),
      place: get('place'),
      summary: get('summary'),
      review: get('requiresReview') === 'true' ? 'Required' : 'Not required',
      parties: partyText(many('partyId'), many('partyRole')),
      people: peopleText(many('personId'), many('personRole')),
      sources: many('sourceUrl')
        .filter((url) => url.trim())
        .join('\n'),
    };
  };

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      creating={mode === 'create'}
      describe={describe}
      discardHref={`/agreements/${record.id}/edit`}
      className="space-y-6"
      cancelHref={cancelHref}
      submit={
        <SubmitButton pendingLabel={mode === 'create' ? 'Creating…' : 'Saving…'}>
          {mode === 'create' ? 'Create agreement' : 'Save changes'}
        </SubmitButton>
      }
    >
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
            hint={
              <>
                As the source names it, e.g. “Turkey–Azerbaijan defence cooperation memorandum”.
                <DraftNote note={drafted?.notes.title} />
              </>
            }
            defaultValue={text('title')}
            error={error('title')}
          />
          <SelectField
            label="Kind"
            key={fieldKey('kind')}
            name="kind"
            required
            options={kindOptions}
            hint={drafted?.notes.kind ? <DraftNote note={drafted.notes.kind} /> : undefined}
            defaultValue={text('kind') || 'mou'}
            error={error('kind')}
          />
          <TextField
            label="Place"
            key={fieldKey('place')}
            name="place"
            maxLength={AGREEMENT_PLACE_MAX}
            placeholder="e.g. Ankara"
            hint={drafted?.notes.place ? <DraftNote note={drafted.notes.place} /> : undefined}
            defaultValue={text('place')}
            error={error('place')}
          />
          <Field
            key={fieldKey('concludedOn')}
            label="Concluded on"
            name="concludedOn"
            hint={
              <>
                As precisely as the source says: 2025-09-14, 2025-09 or 2025. Leave empty if unknown.
                <DraftNote note={drafted?.notes.concluded} />
              </>
            }
            error={error('concludedOn')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={10}
                placeholder="YYYY-MM-DD, YYYY-MM or YYYY"
                defaultValue={text('concludedOn')}
                onChange={(event) => {
                  // Typing "2025-09" means "known to the month": say so in the precision picker.
                  const typed = event.currentTarget.value;
                  const precision = typed.trim() ? precisionOfText(typed) : 'unknown';
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
            error={error('concludedPrecision')}
          >
            {(props) => (
              <select
                {...props}
                ref={precisionRef}
                defaultValue={text('concludedPrecision') || 'unknown'}
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
            defaultValue={text('summary')}
            error={error('summary')}
          />
          {mode === 'edit' ? (
            <div key={fieldKey('requiresReview')} className="sm:col-span-2">
              <label className="flex items-start gap-2 text-sm font-medium text-slate-900">
                <input
                  type="checkbox"
                  // Ticked it is sent before the hidden "false" below, and the first value of a name is read.
                  name={canChangeReview ? 'requiresReview' : undefined}
                  value="true"
                  defaultChecked={text('requiresReview') === 'true'}
                  disabled={!canChangeReview}
                  aria-describedby="requires-review-hint"
                  aria-invalid={error('requiresReview') ? true : undefined}
                  className="mt-0.5"
                />
                Require review of status updates
              </label>
              <input
                type="hidden"
                name="requiresReview"
                value={canChangeReview ? 'false' : text('requiresReview') || 'false'}
              />
              <p id="requires-review-hint" className="mt-1 text-xs text-slate-600">
                An analyst’s status updates on this agreement’s commitments are then proposals: they count
                only once another analyst or an admin accepts them in Review.
                {canChangeReview ? null : ' Only an admin can change this.'}
              </p>
              <p className="text-xs font-medium text-red-700" aria-live="polite">
                {error('requiresReview')}
              </p>
            </div>
          ) : null}
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
          error={error('partyId') ?? error('partyRole')}
          emptyText="No parties yet."
          renderRow={(row, _index, label, rowId) => (
            <>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-party`}>
                  {label}
                </label>
                <PartyPicker
                  id={`${rowId}-party`}
                  name="partyId"
                  label={label}
                  defaultValue={row.partyId}
                  known={knownParties}
                  onPick={rememberParty}
                  aria-invalid={error('partyId') ? true : undefined}
                />
                <DraftNote note={row.note} />
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
          error={error('personId') ?? error('personRole')}
          renderRow={(row, _index, label, rowId) => (
            <>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={`${rowId}-person`}>
                  {label}
                </label>
                <PersonPicker
                  id={`${rowId}-person`}
                  name="personId"
                  label={label}
                  defaultValue={row.personId}
                  known={knownPeople}
                  onPick={rememberPerson}
                  aria-invalid={error('personId') ? true : undefined}
                />
                <DraftNote note={row.note} />
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
          error={error('newParty')}
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
              <Field label="Part of" name="newPartyParentId" error={rowError('newParty', index, 'parentId')}>
                {(field) => (
                  <PartyPicker
                    id={field.id}
                    name="newPartyParentId"
                    label="Part of"
                    defaultValue={row.parentId}
                    known={knownParties}
                    onPick={rememberParty}
                    placeholder="Nothing (top level)"
                    aria-invalid={field['aria-invalid']}
                    aria-describedby={field['aria-describedby']}
                  />
                )}
              </Field>
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
              {row.note ? (
                <p className="sm:col-span-5">
                  <DraftNote note={row.note} />
                </p>
              ) : null}
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
          error={error('newPerson')}
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
              <Field
                label="Speaks for"
                name="newPersonPartyId"
                error={rowError('newPerson', index, 'partyId')}
              >
                {(field) => (
                  <PartyPicker
                    id={field.id}
                    name="newPersonPartyId"
                    label="Speaks for"
                    defaultValue={row.partyId}
                    known={knownParties}
                    onPick={rememberParty}
                    placeholder="No party"
                    aria-invalid={field['aria-invalid']}
                    aria-describedby={field['aria-describedby']}
                  />
                )}
              </Field>
              <TextField
                label="Role at this agreement"
                name="newPersonRole"
                maxLength={SPEAKER_ROLE_MAX}
                defaultValue={row.role}
                error={rowError('newPerson', index, 'role')}
              />
              {row.note ? (
                <p className="sm:col-span-4">
                  <DraftNote note={row.note} />
                </p>
              ) : null}
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
          error={error('sourceUrl')}
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
                aria-invalid={error('sourceUrl') ? true : undefined}
                className={controlClass}
              />
              {sourceTitles[url] ? <p className="mt-1 text-xs text-slate-600">{sourceTitles[url]}</p> : null}
            </div>
          )}
        />

        {drafted ? (
          <RepeatingRows<CommitmentRow>
            key={`commitments-${attempt}`}
            legend="Commitments"
            noun="commitment"
            hint="Proposed from the article’s sentences that agree, decide, pledge or invite. Each is created with the agreement, as on the commitment form: remove what is not a commitment."
            initial={initialCommitments}
            blank={{
              title: '',
              description: '',
              categoryId: '',
              strength: 'firm',
              sentence: '',
              rule: '',
              responsible: [],
              beneficiary: [],
            }}
            error={error('commitment')}
            renderRow={(row, index, label) => {
              const commitmentError = (field: string) => error(`commitment.${index}.${field}`);
              return (
                <div className="grid min-w-0 flex-1 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
                  <input type="hidden" name={C.sentence} value={row.sentence} />
                  <input type="hidden" name={C.rule} value={row.rule} />
                  <TextField
                    className="sm:col-span-2"
                    label={`Title of ${label.toLowerCase()}`}
                    name={C.title}
                    maxLength={COMMITMENT_TITLE_MAX}
                    defaultValue={row.title}
                    error={commitmentError('title')}
                  />
                  <SelectField
                    label="Category"
                    name={C.categoryId}
                    placeholder="Choose a category…"
                    options={categories}
                    defaultValue={row.categoryId}
                    error={commitmentError('categoryId')}
                  />
                  <SelectField
                    label="Strength"
                    name={C.strength}
                    options={strengthOptions}
                    defaultValue={row.strength}
                    error={commitmentError('strength')}
                  />
                  <TextField
                    className="sm:col-span-4"
                    label="Description"
                    name={C.description}
                    maxLength={COMMITMENT_DESCRIPTION_MAX}
                    defaultValue={row.description}
                    error={commitmentError('description')}
                  />
                  {(['responsible', 'beneficiary'] as const).map((side) => (
                    <fieldset key={side} className="min-w-0 sm:col-span-2">
                      <legend className="text-xs font-medium text-slate-700">
                        {side === 'responsible' ? 'Responsible' : 'Beneficiaries'}
                      </legend>
                      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                        {partyChoices.map((choice) => (
                          <label
                            key={choice.value}
                            className="flex items-center gap-1.5 text-sm text-slate-800"
                          >
                            <input
                              type="checkbox"
                              name={`${C[side]}.${index}[]`}
                              value={choice.value}
                              defaultChecked={row[side].includes(choice.value)}
                              aria-invalid={commitmentError(side) ? true : undefined}
                            />
                            {choice.label}
                          </label>
                        ))}
                      </div>
                      <p className="text-xs font-medium text-red-700" aria-live="polite">
                        {commitmentError(side)}
                      </p>
                    </fieldset>
                  ))}
                  {row.sentence ? (
                    <p className="sm:col-span-4">
                      <DraftNote note={{ sentence: row.sentence, rule: row.rule }} />
                    </p>
                  ) : null}
                </div>
              );
            }}
          />
        ) : null}
      </div>
    </EditorForm>
  );
}
