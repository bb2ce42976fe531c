'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import {
  CATEGORY_MERGE,
  CATEGORY_NAME_MAX,
  CATEGORY_SLUG_MAX,
  type CategoryFormValues,
} from '@/lib/validation/category';
import { EditorForm, useEditAttempts, type EditAction } from './editor-form';

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
  const edit = useEditAttempts(state, record, CATEGORY_MERGE);
  const { fieldKey, attempt, text, error } = edit;

  const describe = (shown: Record<string, unknown>): Record<string, string> => ({
    name: String(shown.name ?? ''),
    slug: String(shown.slug ?? ''),
    position: String(shown.position ?? ''),
  });

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      creating={mode === 'create'}
      describe={describe}
      discardHref={`/categories/${record.id}/edit`}
      className="space-y-4"
      compact
      cancelHref={cancelHref}
      submit={
        <SubmitButton pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add category' : 'Save changes'}
        </SubmitButton>
      }
    >
      <div key={mode === 'create' ? attempt : undefined} className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Name"
          key={fieldKey('name')}
          name="name"
          required
          maxLength={CATEGORY_NAME_MAX}
          defaultValue={text('name')}
          error={error('name')}
        />
        <TextField
          label="Slug"
          key={fieldKey('slug')}
          name="slug"
          maxLength={CATEGORY_SLUG_MAX}
          hint="The key CSV filters use. Empty: made from the name."
          defaultValue={text('slug')}
          error={error('slug')}
        />
        <TextField
          label="Position"
          key={fieldKey('position')}
          name="position"
          type="number"
          hint={mode === 'create' ? 'Order in pickers. Empty: last.' : 'Order in pickers (ascending).'}
          defaultValue={text('position')}
          error={error('position')}
        />
      </div>
    </EditorForm>
  );
}
