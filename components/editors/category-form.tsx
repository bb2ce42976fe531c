'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  CATEGORY_MERGE,
  CATEGORY_NAME_MAX,
  CATEGORY_SLUG_MAX,
  type CategoryFormValues,
} from '@/lib/validation/category';
import { BASE_FIELD } from '@/lib/validation/editing';
import type { EditAction } from './agreement-form';
import { ConflictPanel } from './conflict-notice';
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
  const edit = useEditAttempts(state, record.version, CATEGORY_MERGE);
  const { formRef, version, view, fieldKey, attempt } = edit;
  const values = record as unknown as Record<string, unknown>;
  const text = (name: string) => textOf(view, values, name);

  const describe = (shown: Record<string, unknown>): Record<string, string> => ({
    name: String(shown.name ?? ''),
    slug: String(shown.slug ?? ''),
    position: String(shown.position ?? ''),
  });

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      {mode === 'edit' ? (
        <>
          <input type="hidden" name="id" value={record.id} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name={BASE_FIELD} value={edit.baseOf(values)} />
        </>
      ) : null}
      <ConflictPanel
        edit={edit}
        state={state}
        fields={CATEGORY_MERGE}
        describe={describe}
        discardHref={`/categories/${record.id}/edit`}
      />
      <FormAlert state={state} />
      <div key={mode === 'create' ? attempt : undefined} className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={CATEGORY_NAME_MAX}
          defaultValue={text('name')}
          error={errorOf(state, 'name')}
        />
        <TextField
          label="Slug"
          key={fieldKey('slug')}
          name="slug"
          maxLength={CATEGORY_SLUG_MAX}
          hint="The key CSV filters use. Empty: made from the name."
          defaultValue={text('slug')}
          error={errorOf(state, 'slug')}
        />
        <TextField
          label="Position"
          key={fieldKey('position')}
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
