import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PersonForm } from '@/components/editors/person-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getPersonForEdit, personFormValues } from '@/lib/data/people';
import { listPickedParties } from '@/lib/search/picked';
import { parseIdParam } from '@/lib/validation/params';
import { updatePerson } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit person' };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const person = await getPersonForEdit(id);
  if (!person) notFound();
  // The picker knows only the party the person speaks for; it searches the others as the analyst types.
  const parties = await listPickedParties(person.partyId === null ? [] : [person.partyId]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'People', href: '/people' }]}
        eyebrow="Edit person"
        title={person.name}
        meta={person.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
      />
      <Card>
        <CardBody>
          <PersonForm
            action={updatePerson}
            mode="edit"
            record={personFormValues(person)}
            partyOptions={parties}
            cancelHref="/people"
          />
        </CardBody>
      </Card>
    </>
  );
}
