'use client';

import { useActionState } from 'react';
import { TextAreaField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, submittedValue, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { REJECTION_REASON_MAX } from '@/lib/validation/review';

/** A review action, handed in by the page (components import nothing from app/). */
export type ReviewAction = (state: unknown, formData: FormData) => Promise<FormState>;

/**
 * Accept or reject one proposal. The proposer sees no buttons (the server refuses them anyway); a reviewer
 * accepts, or rejects with a reason.
 */
export function ReviewForms({
  proposalId,
  accept,
  reject,
}: {
  proposalId: number;
  accept: ReviewAction;
  reject: ReviewAction;
}) {
  const [accepted, acceptAction] = useActionState(accept, null);
  const [rejected, rejectAction] = useActionState(reject, null);
  const id = String(proposalId);
  return (
    <div className="space-y-3">
      <FormMessage state={accepted} />
      <FormMessage state={rejected} />
      {accepted?.ok || rejected?.ok ? null : (
        <div className="flex flex-wrap items-start gap-4">
          <form action={acceptAction}>
            <input type="hidden" name="proposalId" value={id} />
            <SubmitButton pendingLabel="Accepting…">Accept</SubmitButton>
          </form>
          <form action={rejectAction} className="min-w-64 flex-1 space-y-2" noValidate>
            <input type="hidden" name="proposalId" value={id} />
            <TextAreaField
              key={JSON.stringify(rejected && !rejected.ok ? rejected.values : null)}
              label="Why reject it"
              name="reason"
              required
              rows={2}
              defaultValue={submittedValue(rejected, 'reason')}
              error={fieldError(rejected, 'reason')}
              hint={`Required, at most ${REJECTION_REASON_MAX.toLocaleString('en')} characters. The analyst who proposed it reads it beside the proposal.`}
            />
            <SubmitButton variant="danger" pendingLabel="Rejecting…">
              Reject
            </SubmitButton>
          </form>
        </div>
      )}
    </div>
  );
}
