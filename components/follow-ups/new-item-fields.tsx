'use client';

// The fields of a news item that is not logged yet (an item already logged is cited as it is).
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { FieldError, RequiredMark } from '@/components/forms/field';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import { COMMON_LANGUAGES, EVIDENCE_TYPES, NEW_OUTLET, RELIABILITIES } from '@/lib/validation/follow-up';
import type { ItemField, ItemState } from './field-specs';
import { ChoiceField, InputField, TextareaField, type Bound } from './fields';
import { NewOutletFields, OutletChoice, type OutletPicker } from './outlet-fields';

const TYPE_HINTS: Record<EvidenceType, string> = {
  announcement: 'Words: a statement, plan or promise about the commitment.',
  concrete_action: 'Deeds: something was done, opened, signed, delivered or held.',
  contradiction: 'Goes against the commitment: a denial, reversal, or news that it is not happening.',
};

export function NewItemFields({
  bind,
  item,
  outlet,
  reliability,
  outletDefault,
}: {
  bind: (field: ItemField) => Bound;
  item: ItemState;
  outlet: OutletPicker;
  /** The reliability the item gets: the one chosen, or else the outlet's usual grade. */
  reliability: string;
  outletDefault: string;
}) {
  const language = bind('language');
  return (
    <div className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <OutletChoice bind={bind} picker={outlet} />
        <InputField {...language} list={`${language.id}-suggestions`} autoComplete="off" spellCheck={false} />
        <datalist id={`${language.id}-suggestions`}>
          {COMMON_LANGUAGES.map((common) => (
            <option key={common.tag} value={common.tag}>
              {common.name}
            </option>
          ))}
        </datalist>
      </div>

      {item.outlet === NEW_OUTLET ? <NewOutletFields bind={bind} /> : null}

      <InputField {...bind('title')} autoComplete="off" />
      <InputField
        {...bind('originalTitle')}
        dir="auto"
        lang={item.language || undefined}
        autoComplete="off"
      />

      <div className="grid gap-4 md:grid-cols-2">
        <InputField {...bind('publishedOn')} type="date" min="1900-01-01" />
      </div>

      <TextareaField {...bind('excerpt')} rows={4} dir="auto" />

      <div className="grid gap-4 md:grid-cols-2">
        <ChoiceField
          {...bind('reliability')}
          value={reliability}
          hint={
            outletDefault
              ? item.reliability && item.reliability !== outletDefault
                ? `Overrides the outlet's usual ${outletDefault} for this item.`
                : `The outlet's usual grade (${outletDefault}); change it for this item if needed.`
              : "Follows the outlet's usual grade once you choose the outlet."
          }
        >
          {reliability ? null : <option value="">The outlet&apos;s usual grade</option>}
          {RELIABILITIES.map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {RELIABILITY_LABELS[grade]}
            </option>
          ))}
        </ChoiceField>

        <ChoiceField {...bind('credibility')}>
          <option value="">Choose 1–6…</option>
          {[1, 2, 3, 4, 5, 6].map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {CREDIBILITY_LABELS[grade]}
            </option>
          ))}
        </ChoiceField>
      </div>

      <TypeChoice {...bind('type')} />
    </div>
  );
}

/** The item's type, as cards to pick from: each says what it means. */
function TypeChoice({ spec, id, name, value, onValueChange, error }: Bound) {
  const errorId = `${id}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-700">
        {spec.label}
        <RequiredMark />
      </legend>
      <div className="mt-2 grid gap-2 md:grid-cols-3">
        {EVIDENCE_TYPES.map((type) => (
          <label
            key={type}
            htmlFor={`${id}-${type}`}
            className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-3 text-sm has-checked:border-indigo-500 has-checked:ring-1 has-checked:ring-indigo-500"
          >
            <input
              id={`${id}-${type}`}
              type="radio"
              name={name}
              value={type}
              checked={value === type}
              onChange={() => onValueChange(type)}
              aria-describedby={error ? errorId : undefined}
              className="mt-0.5 size-4 accent-indigo-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{EVIDENCE_TYPE_LABELS[type]}</span>
              <span className="block text-slate-600">{TYPE_HINTS[type]}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
