'use client';

import { useActionState, useState } from 'react';
import { EditorForm } from '@/components/editors/editor-form';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { SelectField, TextAreaField, controlClass } from '@/components/forms/field';
import { fieldError, submittedValue, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { convertFactText } from '@/components/follow-ups/follow-up-row';
import { DATE_PRECISIONS, type DatePrecision } from '@/lib/domain/dates';
import { STATUSES, STATUS_LABELS, type UpdateKind } from '@/lib/domain/status';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import { WHY_MAX } from '@/lib/validation/correction';
import { LIMITS, PRECISION_LABELS, ROW_KIND_LABELS, ROW_KINDS } from '@/lib/validation/follow-up';

/** A form's server action, handed in by the page (components import nothing from app/). */
export type CorrectionAction = (state: unknown, formData: FormData) => Promise<FormState>;

/** The row being corrected, as form text. */
export type CorrectionRecord = {
  updateId: string;
  commitmentId: string;
  kind: UpdateKind;
  status: string;
  partyId: string;
  evidenceType: string;
  adoptsProposal: boolean;
  /** The fact date as typed at its precision: YYYY-MM-DD, YYYY-MM or YYYY. */
  observedOn: string;
  observedPrecision: DatePrecision;
  reason: string;
};

const DATE_INPUT: Record<DatePrecision, { type: string; label: string; hint: string }> = {
  day: { type: 'date', label: 'Fact held on', hint: 'The day, as YYYY-MM-DD.' },
  month: { type: 'month', label: 'Fact held in (month)', hint: 'The month, as YYYY-MM.' },
  year: { type: 'number', label: 'Fact held in (year)', hint: 'The year, as YYYY.' },
  unknown: {
    type: 'date',
    label: 'Fact held no later than',
    hint: 'The item gives no date: the day it held by at the latest.',
  },
};

const kindOptions = ROW_KINDS.map((kind) => ({ value: kind, label: ROW_KIND_LABELS[kind] }));
const statusOptions = STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }));
const precisionOptions = DATE_PRECISIONS.map((precision) => ({
  value: precision,
  label: PRECISION_LABELS[precision],
}));
const evidenceTypeOptions = (Object.keys(EVIDENCE_TYPE_LABELS) as EvidenceType[]).map((type) => ({
  value: type,
  label: EVIDENCE_TYPE_LABELS[type],
}));

/**
 * Corrects one follow-up row: the form starts from the row as logged, and saving writes a new row that replaces
 * it (the old one stays in the history, marked as corrected, with the "why" given here). After a refusal every
 * field keeps what was typed.
 */
export function CorrectionForm({
  action,
  record,
  parties,
  citesEvidence,
  proposal,
  cancelHref,
  today,
}: {
  action: CorrectionAction;
  record: CorrectionRecord;
  /** The commitment's responsible parties. */
  parties: { id: number; name: string }[];
  /** Whether the row cites an evidence item (then it may say how the item bears on the commitment). */
  citesEvidence: boolean;
  /** Whether the commitment is a proposal (then the row may record its adoption). */
  proposal: boolean;
  cancelHref: string;
  /** Today as YYYY-MM-DD: the latest fact date. */
  today: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: keyof CorrectionRecord | 'why') =>
    submittedValue(state, name, name === 'why' ? '' : String(record[name]));
  const error = (name: string) => fieldError(state, name);

  // Kind and precision change what the form shows, so they are state; a refusal refills them with what was sent.
  const [seen, setSeen] = useState(state);
  const [attempt, setAttempt] = useState(0);
  const [kind, setKind] = useState<string>(record.kind);
  const [precision, setPrecision] = useState<DatePrecision>(record.observedPrecision);
  const [observedOn, setObservedOn] = useState(record.observedOn);
  if (state !== seen) {
    setSeen(state);
    setAttempt((count) => count + 1);
    if (state && !state.ok && state.values) {
      setKind(submittedValue(state, 'kind', record.kind));
      const sent = submittedValue(state, 'observedPrecision', record.observedPrecision);
      if ((DATE_PRECISIONS as readonly string[]).includes(sent)) setPrecision(sent as DatePrecision);
      setObservedOn(submittedValue(state, 'observedOn', record.observedOn));
    }
  }
  const input = DATE_INPUT[precision];

  return (
    <EditorForm
      action={formAction}
      state={state}
      hidden={{ updateId: record.updateId, commitmentId: record.commitmentId }}
      className="space-y-5"
      cancelHref={cancelHref}
      submit={<SubmitButton pendingLabel="Saving correction…">Save correction</SubmitButton>}
    >
      <div key={attempt} className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="correction-kind" className="block text-sm font-medium text-slate-700">
            What this row does
          </label>
          <select
            id="correction-kind"
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value)}
            aria-invalid={error('kind') ? true : undefined}
            aria-describedby={error('kind') ? 'correction-kind-error' : undefined}
            className={controlClass}
          >
            {kindOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p id="correction-kind-error" className="text-xs font-medium text-red-700" aria-live="polite">
            {error('kind')}
          </p>
        </div>
        {kind === 'corroboration' ? (
          <p className="self-center text-sm text-slate-600">
            A corroboration repeats the status as it stands without the corrected row.
          </p>
        ) : (
          <SelectField
            label="Status"
            name="status"
            required
            options={statusOptions}
            placeholder="Choose what the item shows…"
            defaultValue={value('status')}
            error={error('status')}
          />
        )}
        <SelectField
          label="Assesses"
          name="partyId"
          options={parties.map((party) => ({ value: String(party.id), label: party.name }))}
          placeholder="The commitment as a whole"
          defaultValue={value('partyId')}
          error={error('partyId')}
        />
        {citesEvidence ? (
          <SelectField
            label="How the item bears on it"
            name="evidenceType"
            options={evidenceTypeOptions}
            placeholder="As the item’s own type"
            defaultValue={value('evidenceType')}
            error={error('evidenceType')}
          />
        ) : null}
        <div className="space-y-1">
          <label htmlFor="correction-precision" className="block text-sm font-medium text-slate-700">
            Fact date known
          </label>
          <select
            id="correction-precision"
            name="observedPrecision"
            value={precision}
            onChange={(event) => {
              const next = event.target.value as DatePrecision;
              setObservedOn((text) => convertFactText(text, next));
              setPrecision(next);
            }}
            aria-invalid={error('observedPrecision') ? true : undefined}
            className={controlClass}
          >
            {precisionOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p className="text-xs font-medium text-red-700" aria-live="polite">
            {error('observedPrecision')}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor="correction-observed-on" className="block text-sm font-medium text-slate-700">
            {input.label}
            <span className="ml-0.5 text-red-600" aria-hidden="true">
              *
            </span>
          </label>
          <input
            id="correction-observed-on"
            name="observedOn"
            type={input.type}
            required
            value={observedOn}
            onChange={(event) => setObservedOn(event.target.value)}
            min={precision === 'year' ? 1900 : precision === 'month' ? '1900-01' : '1900-01-01'}
            max={
              precision === 'year'
                ? Number(today.slice(0, 4))
                : precision === 'month'
                  ? today.slice(0, 7)
                  : today
            }
            inputMode={precision === 'year' ? 'numeric' : undefined}
            aria-invalid={error('observedOn') ? true : undefined}
            aria-describedby={`correction-observed-on-hint${error('observedOn') ? ' correction-observed-on-error' : ''}`}
            className={controlClass}
          />
          <p id="correction-observed-on-hint" className="text-xs text-slate-500">
            {input.hint}
          </p>
          <p
            id="correction-observed-on-error"
            className="text-xs font-medium text-red-700"
            aria-live="polite"
          >
            {error('observedOn')}
          </p>
        </div>
        {proposal && kind === 'assessment' ? (
          <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2">
            <input
              type="checkbox"
              name="adoptsProposal"
              value="yes"
              defaultChecked={
                state && !state.ok && state.values
                  ? state.values.adoptsProposal === 'yes'
                  : record.adoptsProposal
              }
              className="mt-0.5 size-4 rounded border-slate-300"
            />
            <span>
              Records that the proposal was adopted
              <span className="block text-xs font-medium text-red-700" aria-live="polite">
                {error('adoptsProposal')}
              </span>
            </span>
          </label>
        ) : null}
        <TextAreaField
          className="sm:col-span-2"
          label="Reason"
          name="reason"
          rows={3}
          defaultValue={value('reason')}
          error={error('reason')}
          hint={`Required for Stalled and Broken. At most ${LIMITS.reason.toLocaleString('en')} characters.`}
        />
        <TextAreaField
          className="sm:col-span-2"
          label="Why this correction"
          name="why"
          required
          rows={3}
          defaultValue={value('why')}
          error={error('why')}
          hint={`Shown beside the corrected row in the history, with your name and the time. At most ${WHY_MAX.toLocaleString('en')} characters.`}
        />
      </div>
    </EditorForm>
  );
}

/** Retracts one follow-up row: it stays in the history, marked as retracted with the reason given here. */
export function RetractionForm({
  action,
  updateId,
  cancelHref,
}: {
  action: CorrectionAction;
  updateId: string;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <EditorForm
      action={formAction}
      state={state}
      hidden={{ updateId }}
      className="space-y-5"
      cancelHref={cancelHref}
      submit={
        <SubmitButton variant="danger" pendingLabel="Retracting…">
          Retract follow-up
        </SubmitButton>
      }
    >
      <TextAreaField
        key={JSON.stringify(state && !state.ok ? state.values : null)}
        label="Why retract it"
        name="why"
        required
        rows={3}
        defaultValue={submittedValue(state, 'why')}
        error={fieldError(state, 'why')}
        hint="Shown beside the row in the history, with your name and the time. The row stops counting for status."
      />
    </EditorForm>
  );
}
