import type { Metadata } from 'next';
import { PersonForm } from '@/components/editors/person-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { BLANK_PERSON } from '@/lib/data/people';
import { createPerson } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New person' };

export default async function NewPersonPage() {
  await requirePermission('write');
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
            // A new person speaks for no party yet: the picker searches them as the analyst types.
            partyOptions={[]}
            cancelHref="/people"
          />
        </CardBody>
      </Card>
    </>
  );
}
