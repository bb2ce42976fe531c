import type { Metadata } from 'next';
import { NewAgreementEditor } from '@/components/drafts/new-agreement-editor';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getSourceSuggestion } from '@/lib/data/agreements';
import { listCategoryOptions } from '@/lib/data/categories';
import type { AgreementFormValues } from '@/lib/validation/agreement';
import { countryOptions } from '@/lib/validation/countries';
import { parseIdParam } from '@/lib/validation/params';
import { draftAgreement } from '../../drafts/actions';
import { createAgreement } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New agreement' };

/** A bilateral agreement usually has two parties: start with two empty rows. */
const BLANK: AgreementFormValues = {
  id: '',
  version: '',
  title: '',
  kind: 'mou',
  concludedOn: '',
  concludedPrecision: 'unknown',
  place: '',
  summary: '',
  partyId: ['', ''],
  partyRole: ['signatory', 'signatory'],
  personId: [],
  personRole: [],
  sourceUrl: [],
  archived: false,
};

export default async function NewAgreementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission('write');
  // `?sourceEvidenceId=` follows logging an item that reports an agreement not recorded yet.
  const sourceParam = (await searchParams).sourceEvidenceId;
  const sourceId = typeof sourceParam === 'string' ? parseIdParam(sourceParam) : null;
  const [categories, source] = await Promise.all([
    listCategoryOptions(),
    sourceId === null ? null : getSourceSuggestion(sourceId),
  ]);
  const publishedOn = source?.publishedOn?.toISOString().slice(0, 10) ?? '';
  const record: AgreementFormValues = source
    ? {
        ...BLANK,
        sourceUrl: [source.url],
        // The day it was published: a suggestion (agreements are usually reported the day they are made).
        concludedOn: publishedOn,
        concludedPrecision: publishedOn ? 'day' : 'unknown',
      }
    : BLANK;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Agreements', href: '/agreements' }]}
        title="New agreement"
        description={
          <p>
            Record what was agreed, by whom, and where it is reported. Start from an article to have the form
            filled in, commitments included; or add the commitments on the next page.
          </p>
        }
      />
      <NewAgreementEditor
        draftAction={draftAgreement}
        createAction={createAgreement}
        blank={record}
        categoryOptions={categories}
        sourceTitles={source ? { [source.url]: source.title } : {}}
        countryOptions={countryOptions()}
        sourceNote={
          source ? (
            <p
              role="status"
              className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-sky-200"
            >
              Started from “{source.title}” ({source.outlet.name}): it is the agreement’s source
              {publishedOn ? `, and its publication day (${publishedOn}) is suggested as the date` : ''}.
              Check both.
            </p>
          ) : null
        }
      />
    </>
  );
}
