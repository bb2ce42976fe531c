'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { OutletAction } from './outlet-form';

/** Archive (or restore) an outlet: archived outlets leave the pick lists, while their evidence keeps them. */
export function ArchiveOutletForm({
  action,
  outlet,
}: {
  /** archiveOutlet, or unarchiveOutlet for an archived outlet (app/(app)/outlets/actions.ts). */
  action: OutletAction;
  outlet: { id: number; name: string; version: number; archived: boolean };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="id" value={outlet.id} />
      <input type="hidden" name="version" value={outlet.version} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={outlet.archived ? 'Restoring…' : 'Archiving…'}>
        {outlet.archived ? 'Restore outlet' : 'Archive outlet'}
      </SubmitButton>
    </form>
  );
}
