import type { Metadata } from 'next';
import { PersonForm } from '@/components/editors/person-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listPartyOptions } from '@/lib/data/parties';
import { BLANK_PERSON } from '@/lib/data/people';
import { createPerson } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New person' };

export default async function NewPersonPage() {
  await requirePermission('write');
  const parties = await listPartyOptions();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'People', href: '/people' }]}
        title="New person"
        description={
          <p>Someone who speaks for a party: a minister, an envoy, a spokesperson named in an agreement.</p>
        }
      />
      <Card>
        <CardBody>
          <PersonForm
            action={createPerson}
            mode="create"
            record={BLANK_PERSON}
            partyOptions={parties}
            cancelHref="/people"
          />
        </CardBody>
      </Card>
    </>
  );
}
