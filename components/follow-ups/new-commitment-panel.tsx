'use client';
// "New commitment" inside a row of the log-follow-up form (the article announced it). Not a <form>: it sits
// inside the follow-up form, and forms cannot nest. Its controls have no `name`, so the follow-up form never sends
// them; "Add commitment" sends them itself to the action it is given (app/(app)/follow-ups/new/actions.ts), and
// on success the row selects the new commitment. Nothing typed elsewhere in the form is touched. The agreement and
// the parties are searched as the analyst types (/api/options/agreements, /api/options/parties); the categories
// are few, so the page hands them in.
import { useCallback, useEffect, useId, useState, useTransition } from 'react';
import { Loader2, X } from 'lucide-react';
import { Field } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Combobox, optionsFrom } from '@/components/ui/combobox';
import type { ActionResult } from '@/lib/auth/action-core';
import type { CommitmentOption } from '@/lib/data/evidence';
import type { AgreementPickOption, PartyPickOption } from '@/lib/search/options';
import { COMMITMENT_TITLE_MAX } from '@/lib/validation/commitment';
import type { FieldSpec } from './field-specs';
import { ChoiceField, ComboboxField, InputField, fieldId, type Bound } from './fields';

export type NewCommitmentOptions = { categories: { id: number; name: string }[] };

const loadAgreements = optionsFrom<AgreementPickOption>('/api/options/agreements');
const loadParties = optionsFrom<PartyPickOption>('/api/options/parties');

/** A party's short name and parent, when it has them: what tells namesakes apart. */
function partyDetail(party: PartyPickOption): string {
  return [party.shortName, party.parentName && `under ${party.parentName}`].filter(Boolean).join(' · ');
}

/** The panel's single-valued fields (the responsible parties are a multiple choice). */
type PanelField = 'agreementId' | 'categoryId' | 'title';

const FIELDS: Record<PanelField, FieldSpec> = {
  agreementId: { label: 'Agreement', required: true },
  categoryId: { label: 'Category', required: true },
  title: { label: 'What was committed to', required: true, limit: COMMITMENT_TITLE_MAX },
};

export type CreateCommitmentAction = (
  state: unknown,
  formData: FormData,
) => Promise<ActionResult<{ commitment: CommitmentOption | null }>>;

export function NewCommitmentPanel({
  options,
  action,
  defaultAgreementId,
  labelledBy,
  onCreated,
  onCancel,
}: {
  options: NewCommitmentOptions;
  action: CreateCommitmentAction;
  defaultAgreementId?: string;
  /** The id of the row's heading, so the group reads "New commitment for Commitment 2". */
  labelledBy: string;
  onCreated: (commitment: CommitmentOption) => void;
  onCancel: () => void;
}) {
  const formId = useId();
  const id = (name: string) => fieldId(formId, `new-commitment-${name}`);
  const [values, setValues] = useState<Record<PanelField, string>>({
    agreementId: defaultAgreementId ?? '',
    categoryId: '',
    title: '',
  });
  const [agreement, setAgreement] = useState<AgreementPickOption | null>(null);
  const [parties, setParties] = useState<PartyPickOption[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // The row's agreement comes as an id: its title, for the picker, is asked of the server once.
  useEffect(() => {
    if (!defaultAgreementId) return;
    const controller = new AbortController();
    loadAgreements(`#${defaultAgreementId}`, controller.signal)
      .then((options) => {
        const found = options.find((option) => String(option.id) === defaultAgreementId);
        if (found) setAgreement((chosen) => chosen ?? found);
      })
      // Unresolved, the picker simply shows no title; the id is still sent.
      .catch(() => {});
    return () => controller.abort();
  }, [defaultAgreementId]);

  const chosenParties = parties.map((party) => String(party.id)).join(',');
  const loadUnchosenParties = useCallback(
    async (query: string, signal: AbortSignal) => {
      const chosen = chosenParties.split(',');
      return (await loadParties(query, signal)).filter((party) => !chosen.includes(String(party.id)));
    },
    [chosenParties],
  );

  function create() {
    if (pending) return;
    const formData = new FormData();
    formData.set('agreementId', values.agreementId);
    formData.set('title', values.title);
    formData.set('categoryId', values.categoryId);
    for (const party of parties) formData.append('responsiblePartyId', String(party.id));
    startTransition(async () => {
      const result = await action(null, formData);
      if (result.ok && result.commitment) {
        onCreated(result.commitment);
        return;
      }
      if (result.ok) {
        setMessage('The commitment was added, but its agreement is archived: it cannot be followed up.');
        return;
      }
      setErrors(
        Object.fromEntries(
          Object.entries(result.fieldErrors).flatMap(([name, messages]) =>
            messages[0] ? [[name, messages[0]]] : [],
          ),
        ),
      );
      setMessage(result.message);
    });
  }

  // No names: the follow-up form around the panel must not send these (see the top of this file).
  const bind = (field: PanelField): Bound => ({
    spec: FIELDS[field],
    id: id(field),
    value: values[field],
    onValueChange: (value) => setValues((previous) => ({ ...previous, [field]: value })),
    error: errors[field],
  });
  return (
    <div
      role="group"
      aria-label="New commitment"
      aria-describedby={labelledBy}
      className="space-y-4 rounded-lg border border-dashed border-indigo-300 bg-white p-4 md:col-span-2"
      onKeyDown={(event) => {
        // Enter in a text field would submit the follow-up form around this panel (unless a picker took it).
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement && !event.defaultPrevented) {
          event.preventDefault();
          create();
        }
      }}
    >
      <p className="text-sm text-slate-700">
        A commitment the item announces: add it here and this row will select it. The rest of the form stays
        as you typed it.
      </p>
      {message ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {message}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <ComboboxField<AgreementPickOption>
          {...bind('agreementId')}
          picker={{
            selected: agreement,
            onSelect: (option) => {
              setAgreement(option);
              setValues((previous) => ({ ...previous, agreementId: option ? String(option.id) : '' }));
            },
            load: loadAgreements,
            valueOf: (option) => String(option.id),
            labelOf: (option) => option.title,
            placeholder: 'Type a word of the agreement’s title, or #id…',
          }}
        />
        <ChoiceField {...bind('categoryId')}>
          <option value="">Choose a category…</option>
          {options.categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </ChoiceField>
        <InputField {...bind('title')} autoComplete="off" className="md:col-span-2" />
        <Field
          label="Responsible parties"
          required
          id={id('responsiblePartyId')}
          error={errors.responsiblePartyId}
          hint="Pick each party that must deliver, one after the other."
          summarised
          className="md:col-span-2"
        >
          {(aria) => (
            <div className="space-y-2">
              {parties.length ? (
                <ul aria-label="Chosen responsible parties" className="flex flex-wrap gap-2">
                  {parties.map((party) => (
                    <li
                      key={party.id}
                      className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-sm text-indigo-900 ring-1 ring-indigo-200"
                    >
                      {party.name}
                      {party.parentName ? (
                        <span className="text-xs text-indigo-700">({party.parentName})</span>
                      ) : null}
                      <button
                        type="button"
                        onClick={() =>
                          setParties((previous) => previous.filter((other) => other.id !== party.id))
                        }
                        className="rounded-full p-0.5 hover:bg-indigo-100 focus:ring-2 focus:ring-indigo-500/40 focus:outline-none"
                      >
                        <X aria-hidden className="size-3.5" />
                        <span className="sr-only">Remove {party.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <Combobox<PartyPickOption>
                {...aria}
                label="Responsible parties"
                // Adds the party to those chosen, then empties itself for the next one.
                value=""
                selected={null}
                onSelect={(party) => {
                  if (party) setParties((previous) => [...previous, party]);
                }}
                load={loadUnchosenParties}
                valueOf={(party) => String(party.id)}
                labelOf={(party) => party.name}
                renderOption={(party) => (
                  <>
                    <span className="block">{party.name}</span>
                    {partyDetail(party) ? (
                      <span className="mt-0.5 block text-xs text-slate-500">{partyDetail(party)}</span>
                    ) : null}
                  </>
                )}
                placeholder="Type a word of a party’s name or short name…"
              />
            </div>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={create} disabled={pending}>
          {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
          {pending ? 'Adding…' : 'Add commitment'}
        </Button>
        <Button variant="quiet" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
