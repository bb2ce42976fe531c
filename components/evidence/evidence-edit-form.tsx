'use client';

import { useActionState } from 'react';
import { EditorForm, useEditAttempts, type EditAction } from '@/components/editors/editor-form';
import { labelOf } from '@/components/editors/options';
import { SelectField, TextAreaField, TextField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { EvidenceType, Reliability } from '@/lib/generated/prisma/enums';
import { EVIDENCE_MERGE, type EvidenceFormValues } from '@/lib/validation/evidence-edit';
import { LIMITS } from '@/lib/validation/follow-up';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from './admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from './evidence-type-badge';

const reliabilityOptions = (Object.keys(RELIABILITY_LABELS) as Reliability[]).map((grade) => ({
  value: grade,
  label: `${grade} — ${RELIABILITY_LABELS[grade]}`,
}));
const credibilityOptions = Object.entries(CREDIBILITY_LABELS).map(([grade, label]) => ({
  value: grade,
  label: `${grade} — ${label}`,
}));
const typeOptions = (Object.keys(EVIDENCE_TYPE_LABELS) as EvidenceType[]).map((type) => ({
  value: type,
  label: EVIDENCE_TYPE_LABELS[type],
}));

/**
 * Edits a logged news item (its address excepted: that is its identity). The form carries the version it was
 * opened at and its base; after a lost race the server merges the saved values with the user's three ways
 * (decision 013), the form refills with the merge and carries the version now saved.
 */
export function EvidenceEditForm({
  action,
  record,
  url,
  outletOptions,
  cancelHref,
}: {
  /** The edit action, handed in by the page (components import nothing from app/). */
  action: EditAction<EvidenceFormValues>;
  record: EvidenceFormValues;
  /** The item's address, shown read-only. */
  url: string;
  /** Live outlets, plus the item's own even when archived. */
  outletOptions: { value: string; label: string }[];
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const edit = useEditAttempts(state, record, EVIDENCE_MERGE);
  const { fieldKey, text, error } = edit;

  /** Each merge field's value as text, for the conflict panel. */
  const describe = (shown: Record<string, unknown>): Record<string, string> => {
    const get = (name: string) => (Array.isArray(shown[name]) ? '' : String(shown[name] ?? ''));
    return {
      title: get('title'),
      originalTitle: get('originalTitle'),
      language: get('language'),
      publishedOn: get('publishedOn'),
      outletId: labelOf(get('outletId'), outletOptions),
      type: labelOf(get('type'), typeOptions),
      reliability: labelOf(get('reliability'), reliabilityOptions),
      credibility: labelOf(get('credibility'), credibilityOptions),
      excerpt: get('excerpt'),
    };
  };

  return (
    <EditorForm
      action={formAction}
      edit={edit}
      describe={describe}
      discardHref={`${cancelHref}/edit`}
      className="space-y-6"
      cancelHref={cancelHref}
      submit={<SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>}
    >
      <div>
        <p className="text-sm font-medium text-slate-700">Address</p>
        <p className="mt-1 font-mono text-xs break-all text-slate-600">{url}</p>
        <p className="mt-1 text-xs text-slate-500">
          Not editable: the address is what identifies the item. Log a follow-up with the right address
          instead.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          className="sm:col-span-2"
          label="Title"
          key={fieldKey('title')}
          name="title"
          required
          maxLength={LIMITS.title}
          hint="In English if you translate it."
          defaultValue={text('title')}
          error={error('title')}
        />
        <TextField
          className="sm:col-span-2"
          label="Original title"
          key={fieldKey('originalTitle')}
          name="originalTitle"
          maxLength={LIMITS.title}
          hint="Optional: the title in the item’s own language."
          defaultValue={text('originalTitle')}
          error={error('originalTitle')}
        />
        <TextField
          label="Language"
          key={fieldKey('language')}
          name="language"
          required
          maxLength={LIMITS.language}
          hint="A language tag such as en, ur or zh-Hant."
          defaultValue={text('language')}
          error={error('language')}
        />
        <TextField
          label="Published on"
          key={fieldKey('publishedOn')}
          name="publishedOn"
          type="date"
          hint="Leave empty when the item carries no date (never guessed)."
          defaultValue={text('publishedOn')}
          error={error('publishedOn')}
        />
        <SelectField
          label="Outlet"
          key={fieldKey('outletId')}
          name="outletId"
          required
          options={outletOptions}
          defaultValue={text('outletId')}
          error={error('outletId')}
        />
        <SelectField
          label="Type"
          key={fieldKey('type')}
          name="type"
          required
          options={typeOptions}
          defaultValue={text('type')}
          error={error('type')}
        />
        <SelectField
          label="Source reliability"
          key={fieldKey('reliability')}
          name="reliability"
          required
          options={reliabilityOptions}
          defaultValue={text('reliability')}
          error={error('reliability')}
        />
        <SelectField
          label="Information credibility"
          key={fieldKey('credibility')}
          name="credibility"
          required
          options={credibilityOptions}
          defaultValue={text('credibility')}
          error={error('credibility')}
        />
        <TextAreaField
          className="sm:col-span-2"
          label="Excerpt"
          key={fieldKey('excerpt')}
          name="excerpt"
          rows={6}
          hint="The passage that shows what the item says. Its fingerprint is retaken on saving; the earlier text stays in the edit history."
          defaultValue={text('excerpt')}
          error={error('excerpt')}
        />
      </div>
    </EditorForm>
  );
}
