'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { CATEGORY_NAME_MAX, CATEGORY_SLUG_MAX, type CategoryFormValues } from '@/lib/validation/category';
import type { EditAction } from './agreement-form';
import { ConflictNotice, type ConflictRow } from './conflict-notice';
import { errorOf, textOf, useEditAttempts } from './edit-state';
import { FormAlert } from './form-alert';

/** A new category (mode "create": the form empties after each one) or an existing one (mode "edit"). */
export function CategoryForm({
  action,
  mode,
  record,
  cancelHref,
}: {
  action: EditAction<CategoryFormValues>;
  mode: 'create' | 'edit';
  record: CategoryFormValues;
  cancelHref?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const { formRef, attempt, theirs, version } = useEditAttempts(state, record.version);
  const values = record as unknown as Record<string, unknown>;
  const text = (name: string) => textOf(state, values, name);

  const conflictRows = (current: CategoryFormValues): ConflictRow[] => [
    { label: 'Name', theirs: current.name, yours: text('name') },
    { label: 'Slug', theirs: current.slug, yours: text('slug') },
    { label: 'Position', theirs: current.position, yours: text('position') },
  ];

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      {mode === 'edit' ? (
        <>
          <input type="hidden" name="id" value={record.id} />
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}
      {theirs ? (
        <ConflictNotice rows={conflictRows(theirs)} discardHref={`/categories/${record.id}/edit`} />
      ) : null}
      <FormAlert state={state} />
      <div key={attempt} className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={CATEGORY_NAME_MAX}
          defaultValue={text('name')}
          error={errorOf(state, 'name')}
        />
        <TextField
          label="Slug"
          name="slug"
          maxLength={CATEGORY_SLUG_MAX}
          hint="The key CSV filters use. Empty: made from the name."
          defaultValue={text('slug')}
          error={errorOf(state, 'slug')}
        />
        <TextField
          label="Position"
          name="position"
          type="number"
          hint={mode === 'create' ? 'Order in pickers. Empty: last.' : 'Order in pickers (ascending).'}
          defaultValue={text('position')}
          error={errorOf(state, 'position')}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add category' : 'Save changes'}
        </SubmitButton>
        {cancelHref ? (
          <Link href={cancelHref} className="link-quiet text-sm font-medium text-slate-700">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
