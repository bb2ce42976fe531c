'use client';

// The list filters that name one record of a list that grows (an agreement, a party, an outlet): searching
// comboboxes over app/api/options/*, as the edit forms' pickers (components/editors/pickers.tsx), so no filter form
// embeds the whole list. The page sends only the record the URL names, for its label; the chosen id travels in the
// combobox's hidden input under the same name and value the select used to post, so a GET submit (with or
// without JavaScript) gives the same URL as before.
import clsx from 'clsx';
import { useState } from 'react';
import { agreementLabel, partyLabel } from '@/components/editors/pickers';
import { Field } from '@/components/forms/field';
import { Combobox, optionsFrom } from '@/components/ui/combobox';
import type { OutletOption } from '@/lib/data/outlets';
import type { AgreementPickOption, PartyPickOption } from '@/lib/search/options';
import type { PickedAgreement, PickedOutlet, PickedParty } from '@/lib/search/picked';

/** What a filter shows of a record: its label in the box, and a line under it in the list. */
type Choice = { id: number; label: string; detail?: string };

type Layout = {
  id: string;
  /** The URL parameter (the hidden input's name). */
  name: string;
  label: string;
  placeholder?: string;
  /** A form field's label, hint and error (the report filters); otherwise the list filters' small label. */
  field?: { hint?: string; error?: string };
  className?: string;
};

const loadAgreements = mapped(optionsFrom<AgreementPickOption>('/api/options/agreements'), agreementChoice);
const loadParties = mapped(optionsFrom<PartyPickOption>('/api/options/parties'), partyChoice);
const loadOutlets = mapped(optionsFrom<OutletOption>('/api/options/outlets'), outletChoice);

function mapped<T>(
  load: (query: string, signal: AbortSignal) => Promise<T[]>,
  toChoice: (option: T) => Choice,
) {
  return async (query: string, signal: AbortSignal) => (await load(query, signal)).map(toChoice);
}

function agreementChoice(agreement: AgreementPickOption & { archived?: boolean }): Choice {
  return {
    id: agreement.id,
    label: agreementLabel({ title: agreement.title, archived: !!agreement.archived }),
  };
}

function partyChoice(party: PartyPickOption & { archived?: boolean }): Choice {
  return {
    id: party.id,
    label: partyLabel({ name: party.name, parentName: party.parentName, archived: !!party.archived }),
    detail: party.shortName ?? undefined,
  };
}

function outletChoice(outlet: { id: number; name: string; archived?: boolean }): Choice {
  return { id: outlet.id, label: `${outlet.name}${outlet.archived ? ' (archived)' : ''}` };
}

function RecordFilter({
  id,
  name,
  label,
  placeholder,
  field,
  className,
  initial,
  load,
}: Layout & { initial: Choice | null; load: (query: string, signal: AbortSignal) => Promise<Choice[]> }) {
  const [chosen, setChosen] = useState(initial);
  const combobox = (aria: { 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => (
    <Combobox<Choice>
      {...aria}
      id={id}
      name={name}
      label={label}
      value={chosen ? String(chosen.id) : ''}
      selected={chosen}
      onSelect={setChosen}
      load={load}
      valueOf={(option) => String(option.id)}
      labelOf={(option) => option.label}
      renderOption={(option) => (
        <>
          <span className="block">{option.label}</span>
          {option.detail ? (
            <span className="mt-0.5 block text-xs text-slate-500">{option.detail}</span>
          ) : null}
        </>
      )}
      placeholder={placeholder}
    />
  );
  if (field)
    return (
      <Field id={id} label={label} hint={field.hint} error={field.error} className={className}>
        {(props) =>
          combobox({ 'aria-invalid': props['aria-invalid'], 'aria-describedby': props['aria-describedby'] })
        }
      </Field>
    );
  // The look of the list filters' own fields (components/dashboard/filter-controls.tsx).
  return (
    <div className={clsx('min-w-0', className)}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {combobox({})}
    </div>
  );
}

/** The agreement filter (`agreement=<id>`); empty, every agreement. */
export function AgreementFilter({ selected, ...layout }: Layout & { selected: PickedAgreement | null }) {
  return (
    <RecordFilter
      placeholder="All agreements: type to search"
      {...layout}
      initial={selected && agreementChoice(selected)}
      load={loadAgreements}
    />
  );
}

/** The party filter (`party=<id>`); the lists read it as that party with the parties under it. */
export function PartyFilter({ selected, ...layout }: Layout & { selected: PickedParty | null }) {
  return (
    <RecordFilter
      placeholder="All parties: type to search"
      {...layout}
      initial={selected && partyChoice(selected)}
      load={loadParties}
    />
  );
}

/** The outlet filter (`outlet=<id>`); empty, every outlet. */
export function OutletFilter({ selected, ...layout }: Layout & { selected: PickedOutlet | null }) {
  return (
    <RecordFilter
      placeholder="Any outlet: type to search"
      {...layout}
      initial={selected && outletChoice(selected)}
      load={loadOutlets}
    />
  );
}
