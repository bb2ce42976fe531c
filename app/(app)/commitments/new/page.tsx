import type { Metadata } from 'next';
import { CommitmentForm } from '@/components/editors/commitment-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader, type Crumb } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listAgreementPartyIds } from '@/lib/data/agreements';
import { listCategoryOptions } from '@/lib/data/categories';
import { getCommitmentForEdit } from '@/lib/data/commitments';
import { getPickedAgreement, listPickedParties } from '@/lib/search/picked';
import type { CommitmentFormValues } from '@/lib/validation/commitment';
import { parseIdParam } from '@/lib/validation/params';
import { createCommitment } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New commitment' };

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export default async function NewCommitmentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission('write');
  const query = await searchParams;
  // `?agreement=` presets the agreement (from its page); an unknown or archived one is simply not preset.
  const presetId = parseIdParam(first(query.agreement));
  const [categories, preset] = await Promise.all([listCategoryOptions(), getPickedAgreement(presetId)]);
  const agreement = preset && !preset.archived ? preset : null;
  // `?added=` follows "Add and start another": say what was just added.
  const addedId = parseIdParam(first(query.added));
  const added = addedId === null ? null : await getCommitmentForEdit(addedId);
  // The agreement's own parties are offered first; the pickers search the others as the analyst types.
  const agreementPartyIds = agreement ? await listAgreementPartyIds(agreement.id) : [];
  const parties = await listPickedParties(agreementPartyIds);

  const record: CommitmentFormValues = {
    id: '',
    version: '',
    agreementId: agreement ? String(agreement.id) : '',
    title: '',
    description: '',
    categoryId: '',
    responsiblePartyId: [],
    beneficiaryPartyId: [],
    dueOn: '',
    reciprocalId: '',
    strength: 'firm',
    recurrenceMonths: '',
    recurrenceStartsOn: '',
    archived: false,
  };
  const breadcrumbs: Crumb[] = [{ label: 'Agreements', href: '/agreements' }];
  if (agreement) breadcrumbs.push({ label: agreement.title, href: `/agreements/${agreement.id}` });

  return (
    <>
      <PageHeader breadcrumbs={breadcrumbs} title="New commitment" />
      {added ? (
        <p
          role="status"
          className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          Added “{added.title}”. Add the next one below.
        </p>
      ) : null}
      <Card>
        <CardBody>
          <CommitmentForm
            key={added?.id ?? 'new'}
            action={createCommitment}
            mode="create"
            record={record}
            agreement={agreement}
            categoryOptions={categories}
            parties={parties}
            agreementPartyIds={agreementPartyIds}
            reciprocal={null}
            cancelHref={agreement ? `/agreements/${agreement.id}` : '/agreements'}
          />
        </CardBody>
      </Card>
    </>
  );
}
