import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AgreementForm } from '@/components/editors/agreement-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { agreementFormValues, getAgreementForEdit } from '@/lib/data/agreements';
import { listPartyOptions } from '@/lib/data/parties';
import { listPersonOptions } from '@/lib/data/people';
import { countryOptions } from '@/lib/validation/countries';
import { parseIdParam } from '@/lib/validation/params';
import { updateAgreement } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit agreement' };

export default async function EditAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const [agreement, parties, people] = await Promise.all([
    getAgreementForEdit(id),
    listPartyOptions(),
    listPersonOptions(),
  ]);
  if (!agreement) notFound();

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
            record={agreementFormValues(agreement)}
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
