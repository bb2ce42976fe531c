'use client';

import { useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import type { CommitmentOption } from '@/lib/data/evidence';
import { STATUSES, STATUS_LABELS, requiresReason, isCommitmentStatus } from '@/lib/domain/status';
import { DATE_PRECISIONS, type DatePrecision } from '@/lib/domain/dates';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import {
  EVIDENCE_TYPES,
  LIMITS,
  PRECISION_LABELS,
  ROW_KINDS,
  ROW_KIND_LABELS,
  rowFieldName,
  type RowField,
} from '@/lib/validation/follow-up';
import { CharacterCount, FieldShell, controlClass, describe, fieldId } from './form-bits';
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
  itemType,
  newCommitment,
  onCommitmentCreated,
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
          extra={
            newCommitment && !creating ? (
              // Before the select in the page, so Tab goes from the commitment straight on to its status.
              <button
                type="button"
                onClick={() => setCreating(true)}
                className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-900"
              >
                <Plus aria-hidden className="size-4" />
                New commitment<span className="sr-only"> for commitment {number}</span>
              </button>
            ) : undefined
          }
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
        )}

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

        <FieldShell
          id={id('kind')}
          label="What this row does"
          error={error('kind')}
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
          <select
            {...describe(id('kind'), { hint: row.kind !== 'assessment', error: error('kind') })}
            name={name('kind')}
            value={row.kind}
            onChange={(event) => onChange({ kind: event.target.value })}
            className={controlClass}
          >
            {ROW_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ROW_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </FieldShell>

        <FieldShell id={id('evidenceType')} label="How this item bears on it" error={error('evidenceType')}>
          <select
            {...describe(id('evidenceType'), { error: error('evidenceType') })}
            name={name('evidenceType')}
            value={row.evidenceType}
            onChange={(event) => onChange({ evidenceType: event.target.value })}
            className={controlClass}
          >
            <option value="">
              The item&apos;s type{itemType ? ` (${EVIDENCE_TYPE_LABELS[itemType]})` : ''}
            </option>
            {EVIDENCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {EVIDENCE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </FieldShell>

        {commitment?.strength === 'proposal' ? (
          <div className="space-y-1 md:col-span-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                {...describe(id('adoptsProposal'), { error: error('adoptsProposal') })}
                type="checkbox"
                name={name('adoptsProposal')}
                value="yes"
                checked={row.adoptsProposal}
                onChange={(event) => onChange({ adoptsProposal: event.target.checked })}
                className="size-4 rounded border-slate-300 accent-indigo-600"
              />
              This records the proposal&apos;s adoption
            </label>
            {error('adoptsProposal') ? (
              <p id={`${id('adoptsProposal')}-error`} className="text-xs font-medium text-red-700">
                {error('adoptsProposal')}
              </p>
            ) : null}
          </div>
        ) : null}

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
          limit={LIMITS.reason}
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
            {...describe(id('reason'), {
              required: reasonRequired,
              hint: true,
              limit: true,
              error: error('reason'),
            })}
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
