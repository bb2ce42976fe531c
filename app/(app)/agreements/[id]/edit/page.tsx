import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AgreementForm } from '@/components/editors/agreement-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { agreementFormValues, getAgreementForEdit } from '@/lib/data/agreements';
import { listPickedParties, listPickedPeople } from '@/lib/search/picked';
import { countryOptions } from '@/lib/validation/countries';
import { parseIdParam } from '@/lib/validation/params';
import { updateAgreement } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit agreement' };

export default async function EditAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const agreement = await getAgreementForEdit(id);
  if (!agreement) notFound();
  // The pickers know only the parties and people the agreement names; they search the others as the analyst types.
  const record = agreementFormValues(agreement);
  const [parties, people] = await Promise.all([
    listPickedParties(record.partyId.map(Number)),
    listPickedPeople(record.personId.map(Number)),
  ]);

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Agreements', href: '/agreements' },
          { label: agreement.title, href: `/agreements/${agreement.id}` },
        ]}
        eyebrow="Edit agreement"
        title={agreement.title}
        meta={agreement.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
      />
      <Card>
        <CardBody>
          <AgreementForm
            // Archiving re-renders the page with a new version: start the form from the saved values.
            key={agreement.version}
            action={updateAgreement}
            mode="edit"
            record={record}
            partyOptions={parties}
            personOptions={people}
            sourceTitles={Object.fromEntries(agreement.sources.map((source) => [source.url, source.title]))}
            countryOptions={countryOptions()}
            cancelHref={`/agreements/${agreement.id}`}
            canChangeReview={user.role === 'admin'}
          />
        </CardBody>
      </Card>
    </>
  );
}
