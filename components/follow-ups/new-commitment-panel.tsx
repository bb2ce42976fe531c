'use client';
// "New commitment" inside a row of the log-follow-up form (the article announced it). Not a <form>: it sits
// inside the follow-up form, and forms cannot nest. Its controls have no `name`, so the follow-up form never sends
// them; "Add commitment" sends them itself to the action it is given (app/(app)/follow-ups/new/actions.ts), and
// on success the row selects the new commitment. Nothing typed elsewhere in the form is touched.
import { useId, useState, useTransition } from 'react';
import { Loader2 } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { CommitmentOption } from '@/lib/data/evidence';
import { COMMITMENT_TITLE_MAX } from '@/lib/validation/commitment';
import { FieldShell, controlClass, describe, fieldId } from './form-bits';

export type NewCommitmentOptions = {
  agreements: { id: number; title: string }[];
  categories: { id: number; name: string }[];
  parties: { id: number; name: string }[];
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
  const [agreementId, setAgreementId] = useState(defaultAgreementId ?? '');
  const [title, setTitle] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [parties, setParties] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function create() {
    if (pending) return;
    const formData = new FormData();
    formData.set('agreementId', agreementId);
    formData.set('title', title);
    formData.set('categoryId', categoryId);
    for (const party of parties) formData.append('responsiblePartyId', party);
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

  const partyError = errors.responsiblePartyId;
  return (
    <div
      role="group"
      aria-label="New commitment"
      aria-describedby={labelledBy}
      className="space-y-4 rounded-lg border border-dashed border-indigo-300 bg-white p-4 md:col-span-2"
      onKeyDown={(event) => {
        // Enter in a text field would submit the follow-up form around this panel.
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
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
        <FieldShell id={id('agreementId')} label="Agreement" required error={errors.agreementId}>
          <select
            {...describe(id('agreementId'), { required: true, error: errors.agreementId })}
            value={agreementId}
            onChange={(event) => setAgreementId(event.target.value)}
            className={controlClass}
          >
            <option value="">Choose the agreement…</option>
            {options.agreements.map((agreement) => (
              <option key={agreement.id} value={agreement.id}>
                {agreement.title}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id={id('categoryId')} label="Category" required error={errors.categoryId}>
          <select
            {...describe(id('categoryId'), { required: true, error: errors.categoryId })}
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
            className={controlClass}
          >
            <option value="">Choose a category…</option>
            {options.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell
          id={id('title')}
          label="What was committed to"
          required
          limit={COMMITMENT_TITLE_MAX}
          error={errors.title}
          className="md:col-span-2"
        >
          <input
            {...describe(id('title'), { required: true, limit: true, error: errors.title })}
            type="text"
            autoComplete="off"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            className={controlClass}
          />
        </FieldShell>
        <FieldShell
          id={id('responsiblePartyId')}
          label="Responsible parties"
          required
          error={partyError}
          className="md:col-span-2"
        >
          <select
            {...describe(id('responsiblePartyId'), { required: true, error: partyError })}
            multiple
            size={Math.min(6, Math.max(3, options.parties.length))}
            value={parties}
            onChange={(event) => setParties([...event.target.selectedOptions].map((option) => option.value))}
            className={controlClass}
          >
            {options.parties.map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        </FieldShell>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={create}
          disabled={pending}
          className="inline-flex items-center gap-2 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-wait disabled:opacity-60"
        >
          {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
          {pending ? 'Adding…' : 'Add commitment'}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
