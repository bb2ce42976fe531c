'use client';

// The commitment form's agreement and party pickers: comboboxes searching /api/options/agreements and
// /api/options/parties as the analyst types, so the page sends only the records the form names (lib/search/picked.ts)
// and never a whole list. Both post what a select or a group of checkboxes did: `agreementId` once, a party field
// once per chosen party.
import { useCallback, useState } from 'react';
import { X } from 'lucide-react';
import { Field } from '@/components/forms/field';
import { Combobox, optionsFrom } from '@/components/ui/combobox';
import type { PickedAgreement, PickedParty } from '@/lib/search/picked';

const loadAgreements = optionsFrom<PickedAgreement>('/api/options/agreements');
const loadParties = optionsFrom<PickedParty>('/api/options/parties');

/** The live agreement or party with this id, for a label the page did not send (a version saved meanwhile names it). */
export async function findAgreement(id: string, signal: AbortSignal): Promise<PickedAgreement | null> {
  return (await loadAgreements(`#${id}`, signal)).find((option) => String(option.id) === id) ?? null;
}

export async function findParty(id: string, signal: AbortSignal): Promise<PickedParty | null> {
  return (await loadParties(`#${id}`, signal)).find((option) => String(option.id) === id) ?? null;
}

export function agreementLabel(agreement: Pick<PickedAgreement, 'title' | 'archived'>): string {
  return `${agreement.title}${agreement.archived ? ' (archived)' : ''}`;
}

/** A party's name, its parent's when it has one (namesakes differ by it), and "(archived)" when it is. */
export function partyLabel(party: Pick<PickedParty, 'name' | 'parentName' | 'archived'>): string {
  return `${party.name}${party.parentName ? ` (${party.parentName})` : ''}${party.archived ? ' (archived)' : ''}`;
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
