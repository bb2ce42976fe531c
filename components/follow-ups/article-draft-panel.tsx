'use client';

// "Start from an article" above the log-follow-up form: the draft it asks for fills the form, which the analyst
// then checks and submits as usual. A form of its own (forms cannot nest), answered without a page reload.
import { useId, useState, useTransition } from 'react';
import type { FollowUpDraftResult } from '@/components/drafts/follow-up-draft';
import { TextAreaField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import type { ServerAction } from '@/lib/auth/action-core';

/** The draftFollowUp server action (app/(app)/drafts/actions.ts). */
export type DraftFollowUpAction = ServerAction<FollowUpDraftResult>;

type Failure = { article?: string; url?: string };

export function ArticleDraftPanel({
  action,
  heading: Heading,
  onDrafted,
}: {
  action: DraftFollowUpAction;
  heading: 'h2' | 'h3';
  onDrafted: (result: FollowUpDraftResult) => void;
}) {
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [drafted, setDrafted] = useState<FollowUpDraftResult | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(formData);
      if (result.ok && !result.commitments.length) {
        setDrafted(null);
        setFailure({
          [String(formData.get('article') ?? '').trim() ? 'article' : 'url']:
            'Nothing in this article matched a commitment on file: check the text, or fill in the form by hand.',
        });
        return;
      }
      if (result.ok) {
        setFailure(null);
        setDrafted(result);
        onDrafted(result);
        return;
      }
      const article = result.fieldErrors.article?.[0];
      const url = result.fieldErrors.url?.[0];
      setDrafted(null);
      // A message no field shows sits by the paste field.
      setFailure({ article: article ?? (url ? undefined : result.message), url });
    });
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg bg-sky-50/50 p-4 ring-1 ring-sky-100"
    >
      <div>
        <Heading id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          Start from an article
        </Heading>
        <p className="mt-1 text-sm text-slate-600">
          Paste the article, or give its address, and the form below is filled in for you to check. Nothing is
          logged until you submit the form.
        </p>
      </div>
      <form noValidate onSubmit={onSubmit} aria-busy={pending} className="space-y-4">
        <TextAreaField
          label="Article text or HTML"
          name="article"
          rows={5}
          hint="The headline on the first line, then the story; or the page’s HTML."
          error={failure?.article}
        />
        <TextField
          label="Article address"
          name="url"
          type="url"
          placeholder="https://…"
          hint="Fetched by the server when nothing is pasted above; an address already logged is recognised and cited."
          error={failure?.url}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? 'Drafting…' : 'Draft'}
          </Button>
          {drafted ? (
            <p role="status" className="text-sm text-sky-900">
              {draftSummary(drafted)}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function draftSummary({ draft, logged, commitments }: FollowUpDraftResult): string {
  const count = commitments.length;
  const found = `${count} commitment${count === 1 ? '' : 's'} proposed`;
  const source = logged
    ? ` This address is logged already as “${logged.title}” (${logged.outlet}): it is cited.`
    : '';
  return `Drafted${draft.title ? ` from “${draft.title.value}”` : ''}: ${found}. Check each one below, edit or remove it, then log the follow-up.${source}`;
}
