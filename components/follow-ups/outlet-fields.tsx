'use client';

// The item's outlet: one of those on file, found as the analyst types, or a new one named here (logged with the
// item, in one transaction).
import { RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { optionsFrom } from '@/components/ui/combobox';
import type { OutletOption } from '@/lib/data/outlets';
import { NEW_OUTLET, RELIABILITIES } from '@/lib/validation/follow-up';
import type { ItemField } from './field-specs';
import { ChoiceField, ComboboxField, InputField, type Bound } from './fields';

/** The outlet picker's state, kept by the form: the outlet chosen (for its label and usual reliability). */
export type OutletPicker = {
  chosen: OutletOption | null;
  /** Whether any outlet is on file. */
  hasAny: boolean;
  /** `value` is the outlet's id, NEW_OUTLET, or '' for none. */
  onPick: (value: string, outlet: OutletOption | null) => void;
};

type Choice = { value: string; label: string; outlet: OutletOption | null };

const ADD_OUTLET: Choice = { value: NEW_OUTLET, label: '+ Add a new outlet…', outlet: null };

function choiceOf(outlet: OutletOption): Choice {
  return { value: String(outlet.id), label: `${outlet.name} (${outlet.defaultReliability})`, outlet };
}

const searchOutlets = optionsFrom<OutletOption>('/api/options/outlets');

async function loadOutlets(query: string, signal: AbortSignal): Promise<Choice[]> {
  return (await searchOutlets(query, signal)).map(choiceOf);
}

export function OutletChoice({ bind, picker }: { bind: (field: ItemField) => Bound; picker: OutletPicker }) {
  const bound = bind('outlet');
  const selected = bound.value === NEW_OUTLET ? ADD_OUTLET : picker.chosen ? choiceOf(picker.chosen) : null;
  return (
    <ComboboxField<Choice>
      {...bound}
      hint={picker.hasAny ? undefined : 'No outlets yet: add the first one here.'}
      picker={{
        selected,
        onSelect: (choice) => picker.onPick(choice?.value ?? '', choice?.outlet ?? null),
        load: loadOutlets,
        valueOf: (choice) => choice.value,
        labelOf: (choice) => choice.label,
        extras: [ADD_OUTLET],
        placeholder: 'Type the outlet’s name…',
      }}
    />
  );
}

/** Shown once "+ Add a new outlet…" is chosen. */
export function NewOutletFields({ bind }: { bind: (field: ItemField) => Bound }) {
  return (
    <div className="grid gap-4 rounded-lg border border-dashed border-slate-300 bg-slate-50/60 p-4 md:grid-cols-2">
      <InputField {...bind('newOutletName')} autoComplete="off" />
      <ChoiceField {...bind('newOutletReliability')}>
        <option value="">Choose A–F…</option>
        {RELIABILITIES.map((grade) => (
          <option key={grade} value={grade}>
            {grade} — {RELIABILITY_LABELS[grade]}
          </option>
        ))}
      </ChoiceField>
    </div>
  );
}
