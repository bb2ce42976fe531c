import type { Metadata } from 'next';
import Link from 'next/link';
import { ListChecks } from 'lucide-react';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { LogFollowUpForm } from '@/components/follow-ups/log-follow-up-form';
import { draftFollowUp } from '../../drafts/actions';
import { logFollowUp } from '../actions';
import { createCommitmentFromFollowUp } from './actions';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { safeNextPath } from '@/lib/auth/next-path';
import { requirePermission } from '@/lib/auth/session';
import { listCategoryOptions } from '@/lib/data/categories';
import { getCommitmentOption } from '@/lib/data/evidence';
import { draftFromInboxItem } from '@/lib/feeds/inbox-draft';
import { hasCommitmentOptions, hasOutletOptions } from '@/lib/search/options';
import { RELIABILITIES } from '@/lib/validation/follow-up';
import { parseIdParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Log follow-up' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `/follow-ups/new?commitment=12` presets the first row; `&from=/somewhere` comes back there afterwards. */
export default async function NewFollowUpPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePermission('write');
  const params = await searchParams;
  const presetId = parseIdParam(first(params.commitment) ?? '') ?? undefined;
  // `?inboxItem=12`: "Log follow-up" from the Inbox, the form filled from the item.
  const inboxItemId = parseIdParam(first(params.inboxItem) ?? '');
  const from = first(params.from);
  const returnTo = from ? safeNextPath(from) : undefined;
  // The pickers search commitments and outlets (and "New commitment" its agreement and parties) as the analyst
  // types: the page carries only the preset commitment and the few categories.
  const [anyCommitment, hasOutlets, preset, categories, initialDraft] = await Promise.all([
    hasCommitmentOptions(),
    hasOutletOptions(),
    presetId === undefined ? null : getCommitmentOption(presetId),
    listCategoryOptions(),
    inboxItemId === null ? null : draftFromInboxItem(inboxItemId),
  ]);
  // What "New commitment" inside a row offers up front: the live categories.
  const newCommitmentOptions = { categories: categories.filter((option) => !option.archived) };

  return (
    <>
      <PageHeader
        title="Log follow-up"
        description={
          <p>
            One news item, and what it shows about each commitment it bears on. Everything is saved together,
            or nothing is.
          </p>
        }
      />
      {!anyCommitment ? (
        <Card>
          <EmptyState
            icon={ListChecks}
            title="No commitments to follow up yet"
            description="Record an agreement and its commitments first; then log the news about them here."
            action={
              <Link href="/agreements" className="link">
                Go to agreements
              </Link>
            }
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
          <Card aria-label="Follow-up">
            <CardBody className="sm:p-6">
              <LogFollowUpForm
                action={logFollowUp}
                commitments={preset ? [preset] : []}
                outlets={[]}
                hasOutlets={hasOutlets}
                presetCommitmentId={preset?.id}
                newCommitment={{ action: createCommitmentFromFollowUp, options: newCommitmentOptions }}
                draftAction={draftFollowUp}
                initialDraft={initialDraft ?? undefined}
                returnTo={returnTo}
                cancelHref={returnTo ?? (preset ? `/commitments/${preset.id}` : '/')}
              />
            </CardBody>
          </Card>
          <GradingHelp />
        </div>
      )}
    </>
  );
}

/** The Admiralty scales at hand while grading (the same words the form's options use). */
function GradingHelp() {
  return (
    <aside aria-labelledby="grading-help-heading" className="lg:sticky lg:top-6 lg:self-start">
      <Card>
        <CardHeader id="grading-help-heading" title="Grading evidence" level={2} />
        <CardBody className="space-y-4 text-sm text-slate-700">
          <div>
            <h3 className="font-medium text-slate-900">Source reliability</h3>
            <p className="mt-0.5 text-xs text-slate-600">How the source has done before.</p>
            <dl className="mt-2 grid grid-cols-[1.5rem_1fr] gap-x-2 gap-y-1">
              {RELIABILITIES.map((grade) => (
                <div key={grade} className="contents">
                  <dt className="font-mono font-semibold text-slate-900">{grade}</dt>
                  <dd>{RELIABILITY_LABELS[grade]}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div>
            <h3 className="font-medium text-slate-900">Information credibility</h3>
            <p className="mt-0.5 text-xs text-slate-600">This item, judged on its own.</p>
            <dl className="mt-2 grid grid-cols-[1.5rem_1fr] gap-x-2 gap-y-1">
              {[1, 2, 3, 4, 5, 6].map((grade) => (
                <div key={grade} className="contents">
                  <dt className="font-mono font-semibold text-slate-900">{grade}</dt>
                  <dd>{CREDIBILITY_LABELS[grade]}</dd>
                </div>
              ))}
            </dl>
          </div>
          <p className="text-xs text-slate-600">
            A status resting only on D–F or 4–6 evidence is flagged as weakly supported.
          </p>
        </CardBody>
      </Card>
    </aside>
  );
}
