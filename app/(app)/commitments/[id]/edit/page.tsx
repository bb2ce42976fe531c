import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArchiveForm } from '@/components/editors/archive-form';
import { CommitmentForm } from '@/components/editors/commitment-form';
import { withFirst } from '@/components/editors/options';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listAgreementOptions, listAgreementPartyIds } from '@/lib/data/agreements';
import { listCategoryOptions } from '@/lib/data/categories';
import { commitmentFormValues, getCommitmentForEdit } from '@/lib/data/commitments';
import { listPartyOptions } from '@/lib/data/parties';
import { getReciprocalOption } from '@/lib/search/options';
import { parseIdParam } from '@/lib/validation/params';
import { archiveCommitment, unarchiveCommitment, updateCommitment } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit commitment' };

export default async function EditCommitmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const [commitment, agreements, categories, parties] = await Promise.all([
    getCommitmentForEdit(id),
    listAgreementOptions(),
    listCategoryOptions(),
    listPartyOptions(),
  ]);
  if (!commitment) notFound();
  const agreement = agreements.find((option) => option.id === commitment.agreementId);
  // The agreement's own parties head the party lists; the reciprocal picker knows only the one linked now.
  const [agreementPartyIds, reciprocal] = await Promise.all([
    listAgreementPartyIds(commitment.agreementId),
    commitment.reciprocalId === null ? null : getReciprocalOption(commitment.reciprocalId),
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
              agreementOptions={agreements.map((option) => ({ ...option, name: option.title }))}
              categoryOptions={categories}
              partyOptions={withFirst(parties, agreementPartyIds)}
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
