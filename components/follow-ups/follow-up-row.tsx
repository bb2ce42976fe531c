'use client';

import { Trash2 } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import type { CommitmentOption } from '@/lib/data/evidence';
import { STATUSES, STATUS_LABELS, requiresReason, isCommitmentStatus } from '@/lib/domain/status';
import { DATE_PRECISIONS, type DatePrecision } from '@/lib/domain/dates';
import { LIMITS, PRECISION_LABELS, rowFieldName, type RowField } from '@/lib/validation/follow-up';
import { CharacterCount, FieldShell, controlClass, describe, fieldId } from './form-bits';

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
};

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

export type AgreementGroup = { id: number; title: string; commitments: CommitmentOption[] };

export function FollowUpRow({
  formId,
  index,
  row,
  groups,
  commitment,
  observedOn,
  observedPrecision,
  observedHint,
  today,
  errors,
  warning,
  canRemove,
  onChange,
  onRemove,
}: {
  formId: string;
  index: number;
  row: RowState;
  groups: AgreementGroup[];
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
  const name = (field: RowField) => rowFieldName(index, field);
  const id = (field: RowField) => fieldId(formId, name(field));
  const error = (field: RowField) => errors[name(field)];
  const number = index + 1;
  const reasonRequired = isCommitmentStatus(row.status) && requiresReason(row.status);
  const legendId = `${fieldId(formId, `rows.${index}`)}-legend`;

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
          <button
            type="button"
            onClick={onRemove}
            className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-200/60 hover:text-red-700"
          >
            <Trash2 aria-hidden className="size-4" />
            Remove<span className="sr-only"> commitment {number}</span>
          </button>
        ) : null}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <FieldShell
          id={id('commitmentId')}
          label="Commitment"
          required
          error={error('commitmentId')}
          className="md:col-span-2"
          hint={
            commitment ? (
              <span className="inline-flex flex-wrap items-center gap-1.5">
                Now <StatusChip status={commitment.status} />
                <span>· {commitment.agreement.title}</span>
              </span>
            ) : undefined
          }
        >
          <select
            {...describe(id('commitmentId'), {
              required: true,
              hint: Boolean(commitment),
              error: error('commitmentId'),
            })}
            name={name('commitmentId')}
            value={row.commitmentId}
            onChange={(event) => {
              const next = event.target.value;
              onChange({ commitmentId: next, partyId: '' });
            }}
            className={controlClass}
          >
            <option value="">Choose a commitment…</option>
            {groups.map((group) => (
              <optgroup key={group.id} label={group.title}>
                {group.commitments.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </FieldShell>

        <FieldShell id={id('status')} label="New status" required error={error('status')}>
          <select
            {...describe(id('status'), { required: true, error: error('status') })}
            name={name('status')}
            value={row.status}
            onChange={(event) => onChange({ status: event.target.value })}
            className={controlClass}
          >
            <option value="">Choose what the item shows…</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </FieldShell>

        <FieldShell
          id={id('partyId')}
          label="Assesses"
          error={error('partyId')}
          hint={
            commitment && commitment.responsibleParties.length > 1
              ? 'Pick a responsible party when the item speaks for one side only.'
              : undefined
          }
        >
          <select
            {...describe(id('partyId'), {
              hint: Boolean(commitment && commitment.responsibleParties.length > 1),
              error: error('partyId'),
            })}
            name={name('partyId')}
            value={row.partyId}
            onChange={(event) => onChange({ partyId: event.target.value })}
            className={controlClass}
          >
            <option value="">The commitment as a whole</option>
            {(commitment?.responsibleParties ?? []).map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        </FieldShell>

        <div className="grid gap-3 sm:grid-cols-[minmax(0,11rem)_minmax(0,1fr)] md:col-span-2">
          <FieldShell id={id('observedPrecision')} label="Fact date known" error={error('observedPrecision')}>
            <select
              {...describe(id('observedPrecision'), { error: error('observedPrecision') })}
              name={name('observedPrecision')}
              value={observedPrecision}
              onChange={(event) =>
                onChange({ observedPrecision: event.target.value, precisionTouched: true })
              }
              className={controlClass}
            >
              {DATE_PRECISIONS.map((precision) => (
                <option key={precision} value={precision}>
                  {PRECISION_LABELS[precision]}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell
            id={id('observedOn')}
            label={DATE_INPUT[observedPrecision].label}
            required
            error={error('observedOn')}
            hint={observedHint}
          >
            <input
              {...describe(id('observedOn'), { required: true, hint: true, error: error('observedOn') })}
              type={DATE_INPUT[observedPrecision].type}
              name={name('observedOn')}
              value={observedOn}
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
              onChange={(event) => onChange({ observedOn: event.target.value, observedTouched: true })}
              className={controlClass}
            />
          </FieldShell>
        </div>

        {warning ? (
          <p
            id={`${id('observedOn')}-warning`}
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 md:col-span-2"
          >
            <span className="font-semibold">Check before saving: </span>
            {warning}
          </p>
        ) : null}

        <FieldShell
          id={id('reason')}
          label="Reason"
          required={reasonRequired}
          optional={!reasonRequired}
          error={error('reason')}
          className="md:col-span-2"
          hint={
            reasonRequired
              ? `Required for ${STATUS_LABELS[row.status as 'stalled' | 'broken']}: say what the item shows, quoting it where you can.`
              : 'What the item shows, quoting it where you can.'
          }
          extra={
            row.reason.length > LIMITS.reason * 0.8 ? (
              <CharacterCount length={row.reason.length} max={LIMITS.reason} />
            ) : null
          }
        >
          <textarea
            {...describe(id('reason'), { required: reasonRequired, hint: true, error: error('reason') })}
            name={name('reason')}
            rows={2}
            value={row.reason}
            onChange={(event) => onChange({ reason: event.target.value })}
            className={controlClass}
          />
        </FieldShell>
      </div>
    </fieldset>
  );
}
