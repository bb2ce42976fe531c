'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { ExternalLink } from 'lucide-react';
import { AGREEMENT_KIND_LABELS, AGREEMENT_PARTY_ROLE_LABELS } from '@/components/agreements/labels';
import { Field, SelectField, TextAreaField, TextField, controlClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  AGREEMENT_PLACE_MAX,
  AGREEMENT_SUMMARY_MAX,
  AGREEMENT_TITLE_MAX,
  DATE_PRECISIONS,
  SPEAKER_ROLE_MAX,
  precisionOfText,
  type AgreementFormValues,
} from '@/lib/validation/agreement';
import { ConflictNotice, type ConflictRow } from './conflict-notice';
import { errorOf, listOf, textOf, useEditAttempts, type EditState } from './edit-state';
import { FormAlert } from './form-alert';
import { PRECISION_LABELS, labelOf, pickerOptions, type PickOption } from './options';
import { RepeatingRows } from './repeating-rows';

export type EditAction<T> = (state: unknown, formData: FormData) => Promise<EditState<T>>;

const kindOptions = Object.entries(AGREEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }));
const roleOptions = Object.entries(AGREEMENT_PARTY_ROLE_LABELS).map(([value, label]) => ({ value, label }));
const precisionOptions = DATE_PRECISIONS.map((value) => ({ value, label: PRECISION_LABELS[value] }));

type PartyRow = { partyId: string; role: string };
type PersonRow = { personId: string; role: string };

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
  cancelHref,
}: {
  action: EditAction<AgreementFormValues>;
  mode: 'create' | 'edit';
  record: AgreementFormValues;
  partyOptions: PickOption[];
  personOptions: PickOption[];
  /** Titles of logged evidence by URL, to show beside the source rows already linked. */
  sourceTitles: Record<string, string>;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const { formRef, attempt, theirs, version } = useEditAttempts(state, record.version);
  const values = record as unknown as Record<string, unknown>;
  const partyIds = listOf(state, values, 'partyId');
  const personIds = listOf(state, values, 'personId');
  const parties = pickerOptions(partyOptions, partyIds);
  const people = pickerOptions(personOptions, personIds);

  // Parties and people made in another tab (the "new party" links) appear in the pickers on coming back.
  const router = useRouter();
  const refreshOnReturn = useRef(false);
  useEffect(() => {
    const onFocus = () => {
      if (refreshOnReturn.current) router.refresh();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [router]);
  const precisionRef = useRef<HTMLSelectElement>(null);

  const initialParties: PartyRow[] = zip(partyIds, listOf(state, values, 'partyRole')).map(
    ({ id, role }) => ({
      partyId: id,
      role: role || 'signatory',
    }),
  );
  const initialPeople: PersonRow[] = zip(personIds, listOf(state, values, 'personRole')).map(
    ({ id, role }) => ({
      personId: id,
      role,
    }),
  );
  const initialSources = listOf(state, values, 'sourceUrl');

  const conflictRows = (current: AgreementFormValues): ConflictRow[] => {
    const typed = (name: string) => textOf(state, values, name);
    const typedList = (name: string) => listOf(state, values, name);
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
    return [
      { label: 'Title', theirs: current.title, yours: typed('title') },
      {
        label: 'Kind',
        theirs: labelOf(current.kind, kindOptions),
        yours: labelOf(typed('kind'), kindOptions),
      },
      {
        label: 'Concluded',
        theirs: dateText(current.concludedOn, current.concludedPrecision),
        yours: dateText(typed('concludedOn'), typed('concludedPrecision')),
      },
      { label: 'Place', theirs: current.place, yours: typed('place') },
      { label: 'Summary', theirs: current.summary, yours: typed('summary') },
      {
        label: 'Parties',
        theirs: partyText(current.partyId, current.partyRole),
        yours: partyText(typedList('partyId'), typedList('partyRole')),
      },
      {
        label: 'People',
        theirs: peopleText(current.personId, current.personRole),
        yours: peopleText(typedList('personId'), typedList('personRole')),
      },
      {
        label: 'Sources',
        theirs: current.sourceUrl.join('\n'),
        yours: typedList('sourceUrl')
          .filter((url) => url.trim())
          .join('\n'),
      },
    ];
  };

  const newTabLink = (href: string, text: string) => (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={() => (refreshOnReturn.current = true)}
      className="link inline-flex items-center gap-1"
    >
      {text}
      <ExternalLink aria-hidden className="size-3.5" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6">
      {mode === 'edit' ? (
        <>
          <input type="hidden" name="id" value={record.id} />
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}
      {theirs ? (
        <ConflictNotice rows={conflictRows(theirs)} discardHref={`/agreements/${record.id}/edit`} />
      ) : null}
      <FormAlert state={state} />

      <div key={attempt} className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            className="sm:col-span-2"
            label="Title"
            name="title"
            required
            maxLength={AGREEMENT_TITLE_MAX}
            hint="As the source names it, e.g. “Turkey–Azerbaijan defence cooperation memorandum”."
            defaultValue={textOf(state, values, 'title')}
            error={errorOf(state, 'title')}
          />
          <SelectField
            label="Kind"
            name="kind"
            required
            options={kindOptions}
            defaultValue={textOf(state, values, 'kind') || 'mou'}
            error={errorOf(state, 'kind')}
          />
          <TextField
            label="Place"
            name="place"
            maxLength={AGREEMENT_PLACE_MAX}
            placeholder="e.g. Ankara"
            defaultValue={textOf(state, values, 'place')}
            error={errorOf(state, 'place')}
          />
          <Field
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
                defaultValue={textOf(state, values, 'concludedOn')}
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
            label="Precision of the date"
            name="concludedPrecision"
            error={errorOf(state, 'concludedPrecision')}
          >
            {(props) => (
              <select
                {...props}
                ref={precisionRef}
                defaultValue={textOf(state, values, 'concludedPrecision') || 'unknown'}
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
            name="summary"
            rows={5}
            hint={`What was agreed, in a few sentences (at most ${AGREEMENT_SUMMARY_MAX.toLocaleString('en')} characters).`}
            defaultValue={textOf(state, values, 'summary')}
            error={errorOf(state, 'summary')}
          />
        </div>

        <RepeatingRows<PartyRow>
          legend="Parties"
          noun="party"
          hint={
            <>
              Each state, ministry or agency that took part, with its role. Not listed?{' '}
              {newTabLink('/parties/new', 'Create a party')}, then come back: the list updates.
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
          legend="People who spoke"
          noun="person"
          hint={
            <>
              Who spoke for whom, e.g. “Defence Minister, host”. Not listed?{' '}
              {newTabLink('/people#new-person', 'Add a person')}, then come back.
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

        <RepeatingRows<string>
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
