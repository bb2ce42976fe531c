import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArchiveForm } from '@/components/editors/archive-form';
import { PartyForm } from '@/components/editors/party-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getPartyForEdit, partyFormValues } from '@/lib/data/parties';
import { listPartyDescendantIds, listPickedParties } from '@/lib/search/picked';
import { countryOptions } from '@/lib/validation/countries';
import { parseIdParam } from '@/lib/validation/params';
import { archiveParty, unarchiveParty, updateParty } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit party' };

export default async function EditPartyPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const party = await getPartyForEdit(id);
  if (!party) notFound();
  // The picker knows only the party's parent; it searches the others as the analyst types, never offering the party
  // itself or its own parts (the server refuses a cycle regardless).
  const [parentOptions, below] = await Promise.all([
    listPickedParties(party.parentId === null ? [] : [party.parentId]),
    listPartyDescendantIds(party.id),
  ]);

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Parties', href: '/parties' },
          { label: party.name, href: `/parties/${party.id}` },
        ]}
        eyebrow="Edit party"
        title={party.name}
        meta={party.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
      />
      <div className="space-y-6">
        <Card>
          <CardBody>
            <PartyForm
              // Archiving below re-renders the page with a new version: start the form from the saved values.
              key={party.version}
              action={updateParty}
              mode="edit"
              record={partyFormValues(party)}
              parentOptions={parentOptions}
              excludeParentIds={[party.id, ...below]}
              countryOptions={countryOptions()}
              cancelHref={`/parties/${party.id}`}
            />
          </CardBody>
        </Card>
        <Card aria-labelledby="archive-heading">
          <CardHeader id="archive-heading" title={party.archivedAt ? 'Archived' : 'Archive'} />
          <CardBody>
            <ArchiveForm
              archive={archiveParty}
              unarchive={unarchiveParty}
              id={party.id}
              version={party.version}
              archived={party.archivedAt !== null}
              what={`party “${party.name}”`}
              explanation={
                party.archivedAt
                  ? 'Archived: no longer offered in pickers, still shown wherever it is named.'
                  : 'Archiving stops offering it in pickers. Agreements, commitments and history that name it keep it.'
              }
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
