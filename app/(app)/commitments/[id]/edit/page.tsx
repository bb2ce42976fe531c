import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArchiveForm } from '@/components/editors/archive-form';
import { CommitmentForm } from '@/components/editors/commitment-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listAgreementPartyIds } from '@/lib/data/agreements';
import { listCategoryOptions } from '@/lib/data/categories';
import { commitmentFormValues, getCommitmentForEdit } from '@/lib/data/commitments';
import { getReciprocalOption } from '@/lib/search/options';
import { getPickedAgreement, listPickedParties } from '@/lib/search/picked';
import { parseIdParam } from '@/lib/validation/params';
import { archiveCommitment, unarchiveCommitment, updateCommitment } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit commitment' };

export default async function EditCommitmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const [commitment, categories] = await Promise.all([getCommitmentForEdit(id), listCategoryOptions()]);
  if (!commitment) notFound();
  // The pickers know only what the commitment names (its agreement, its parties, its reciprocal) and its
  // agreement's parties, offered first; they search the others as the analyst types.
  const [agreement, agreementPartyIds, reciprocal] = await Promise.all([
    getPickedAgreement(commitment.agreementId),
    listAgreementPartyIds(commitment.agreementId),
    commitment.reciprocalId === null ? null : getReciprocalOption(commitment.reciprocalId),
  ]);
  const parties = await listPickedParties([
    ...commitment.responsiblePartyIds,
    ...commitment.beneficiaryPartyIds,
    ...agreementPartyIds,
  ]);

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Agreements', href: '/agreements' },
          ...(agreement ? [{ label: agreement.title, href: `/agreements/${agreement.id}` }] : []),
          { label: commitment.title, href: `/commitments/${commitment.id}` },
        ]}
        eyebrow="Edit commitment"
        title={commitment.title}
        meta={commitment.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
        description={
          <p className="text-sm text-slate-600">
            The status is not edited here: it follows from the follow-ups logged against the commitment.
          </p>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardBody>
            <CommitmentForm
              // Archiving below re-renders the page with a new version: start the form from the saved values.
              key={commitment.version}
              action={updateCommitment}
              mode="edit"
              record={commitmentFormValues(commitment)}
              agreement={agreement}
              categoryOptions={categories}
              parties={parties}
              agreementPartyIds={agreementPartyIds}
              reciprocal={reciprocal}
              cancelHref={`/commitments/${commitment.id}`}
            />
          </CardBody>
        </Card>
        <Card aria-labelledby="archive-heading">
          <CardHeader id="archive-heading" title={commitment.archivedAt ? 'Archived' : 'Archive'} />
          <CardBody>
            <ArchiveForm
              archive={archiveCommitment}
              unarchive={unarchiveCommitment}
              id={commitment.id}
              version={commitment.version}
              archived={commitment.archivedAt !== null}
              what={`commitment “${commitment.title}”`}
              explanation={
                commitment.archivedAt
                  ? 'Archived: hidden from lists, dashboards and pickers; its history is kept.'
                  : 'Archiving hides it from lists, dashboards and pickers. Its follow-ups, evidence and reciprocal link stay; it can be unarchived.'
              }
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
