'use client';

// Upload, check, import. The chosen file stays in the input between the two steps (the form is submitted by
// hand, not as a form action, so React does not reset it), and "Import" sends it again together with the digest
// of the checked file: the server checks everything again before writing, and refuses a file other than the one
// that was checked.
import { startTransition, useActionState, useState } from 'react';
import clsx from 'clsx';
import { Field, controlClass } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { fieldError, type FormState } from '@/components/forms/form-state';
import { Button } from '@/components/ui/button';
import type { ImportActionResult } from '@/lib/csv/import-plan';
import type { ActionResult } from '@/lib/auth/action-core';
import { formatBytes, tooLargeMessage } from '@/lib/csv/import-limits';
import { ImportPreviewView } from './import-preview';

type ImportAction = (state: unknown, formData: FormData) => Promise<ActionResult<ImportActionResult>>;

export function ImportForm({ action, maxBytes }: { action: ImportAction; maxBytes: number }) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [file, setFile] = useState<File | null>(null);
  const [checkedFile, setCheckedFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [intent, setIntent] = useState<'preview' | 'import'>('preview');

  const result = state?.ok ? state : null;
  // A result describes the file it was made from; choosing another file hides it.
  const current = result && checkedFile === file ? result : null;
  const formState = (state ?? null) as FormState;
  const error = localError ?? fieldError(formState, 'file');

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const chosen = submitter?.value === 'import' ? 'import' : 'preview';
    if (!file) return setLocalError('Choose a CSV file in the updates.csv format.');
    if (file.size > maxBytes) {
      return setLocalError(tooLargeMessage(file.size, maxBytes));
    }
    setLocalError(null);
    setIntent(chosen);
    setCheckedFile(file);
    const formData = new FormData(event.currentTarget);
    formData.set('intent', chosen);
    formData.set('digest', chosen === 'import' && current ? current.digest : '');
    startTransition(() => dispatch(formData));
  }

  const canImport =
    current &&
    current.outcome !== 'imported' &&
    current.preview.problemCount === 0 &&
    current.preview.toImport > 0;

  return (
    <form onSubmit={submit} className="space-y-5" noValidate encType="multipart/form-data">
      <Field
        className="max-w-xl"
        label="CSV file"
        name="file"
        required
        error={error}
        hint={`The updates.csv format, UTF-8, at most ${formatBytes(maxBytes)}.`}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".csv,text/csv"
            className={clsx(
              controlClass,
              'file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1',
            )}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setLocalError(null);
            }}
          />
        )}
      </Field>

      {!localError && state && !state.ok ? <FormMessage state={formState} /> : null}
      {current?.message ? (
        <p
          role={current.outcome === 'imported' ? 'status' : 'alert'}
          className={clsx(
            'rounded-md px-3 py-2 text-sm ring-1',
            current.outcome === 'imported'
              ? 'bg-emerald-50 text-emerald-800 ring-emerald-200'
              : 'bg-red-50 text-red-800 ring-red-200',
          )}
        >
          {current.message}
        </p>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <Button
          type="submit"
          value="preview"
          disabled={pending}
          variant={canImport ? 'secondary' : 'primary'}
        >
          {pending && intent === 'preview' ? 'Checking…' : current ? 'Check again' : 'Check file'}
        </Button>
        {canImport ? (
          <Button type="submit" value="import" disabled={pending}>
            {pending && intent === 'import'
              ? 'Importing…'
              : `Import ${current.preview.toImport} ${current.preview.toImport === 1 ? 'row' : 'rows'}`}
          </Button>
        ) : null}
      </div>

      {current && current.outcome !== 'imported' ? <ImportPreviewView preview={current.preview} /> : null}
    </form>
  );
}
