'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionResult } from '@/lib/auth/action-core';

type ArchiveAction = (state: unknown, formData: FormData) => Promise<ActionResult>;

/**
 * Archive (or unarchive) one record: a single button carrying the record's id and the version the page shows,
 * so archiving something that changed meanwhile is refused like any stale edit.
 */
export function ArchiveForm({
  archive,
  unarchive,
  id,
  version,
  archived,
  what,
  explanation,
}: {
  archive: ArchiveAction;
  unarchive: ArchiveAction;
  id: number;
  version: number;
  archived: boolean;
  /** What the button names for screen readers, e.g. "agreement “Turkey–Azerbaijan…”". */
  what: string;
  explanation?: React.ReactNode;
}) {
  // One state for both, so the message of the last click stays after the page flips the button.
  const [state, formAction] = useActionState(
    (previous: ActionResult | null, formData: FormData) =>
      formData.get('op') === 'unarchive' ? unarchive(previous, formData) : archive(previous, formData),
    null,
  );
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="op" value={archived ? 'unarchive' : 'archive'} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {explanation ? <div className="text-sm text-slate-600">{explanation}</div> : null}
      <SubmitButton variant="secondary" pendingLabel={archived ? 'Unarchiving…' : 'Archiving…'}>
        <span>
          {archived ? 'Unarchive' : 'Archive'}
          <span className="sr-only"> {what}</span>
        </span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
