'use client';

import Link from 'next/link';
import { useActionState, useCallback, useEffect, useState } from 'react';
import { StatusChip } from '@/components/commitments/status-chip';
import { SelectField, TextAreaField, TextField, controlClass, Field } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { Combobox, optionsFrom } from '@/components/ui/combobox';
import type { ReciprocalOption } from '@/lib/search/options';
import { RECURRENCE_CHOICES } from '@/lib/domain/recurrence';
import { STRENGTH_LABELS, isCommitmentStrength } from '@/lib/domain/strength';
import {
  COMMITMENT_DESCRIPTION_MAX,
  COMMITMENT_MERGE,
  COMMITMENT_TITLE_MAX,
  type CommitmentFormValues,
} from '@/lib/validation/commitment';
import type { PickedAgreement, PickedParty } from '@/lib/search/picked';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';
import { labelOf, pickerOptions, type PickOption } from './options';
import {
  AgreementPicker,
  agreementLabel,
  findAgreement,
  findParty,
  PartiesPicker,
  partyLabel,
} from './pickers';
import { StrengthRadioGroup } from './strength-radio-group';

/** A new commitment of an agreement (mode "create") or an existing one (mode "edit"). */
export function CommitmentForm({
  action,
  mode,
  record,
  agreement,
  categoryOptions,
  parties: pickedParties,
  agreementPartyIds,
  reciprocal,
  cancelHref,
}: {
  action: EditAction<CommitmentFormValues>;
  mode: 'create' | 'edit';
  record: CommitmentFormValues;
  /** The commitment's agreement (or the preset one), archived or not; others are searched as the analyst types. */
  agreement: PickedAgreement | null;
  categoryOptions: PickOption[];
  /** The parties the commitment names and those of its agreement; others are searched as the analyst types. */
  parties: PickedParty[];
  /** The agreement's own parties, offered first. */
  agreementPartyIds: number[];
  /** The commitment linked as the reciprocal now, if any; the picker searches the others as the analyst types. */
  reciprocal: ReciprocalOption | null;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, COMMITMENT_MERGE);
  const { fieldKey, text, error } = edit;
  const theirs = (edit.theirs ?? {}) as Partial<CommitmentFormValues>;

  // The categories are few: a select, hiding archived ones unless this commitment (or the version saved in
  // between) uses them. Agreements and parties can be many: pickers searching as the analyst types, knowing by
  // label only the records the page sent and those picked since.
  const categories = pickerOptions(categoryOptions, [record.categoryId, theirs.categoryId ?? '']);
  const responsible = edit.list('responsiblePartyId');
  const beneficiaries = edit.list('beneficiaryPartyId');
  const [knownAgreements, setKnownAgreements] = useState<ReadonlyMap<string, PickedAgreement>>(
    () => new Map(agreement ? [[String(agreement.id), agreement]] : []),
  );
  const rememberAgreement = useCallback(
    (option: PickedAgreement) =>
      setKnownAgreements((previous) =>
        previous.has(String(option.id)) ? previous : new Map(previous).set(String(option.id), option),
      ),
    [],
  );
  const [knownParties, setKnownParties] = useState<ReadonlyMap<string, PickedParty>>(
    () => new Map(pickedParties.map((party) => [String(party.id), party])),
  );
  const rememberParty = useCallback(
    (option: PickedParty) =>
      setKnownParties((previous) =>
        previous.has(String(option.id)) ? previous : new Map(previous).set(String(option.id), option),
      ),
    [],
  );
  // Ids a version saved meanwhile (theirs) or a failed submit names that the page did not send: looked up by id.
  const agreementIds = [text('agreementId'), theirs.agreementId ?? ''].join(' ');
  const partyIds = [
    ...responsible,
    ...beneficiaries,
    ...(theirs.responsiblePartyId ?? []),
    ...(theirs.beneficiaryPartyId ?? []),
  ].join(' ');
  useEffect(() => {
    const controller = new AbortController();
    for (const id of new Set(agreementIds.split(' '))) {
      if (id && !knownAgreements.has(id))
        findAgreement(id, controller.signal)
          .then((option) => option && rememberAgreement(option))
          // Unresolved, the id stands in for the label ("#12").
          .catch(() => {});
    }
    for (const id of new Set(partyIds.split(' '))) {
      if (id && !knownParties.has(id))
        findParty(id, controller.signal)
          .then((option) => option && rememberParty(option))
          .catch(() => {});
    }
    return () => controller.abort();
  }, [agreementIds, partyIds, knownAgreements, knownParties, rememberAgreement, rememberParty]);
  const firstParties = pickedParties.filter((party) => agreementPartyIds.includes(party.id));
  const agreements = [...knownAgreements.values()].map((option) => ({
    value: String(option.id),
    label: agreementLabel(option),
  }));
  const parties = [...knownParties.values()].map((option) => ({
    value: String(option.id),
    label: partyLabel(option),
  }));

  // The reciprocals known by label: the linked one, those picked since, and any other a version names (theirs).
  const [known, setKnown] = useState<ReadonlyMap<string, ReciprocalOption>>(
    () => new Map(reciprocal ? [[String(reciprocal.id), reciprocal]] : []),
  );
  const remember = useCallback(
    (option: ReciprocalOption) =>
      setKnown((previous) =>
        previous.has(String(option.id)) ? previous : new Map(previous).set(String(option.id), option),
      ),
    [],
  );
  const mineReciprocal = String(edit.mine.reciprocalId ?? '');
  const shownReciprocal = text('reciprocalId');
  useEffect(() => {
    const controller = new AbortController();
    for (const id of new Set([shownReciprocal, theirs.reciprocalId ?? '', mineReciprocal])) {
      if (!id || known.has(id)) continue;
      loadReciprocals(`#${id}`, controller.signal)
        .then((options) => {
          const option = options.find((candidate) => String(candidate.id) === id);
          if (option) remember(option);
        })
        // Unresolved, the id stands in for the label ("#12").
        .catch(() => {});
    }
    return () => controller.abort();
  }, [shownReciprocal, theirs.reciprocalId, mineReciprocal, known, remember]);

  // "Recurs": the usual periods, plus a saved one that is not among them (any whole number of months is valid).
  const recurrenceOptions = [
    { value: '', label: 'No: a one-off commitment' },
    ...RECURRENCE_CHOICES.map((choice) => ({ value: String(choice.months), label: choice.label })),
  ];
  for (const savedMonths of [record.recurrenceMonths, theirs.recurrenceMonths ?? '']) {
    if (savedMonths && !recurrenceOptions.some((option) => option.value === savedMonths))
      recurrenceOptions.push({ value: savedMonths, label: `Every ${savedMonths} months` });
  }
  const strengthLabel = (value: string) => (isCommitmentStrength(value) ? STRENGTH_LABELS[value] : value);

  /** Each merge field's value as text, for the conflict panel. */
  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const get = (name: string) => (Array.isArray(shown[name]) ? '' : String(shown[name] ?? ''));
    const list = (name: string) => {
      const value = shown[name];
      return (Array.isArray(value) ? value : value ? [value] : []).map(String);
    };
    const months = get('recurrenceMonths');
    const startsOn = get('recurrenceStartsOn');
    return {
      agreementId: labelOf(get('agreementId'), agreements),
      title: get('title'),
      description: get('description'),
      categoryId: labelOf(get('categoryId'), categories),
      dueOn: get('dueOn'),
      strength: strengthLabel(get('strength') || 'firm'),
      recurrence:
        months || startsOn
          ? [labelOf(months, recurrenceOptions), startsOn && `first period starts ${startsOn}`]
              .filter(Boolean)
              .join(', ')
          : 'No: a one-off commitment',
      responsible: list('responsiblePartyId')
        .map((id) => labelOf(id, parties))
        .join(', '),
      beneficiaries: list('beneficiaryPartyId')
        .map((id) => labelOf(id, parties))
        .join(', '),
      reciprocalId: reciprocalLabel(get('reciprocalId'), known),
    };
  };

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      creating={mode === 'create'}
      describe={describe}
      discardHref={`/commitments/${record.id}/edit`}
      className="space-y-6"
      cancelHref={cancelHref}
      submit={
        mode === 'create' ? (
          <>
            <SubmitButton name="intent" value="save" pendingLabel="Adding…">
              Add commitment
            </SubmitButton>
            <SubmitButton name="intent" value="another" variant="secondary" pendingLabel="Adding…">
              Add and start another
            </SubmitButton>
          </>
        ) : (
          <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
        )
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <AgreementPicker
          className="sm:col-span-2"
          key={fieldKey('agreementId')}
          defaultValue={text('agreementId')}
          known={knownAgreements}
          onPick={rememberAgreement}
          error={error('agreementId')}
        />
        <TextField
          className="sm:col-span-2"
          label="Title"
          key={fieldKey('title')}
          name="title"
          required
          maxLength={COMMITMENT_TITLE_MAX}
          hint="What was committed to, in a short line, e.g. “Joint military exercises in 2026”."
          defaultValue={text('title')}
          error={error('title')}
        />
        <TextAreaField
          className="sm:col-span-2"
          label="Description"
          key={fieldKey('description')}
          name="description"
          rows={4}
          hint={`The commitment as the source states it (at most ${COMMITMENT_DESCRIPTION_MAX.toLocaleString('en')} characters).`}
          defaultValue={text('description')}
          error={error('description')}
        />
        <SelectField
          label="Category"
          key={fieldKey('categoryId')}
          name="categoryId"
          required
          placeholder="Choose a category…"
          options={categories}
          defaultValue={text('categoryId')}
          error={error('categoryId')}
        />
        <TextField
          label="Due date"
          key={fieldKey('dueOn')}
          name="dueOn"
          type="date"
          hint="Optional: only if the source sets a deadline."
          defaultValue={text('dueOn')}
          error={error('dueOn')}
        />
        <div className="sm:col-span-2">
          <StrengthRadioGroup key={fieldKey('strength')} value={text('strength')} error={error('strength')} />
        </div>
        <Field
          key={fieldKey('recurrenceMonths')}
          label="Recurs"
          name="recurrenceMonths"
          hint="For a commitment expected again and again, e.g. “meet every three months”."
          error={error('recurrenceMonths')}
        >
          {(props) => (
            <select {...props} defaultValue={text('recurrenceMonths')} className={controlClass}>
              {recurrenceOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="First period starts on"
          key={fieldKey('recurrenceStartsOn')}
          name="recurrenceStartsOn"
          type="date"
          hint="Only for a recurring commitment: the first day of its first period."
          defaultValue={text('recurrenceStartsOn')}
          error={error('recurrenceStartsOn')}
        />
        <PartiesPicker
          className="sm:col-span-2"
          key={fieldKey('responsiblePartyId')}
          label="Responsible parties"
          name="responsiblePartyId"
          required
          hint={
            <>
              Who must deliver; status is tracked for each of them. The agreement’s own parties are offered
              first; a party not on file yet:{' '}
              <Link href="/parties/new" className="link">
                create it
              </Link>
              .
            </>
          }
          defaultValue={responsible}
          known={knownParties}
          first={firstParties}
          onPick={rememberParty}
          error={error('responsiblePartyId')}
        />
        <PartiesPicker
          className="sm:col-span-2"
          key={fieldKey('beneficiaryPartyId')}
          label="Beneficiary parties"
          name="beneficiaryPartyId"
          hint="Optional: who it is for."
          defaultValue={beneficiaries}
          known={knownParties}
          first={firstParties}
          onPick={rememberParty}
          error={error('beneficiaryPartyId')}
        />
        <ReciprocalField
          key={fieldKey('reciprocalId')}
          ownId={record.id}
          defaultValue={shownReciprocal}
          known={known}
          onPick={remember}
          error={error('reciprocalId')}
        />
      </div>
    </EditorForm>
  );
}

const loadReciprocals = optionsFrom<ReciprocalOption>('/api/options/commitments');

function optionLabel(option: ReciprocalOption): string {
  return `${option.title}${option.archived ? ' (archived)' : ''}`;
}

/** The label of a reciprocal id, or the id itself ("#12") while it is not known here. */
function reciprocalLabel(id: string, known: ReadonlyMap<string, ReciprocalOption>): string {
  if (!id) return '';
  const option = known.get(id);
  return option ? optionLabel(option) : `#${id}`;
}

/**
 * The reciprocal link: a picker searching the live commitments as the analyst types (never this one); cleared,
 * it sends '' (no reciprocal). An archived reciprocal shows only while it is the one linked.
 */
function ReciprocalField({
  ownId,
  defaultValue,
  known,
  onPick,
  error,
}: {
  /** This commitment's id ('' for a new one): never offered. */
  ownId: string;
  defaultValue: string;
  known: ReadonlyMap<string, ReciprocalOption>;
  onPick: (option: ReciprocalOption) => void;
  error?: string;
}) {
  const [value, setValue] = useState(defaultValue);
  const load = useCallback(
    async (query: string, signal: AbortSignal) =>
      (await loadReciprocals(query, signal)).filter((option) => String(option.id) !== ownId),
    [ownId],
  );
  return (
    <Field
      className="sm:col-span-2"
      label="Reciprocal commitment"
      name="reciprocalId"
      hint="The other side’s matching commitment, e.g. an invitation answered by an invitation; clear it for none. Linking one releases any link either side had."
      error={error}
    >
      {({ id, name, ...aria }) => (
        <Combobox<ReciprocalOption>
          {...aria}
          id={id}
          name={name}
          label="Reciprocal commitment"
          value={value}
          selected={known.get(value) ?? null}
          onSelect={(option) => {
            setValue(option ? String(option.id) : '');
            if (option) onPick(option);
          }}
          load={load}
          valueOf={(option) => String(option.id)}
          labelOf={optionLabel}
          renderOption={(option) => (
            <>
              <span className="block">{option.title}</span>
              <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                <StatusChip status={option.status} />
                <span>
                  #{option.id} · {option.agreement.title}
                </span>
              </span>
            </>
          )}
          placeholder="None: type a word of the commitment, its agreement or a party, or #id…"
        />
      )}
    </Field>
  );
}
