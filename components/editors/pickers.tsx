'use client';

// The searching pickers of the edit forms: comboboxes asking /api/options/agreements, /api/options/parties and
// /api/options/people as the analyst types, so a page sends only the records its form names (lib/search/picked.ts)
// and never a whole list. Each posts what a select or a group of checkboxes did: `agreementId` once, a party field
// once per chosen party, a row's `partyId` or `personId` once per row.
import { useCallback, useState } from 'react';
import { X } from 'lucide-react';
import { Field } from '@/components/forms/field';
import { Combobox, optionsFrom } from '@/components/ui/combobox';
import type { PickedAgreement, PickedParty, PickedPerson } from '@/lib/search/picked';

const loadAgreements = optionsFrom<PickedAgreement>('/api/options/agreements');
const loadParties = optionsFrom<PickedParty>('/api/options/parties');
const loadPeople = optionsFrom<PickedPerson>('/api/options/people');

/** The records known by id (those the page sent), and a way to add one picked or looked up since. */
export function useKnown<T extends { id: number }>(initial: readonly T[]) {
  const [known, setKnown] = useState<ReadonlyMap<string, T>>(
    () => new Map(initial.map((record) => [String(record.id), record])),
  );
  const remember = useCallback(
    (record: T) =>
      setKnown((previous) =>
        previous.has(String(record.id)) ? previous : new Map(previous).set(String(record.id), record),
      ),
    [],
  );
  return [known, remember] as const;
}

/**
 * The live agreement, party or person with this id, for a label the page did not send (a draft or a version saved
 * meanwhile names it); null for an archived one.
 */
export async function findAgreement(id: string, signal: AbortSignal): Promise<PickedAgreement | null> {
  return (await loadAgreements(`#${id}`, signal)).find((option) => String(option.id) === id) ?? null;
}

export async function findParty(id: string, signal: AbortSignal): Promise<PickedParty | null> {
  return (await loadParties(`#${id}`, signal)).find((option) => String(option.id) === id) ?? null;
}

export async function findPerson(id: string, signal: AbortSignal): Promise<PickedPerson | null> {
  return (await loadPeople(`#${id}`, signal)).find((option) => String(option.id) === id) ?? null;
}

export function agreementLabel(agreement: Pick<PickedAgreement, 'title' | 'archived'>): string {
  return `${agreement.title}${agreement.archived ? ' (archived)' : ''}`;
}

/** A party's name, its parent's when it has one (namesakes differ by it), and "(archived)" when it is. */
export function partyLabel(party: Pick<PickedParty, 'name' | 'parentName' | 'archived'>): string {
  return `${party.name}${party.parentName ? ` (${party.parentName})` : ''}${party.archived ? ' (archived)' : ''}`;
}

/** A person's name, then their title and party (namesakes differ by them), and "(archived)" when they are. */
export function personLabel(person: Pick<PickedPerson, 'name' | 'title' | 'partyName' | 'archived'>): string {
  const detail = personDetail(person);
  return `${person.name}${detail ? ` — ${detail}` : ''}${person.archived ? ' (archived)' : ''}`;
}

function personDetail(person: Pick<PickedPerson, 'title' | 'partyName'>): string {
  return [person.title, person.partyName].filter(Boolean).join(', ');
}

/** The agreement picker; cleared, it sends '' (which the action answers with "Choose an agreement"). */
export function AgreementPicker({
  defaultValue,
  known,
  onPick,
  error,
  className,
}: {
  defaultValue: string;
  /** The agreements known by id: the form's own and those picked since. */
  known: ReadonlyMap<string, PickedAgreement>;
  onPick: (agreement: PickedAgreement) => void;
  error?: string;
  className?: string;
}) {
  const [value, setValue] = useState(defaultValue);
  return (
    <Field className={className} label="Agreement" name="agreementId" required error={error}>
      {({ id, name, ...aria }) => (
        <Combobox<PickedAgreement>
          {...aria}
          id={id}
          name={name}
          label="Agreement"
          value={value}
          selected={known.get(value) ?? null}
          onSelect={(option) => {
            setValue(option ? String(option.id) : '');
            if (option) onPick(option);
          }}
          load={loadAgreements}
          valueOf={(option) => String(option.id)}
          labelOf={agreementLabel}
          placeholder="Type a word of the agreement’s title, or #id…"
        />
      )}
    </Field>
  );
}

/**
 * Several parties: the chosen ones as chips (each with its Remove button, and a hidden input under `name`), and a
 * combobox adding one more. With nothing typed, the agreement's own parties are offered first.
 */
export function PartiesPicker({
  label,
  name,
  required,
  hint,
  defaultValue,
  known,
  first,
  onPick,
  error,
  className,
}: {
  label: string;
  name: string;
  required?: boolean;
  hint?: React.ReactNode;
  /** The chosen parties' ids. */
  defaultValue: readonly string[];
  known: ReadonlyMap<string, PickedParty>;
  /** Offered first while nothing is typed: the agreement's parties. */
  first: readonly PickedParty[];
  onPick: (party: PickedParty) => void;
  error?: string;
  className?: string;
}) {
  const [chosen, setChosen] = useState<string[]>(() => [...new Set(defaultValue)]);
  const load = useCallback(
    async (query: string, signal: AbortSignal) => {
      const found = await loadParties(query, signal);
      const offered = query ? found : [...first.filter((party) => !party.archived), ...found];
      const seen = new Set(chosen);
      return offered.filter((party) => {
        const key = String(party.id);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    [chosen, first],
  );
  return (
    <Field className={className} label={label} required={required} hint={hint} error={error}>
      {(field) => (
        <div className="space-y-2">
          {chosen.length ? (
            <ul aria-label={`Chosen ${label.toLowerCase()}`} className="flex flex-wrap gap-2">
              {chosen.map((partyId) => {
                const party = known.get(partyId);
                const text = party ? partyLabel(party) : `#${partyId}`;
                return (
                  <li
                    key={partyId}
                    className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-sm text-indigo-900 ring-1 ring-indigo-200"
                  >
                    {text}
                    <input type="hidden" name={name} value={partyId} />
                    <button
                      type="button"
                      onClick={() => setChosen((previous) => previous.filter((other) => other !== partyId))}
                      className="rounded-full p-0.5 hover:bg-indigo-100 focus:ring-2 focus:ring-indigo-500/40 focus:outline-none"
                    >
                      <X aria-hidden className="size-3.5" />
                      <span className="sr-only">
                        Remove {text} from the {label.toLowerCase()}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <Combobox<PickedParty>
            // Not `required`: the box empties after each pick; the action says when none is chosen.
            aria-invalid={field['aria-invalid']}
            aria-describedby={field['aria-describedby']}
            id={field.id}
            label={label}
            // Adds the party to those chosen, then empties itself for the next one.
            value=""
            selected={null}
            onSelect={(party) => {
              if (!party) return;
              onPick(party);
              setChosen((previous) =>
                previous.includes(String(party.id)) ? previous : [...previous, String(party.id)],
              );
            }}
            load={load}
            valueOf={(party) => String(party.id)}
            labelOf={(party) => party.name}
            renderOption={(party) => (
              <>
                <span className="block">{party.name}</span>
                {party.shortName || party.parentName ? (
                  <span className="mt-0.5 block text-xs text-slate-500">
                    {[party.shortName, party.parentName && `under ${party.parentName}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                ) : null}
              </>
            )}
            placeholder="Type a word of a party’s name or short name, then pick it…"
          />
        </div>
      )}
    </Field>
  );
}

/** What one-record pickers share: the control's id and aria wiring come from the row's or the field's label. */
type OnePickerProps<T> = {
  id: string;
  /** The posted field (the row's `partyId`, a new party's `newPartyParentId`...). */
  name: string;
  /** The listbox's accessible name: the label of the row or field. */
  label: string;
  /** The chosen record's id, or ''. */
  defaultValue: string;
  /** The records known by id: those the form's values name and those picked since. */
  known: ReadonlyMap<string, T>;
  onPick: (option: T) => void;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/** `load` leaving out the records with these ids (a party's own parts, never its parent). */
function without<T extends { id: number }>(
  load: (query: string, signal: AbortSignal) => Promise<T[]>,
  excluded: readonly number[] | undefined,
) {
  if (!excluded?.length) return load;
  const ids = new Set(excluded);
  return async (query: string, signal: AbortSignal) =>
    (await load(query, signal)).filter((option) => !ids.has(option.id));
}

/**
 * One party (a party row, a new party's parent, a new person's party). Cleared, it sends '' as the select's empty
 * option did. An id not known here (yet) shows as "#12" until the form has looked it up.
 */
export function PartyPicker({
  defaultValue,
  known,
  onPick,
  placeholder,
  exclude,
  ...props
}: OnePickerProps<PickedParty> & {
  /** Never offered: the party being edited and its own parts, as its parent. */
  exclude?: readonly number[];
}) {
  const [value, setValue] = useState(defaultValue);
  return (
    <Combobox<PickedParty>
      {...props}
      value={value}
      selected={
        known.get(value) ??
        (value
          ? { id: Number(value), name: `#${value}`, shortName: null, parentName: null, archived: false }
          : null)
      }
      onSelect={(option) => {
        setValue(option ? String(option.id) : '');
        if (option) onPick(option);
      }}
      load={without(loadParties, exclude)}
      valueOf={(option) => String(option.id)}
      labelOf={partyLabel}
      renderOption={(party) => (
        <>
          <span className="block">{party.name}</span>
          {party.shortName || party.parentName ? (
            <span className="mt-0.5 block text-xs text-slate-500">
              {[party.shortName, party.parentName && `under ${party.parentName}`].filter(Boolean).join(' · ')}
            </span>
          ) : null}
        </>
      )}
      placeholder={placeholder ?? 'Type a word of a party’s name or short name…'}
    />
  );
}

/** One person (a row of the people who spoke); cleared, it sends ''. */
export function PersonPicker({
  defaultValue,
  known,
  onPick,
  placeholder,
  ...props
}: OnePickerProps<PickedPerson>) {
  const [value, setValue] = useState(defaultValue);
  return (
    <Combobox<PickedPerson>
      {...props}
      value={value}
      selected={
        known.get(value) ??
        (value
          ? { id: Number(value), name: `#${value}`, title: null, partyName: null, archived: false }
          : null)
      }
      onSelect={(option) => {
        setValue(option ? String(option.id) : '');
        if (option) onPick(option);
      }}
      load={loadPeople}
      valueOf={(option) => String(option.id)}
      labelOf={personLabel}
      renderOption={(person) => (
        <>
          <span className="block">{person.name}</span>
          {personDetail(person) ? (
            <span className="mt-0.5 block text-xs text-slate-500">{personDetail(person)}</span>
          ) : null}
        </>
      )}
      placeholder={placeholder ?? 'Type a word of their name, title or party…'}
    />
  );
}
