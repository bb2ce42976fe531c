'use client';

// Dismiss an Inbox item, or restore a dismissed one: one button, answered in place (the list reloads).
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionResult } from '@/lib/auth/action-core';

export type InboxAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export function DismissForm({
  action,
  itemId,
  title,
  dismissed,
}: {
  /** dismissInboxItem, or restoreInboxItem for a dismissed item (app/(app)/inbox/actions.ts). */
  action: InboxAction;
  itemId: number;
  title: string;
  dismissed: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      <input type="hidden" name="id" value={itemId} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton variant="quiet" size="sm" pendingLabel={dismissed ? 'Restoring…' : 'Dismissing…'}>
        {dismissed ? 'Restore' : 'Dismiss'}
        <span className="sr-only"> “{title}”</span>
      </SubmitButton>
    </form>
  );
}
