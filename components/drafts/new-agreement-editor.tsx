'use client';

import { useActionState, useMemo, useState } from 'react';
import { AgreementForm } from '@/components/editors/agreement-form';
import type { EditAction } from '@/components/editors/editor-form';
import type { PickOption } from '@/components/editors/options';
import { TextAreaField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { AgreementFormValues } from '@/lib/validation/agreement';
import { agreementDraftView, type ArticleDraftResult } from './agreement-draft';

type DraftState =
  | ({ ok: true; message?: string } & ArticleDraftResult)
  | {
      ok: false;
      message?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, unknown>;
    }
  | null;

type DraftAction = (state: unknown, formData: FormData) => Promise<DraftState>;

/**
 * "New agreement" with a "Start from an article" panel above the form: a draft prefills the form (remounted for
 * each draft), with the sentence behind each proposal; nothing is saved until the form is.
 */
export function NewAgreementEditor({
  draftAction,
  createAction,
  blank,
  categoryOptions,
  countryOptions,
  sourceTitles,
  sourceNote,
}: {
  draftAction: DraftAction;
  createAction: EditAction<AgreementFormValues>;
  /** The form's values without a draft (a source suggestion included). */
  blank: AgreementFormValues;
  categoryOptions: PickOption[];
  countryOptions: { value: string; label: string }[];
  sourceTitles: Record<string, string>;
  sourceNote?: React.ReactNode;
}) {
  const [state, dispatch] = useActionState(draftAction, null);
  const [seen, setSeen] = useState(state);
  const [typed, setTyped] = useState({ article: '', url: '' });
  const [current, setCurrent] = useState<ArticleDraftResult | null>(null);
  // Uncontrolled inputs take new values only by remounting: the panel's after every attempt (React resets a form
  // after its action), the agreement form's after a new draft or "Clear draft" (a refused draft keeps its edits).
  const [generation, setGeneration] = useState(0);
  const [formKey, setFormKey] = useState(0);
  if (state !== seen) {
    setSeen(state);
    setGeneration((count) => count + 1);
    if (state?.ok) {
      setCurrent({ draft: state.draft, logged: state.logged });
      setFormKey((count) => count + 1);
    }
  }
  const view = useMemo(
    () => (current ? agreementDraftView(current.draft, blank, current.logged?.url ?? null) : null),
    [current, blank],
  );
  const failure = state && !state.ok ? state : null;

  function clear() {
    setCurrent(null);
    setTyped({ article: '', url: '' });
    setGeneration((count) => count + 1);
    setFormKey((count) => count + 1);
  }

  return (
    <>
      <Card aria-labelledby="article-draft-heading">
        <CardHeader
          id="article-draft-heading"
          title="Start from an article"
          description="Paste a report of the agreement, or give its address, and the form below is filled in for you to check. Nothing is saved until you create the agreement."
        />
        <CardBody>
          <form
            noValidate
            className="space-y-4"
            action={(formData) => {
              setTyped({
                article: String(formData.get('article') ?? ''),
                url: String(formData.get('url') ?? ''),
              });
              dispatch(formData);
            }}
          >
            <FormMessage state={failure && !failure.fieldErrors?.url ? failure : null} />
            <TextAreaField
              key={`article-${generation}`}
              label="Article text or HTML"
              name="article"
              rows={6}
              hint="The headline on the first line, then the story; or the page’s HTML."
              defaultValue={typed.article}
              error={failure?.fieldErrors?.article?.[0]}
            />
            <TextField
              key={`url-${generation}`}
              label="Article address (URL)"
              name="url"
              type="url"
              placeholder="https://…"
              hint="Fetched by the server when nothing is pasted above; an address already logged as evidence is recognised and becomes the agreement’s source."
              defaultValue={typed.url}
              error={failure?.fieldErrors?.url?.[0]}
            />
            <div className="flex flex-wrap items-center gap-2">
              <SubmitButton pendingLabel="Drafting…">Draft</SubmitButton>
              {current ? (
                <Button variant="secondary" onClick={clear}>
                  Clear draft
                </Button>
              ) : null}
            </div>
            {current ? <DraftSummary result={current} /> : null}
          </form>
        </CardBody>
      </Card>
      <Card>
        <CardBody>
          <AgreementForm
            key={`form-${formKey}`}
            action={createAction}
            mode="create"
            record={view?.record ?? blank}
            drafted={view ? { ...view, categoryOptions } : undefined}
            sourceTitles={
              current?.logged ? { ...sourceTitles, [current.logged.url]: current.logged.title } : sourceTitles
            }
            countryOptions={countryOptions}
            sourceNote={view ? null : sourceNote}
            cancelHref="/agreements"
          />
        </CardBody>
      </Card>
    </>
  );
}

/** What the draft found, and what the analyst should know before checking the form. */
function DraftSummary({ result }: { result: ArticleDraftResult }) {
  const { draft, logged } = result;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const fresh = draft.parties.filter((party) => party.id === null).length;
  return (
    <div
      role="status"
      className="space-y-1 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-sky-200"
    >
      <p>
        Drafted{draft.title ? ` from “${draft.title.value}”` : ''}
        {draft.outlet
          ? ` (${draft.outlet.value.name}${draft.outlet.isNew ? ', an outlet not registered yet' : ''})`
          : ''}
        : {count(draft.parties.length, 'party')}
        {fresh ? ` (${fresh} new)` : ''}, {count(draft.people.length, 'person').replace('persons', 'people')}{' '}
        and {count(draft.commitments.length, 'commitment')} proposed. Check each one below: edit or remove it,
        then create the agreement.
      </p>
      {logged ? (
        <p>
          This address is logged already as “{logged.title}” ({logged.outlet}): it is listed as the
          agreement’s source.
        </p>
      ) : draft.url ? (
        <p>
          The article is not logged as evidence yet, so it is not listed as a source: log it (“Log follow-up”)
          to cite it.
        </p>
      ) : null}
    </div>
  );
}
