import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PersonForm } from '@/components/editors/person-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listPartyOptions } from '@/lib/data/parties';
import { getPersonForEdit, personFormValues } from '@/lib/data/people';
import { parseIdParam } from '@/lib/validation/params';
import { updatePerson } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit person' };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const [person, parties] = await Promise.all([getPersonForEdit(id), listPartyOptions()]);
  if (!person) notFound();
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
