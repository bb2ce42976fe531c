'use client';

import { useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import type { DraftNote as DraftNoteData } from '@/components/drafts/agreement-draft';
import { DraftNote } from '@/components/drafts/draft-note';
import { FieldError } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { optionsFrom } from '@/components/ui/combobox';
import type { CommitmentOption } from '@/lib/data/evidence';
import { STATUSES, STATUS_LABELS, requiresReason, isCommitmentStatus } from '@/lib/domain/status';
import { DATE_PRECISIONS, type DatePrecision } from '@/lib/domain/dates';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import {
  EVIDENCE_TYPES,
  PRECISION_LABELS,
  ROW_KINDS,
  ROW_KIND_LABELS,
  rowFieldName,
  type RowField,
} from '@/lib/validation/follow-up';
import { ROW_FIELD_SPECS } from './field-specs';
import { ChoiceField, ComboboxField, InputField, TextareaField, fieldId, type Bound } from './fields';
import {
  NewCommitmentPanel,
  type CreateCommitmentAction,
  type NewCommitmentOptions,
} from './new-commitment-panel';

export type RowState = {
  /** Stable identity for React; the field names use the row's position instead. */
  key: number;
  commitmentId: string;
  status: string;
  partyId: string;
  /** What the analyst typed; used only once they touched the field (until then it follows the item's date). */
  observedOn: string;
  observedTouched: boolean;
  /** How precisely the fact date is known; used once chosen (until then: day for a dated item, else undated). */
  observedPrecision: string;
  precisionTouched: boolean;
  reason: string;
  /** assessment | corroboration | context (lib/validation/follow-up.ts ROW_KINDS). */
  kind: string;
  /** '' for the item's own type. */
  evidenceType: string;
  adoptsProposal: boolean;
  /** The sentence a draft proposed this row's commitment from (gone once another commitment is picked). */
  note?: DraftNoteData;
};

/** "New commitment" from inside a row: the action and the pick lists it needs. */
export type NewCommitmentSupport = { action: CreateCommitmentAction; options: NewCommitmentOptions };

/** The date input for each precision: a day, a month, a year (a number), or the "no later than" day. */
const DATE_INPUT: Record<DatePrecision, { type: string; label: string }> = {
  day: { type: 'date', label: 'Fact held on' },
  month: { type: 'month', label: 'Fact held in (month)' },
  year: { type: 'number', label: 'Fact held in (year)' },
  unknown: { type: 'date', label: 'Fact held no later than' },
};

/** A typed fact date carried over to another precision: 2025-06-14 → 2025-06 → 2025, and back to the 1st. */
export function convertFactText(text: string, to: DatePrecision): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text.trim());
  if (!match) return text;
  const [, year, month = '01', day = '01'] = match;
  if (to === 'year') return year;
  if (to === 'month') return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

const loadCommitments = optionsFrom<CommitmentOption>('/api/options/commitments');

/** An option of the commitment picker: the commitment, then its agreement and where it stands now. */
function CommitmentOptionView({ option }: { option: CommitmentOption }) {
  return (
    <>
      <span className="block">{option.title}</span>
      <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        <StatusChip status={option.status} />
        <span>
          #{option.id} · {option.agreement.title}
        </span>
      </span>
    </>
  );
}

export function FollowUpRow({
  formId,
  index,
  row,
  commitment,
  observedOn,
  observedPrecision,
  observedHint,
  today,
  errors,
  warning,
  canRemove,
  itemType,
  newCommitment,
  onCommitmentCreated,
  onPickCommitment,
  onChange,
  onRemove,
}: {
  /** The item's own type, once known (what "the item's type" means for this row). */
  itemType: EvidenceType | null;
  newCommitment?: NewCommitmentSupport;
  onCommitmentCreated?: (commitment: CommitmentOption) => void;
  formId: string;
  index: number;
  row: RowState;
  /** A commitment picked (or the choice cleared): the form remembers the option and sets the row. */
  onPickCommitment: (commitment: CommitmentOption | null) => void;
  /** The commitment chosen in this row, if any. */
  commitment: CommitmentOption | undefined;
  /** The fact date the field shows (what the analyst typed, or the default), in the precision's format. */
  observedOn: string;
  observedPrecision: DatePrecision;
  observedHint: string;
  today: string;
  errors: Record<string, string | undefined>;
  /** Why this row would not become current, or moves the status back (the server's answer); not an error. */
  warning?: string;
  canRemove: boolean;
  onChange: (patch: Partial<RowState>) => void;
  onRemove: () => void;
}) {
  const bind = (field: Exclude<RowField, 'adoptsProposal'>): Bound => {
    const name = rowFieldName(index, field);
    return {
      spec: ROW_FIELD_SPECS[field],
      id: fieldId(formId, name),
      name,
      value: row[field],
      onValueChange: (value) => onChange({ [field]: value }),
      error: errors[name],
    };
  };
  const number = index + 1;
  const reasonRequired =
    row.kind !== 'corroboration' && isCommitmentStatus(row.status) && requiresReason(row.status);
  const legendId = `${fieldId(formId, `rows.${index}`)}-legend`;
  const [creating, setCreating] = useState(false);
  const corroborates = row.kind === 'corroboration';

  return (
    <fieldset
      aria-labelledby={legendId}
      className="rounded-lg border border-slate-200 bg-slate-50/60 p-4 sm:p-5"
      data-row={index}
    >
      <div className="mb-3 flex items-center justify-between gap-3">
        {/* A legend cannot sit in a flex row beside the button, so the fieldset is labelled by this instead. */}
        <h3 id={legendId} className="text-sm font-semibold text-slate-900">
          Commitment {number}
        </h3>
        {canRemove ? (
          <Button variant="quiet" size="sm" onClick={onRemove}>
            <Trash2 aria-hidden className="size-4" />
            Remove<span className="sr-only"> commitment {number}</span>
          </Button>
        ) : null}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <ComboboxField<CommitmentOption>
          {...bind('commitmentId')}
          className="md:col-span-2"
          picker={{
            selected: commitment ?? null,
            onSelect: onPickCommitment,
            load: loadCommitments,
            valueOf: (option) => String(option.id),
            labelOf: (option) => option.title,
            renderOption: (option) => <CommitmentOptionView option={option} />,
            placeholder: 'Type a word of the commitment, its agreement or a party, or #id…',
          }}
          extra={
            newCommitment && !creating ? (
              // Before the picker in the page, so Tab goes from the commitment straight on to its status.
              <Button variant="quiet" size="sm" className="-my-1.5" onClick={() => setCreating(true)}>
                <Plus aria-hidden className="size-4" />
                New commitment<span className="sr-only"> for commitment {number}</span>
              </Button>
            ) : undefined
          }
          hint={
            commitment ? (
              <>
                <span className="inline-flex flex-wrap items-center gap-1.5">
                  Now <StatusChip status={commitment.status} />
                  <span>· {commitment.agreement.title}</span>
                </span>
                <DraftNote note={row.note} />
              </>
            ) : undefined
          }
        />

        {newCommitment && creating ? (
          <NewCommitmentPanel
            options={newCommitment.options}
            action={newCommitment.action}
            defaultAgreementId={commitment ? String(commitment.agreement.id) : undefined}
            labelledBy={legendId}
            onCreated={(created) => {
              setCreating(false);
              onCommitmentCreated?.(created);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : null}

        {corroborates ? null : (
          <ChoiceField {...bind('status')}>
            <option value="">Choose what the item shows…</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </ChoiceField>
        )}

        <ChoiceField
          {...bind('partyId')}
          hint={
            commitment && commitment.responsibleParties.length > 1
              ? 'Pick a responsible party when the item speaks for one side only.'
              : undefined
          }
        >
          <option value="">The commitment as a whole</option>
          {(commitment?.responsibleParties ?? []).map((party) => (
            <option key={party.id} value={party.id}>
              {party.name}
            </option>
          ))}
        </ChoiceField>

        <ChoiceField
          {...bind('kind')}
          hint={
            corroborates
              ? commitment
                ? `Logged with the current status (now ${STATUS_LABELS[commitment.status]}), citing this item; the status does not change.`
                : 'Logged with the current status, citing this item; the status does not change.'
              : row.kind === 'context'
                ? 'Background from before the agreement: kept in the history, never counts for status.'
                : undefined
          }
        >
          {ROW_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ROW_KIND_LABELS[kind]}
            </option>
          ))}
        </ChoiceField>

        <ChoiceField {...bind('evidenceType')}>
          <option value="">
            The item&apos;s type{itemType ? ` (${EVIDENCE_TYPE_LABELS[itemType]})` : ''}
          </option>
          {EVIDENCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {EVIDENCE_TYPE_LABELS[type]}
            </option>
          ))}
        </ChoiceField>

        {commitment?.strength === 'proposal' ? (
          <AdoptionCheckbox
            id={fieldId(formId, rowFieldName(index, 'adoptsProposal'))}
            name={rowFieldName(index, 'adoptsProposal')}
            checked={row.adoptsProposal}
            error={errors[rowFieldName(index, 'adoptsProposal')]}
            onChange={(adoptsProposal) => onChange({ adoptsProposal })}
          />
        ) : null}

        <div className="grid gap-3 sm:grid-cols-[minmax(0,11rem)_minmax(0,1fr)] md:col-span-2">
          <ChoiceField
            {...bind('observedPrecision')}
            value={observedPrecision}
            onValueChange={(precision) => onChange({ observedPrecision: precision, precisionTouched: true })}
          >
            {DATE_PRECISIONS.map((precision) => (
              <option key={precision} value={precision}>
                {PRECISION_LABELS[precision]}
              </option>
            ))}
          </ChoiceField>
          <InputField
            {...bind('observedOn')}
            label={DATE_INPUT[observedPrecision].label}
            hint={observedHint}
            type={DATE_INPUT[observedPrecision].type}
            value={observedOn}
            onValueChange={(text) => onChange({ observedOn: text, observedTouched: true })}
            min={
              observedPrecision === 'year' ? 1900 : observedPrecision === 'month' ? '1900-01' : '1900-01-01'
            }
            max={
              observedPrecision === 'year'
                ? Number(today.slice(0, 4))
                : observedPrecision === 'month'
                  ? today.slice(0, 7)
                  : today
            }
            inputMode={observedPrecision === 'year' ? 'numeric' : undefined}
          />
        </div>

        {warning ? (
          <p
            id={`${bind('observedOn').id}-warning`}
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 md:col-span-2"
          >
            <span className="font-semibold">Check before saving: </span>
            {warning}
          </p>
        ) : null}

        <TextareaField
          {...bind('reason')}
          required={reasonRequired}
          optional={!reasonRequired}
          className="md:col-span-2"
          hint={
            reasonRequired
              ? `Required for ${STATUS_LABELS[row.status as 'stalled' | 'broken']}: say what the item shows, quoting it where you can.`
              : 'What the item shows, quoting it where you can.'
          }
          rows={2}
        />
      </div>
    </fieldset>
  );
}

/** "This records the proposal's adoption", offered when the commitment is a proposal. */
function AdoptionCheckbox({
  id,
  name,
  checked,
  error,
  onChange,
}: {
  id: string;
  name: string;
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="space-y-1 md:col-span-2">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input
          id={id}
          type="checkbox"
          name={name}
          value="yes"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="size-4 rounded border-slate-300 accent-indigo-600"
        />
        {ROW_FIELD_SPECS.adoptsProposal.label}
      </label>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
