import type { Metadata } from 'next';
import Link from 'next/link';
import { Plus, Users } from 'lucide-react';
import { ArchiveForm } from '@/components/editors/archive-form';
import { ButtonLink } from '@/components/editors/button-link';
import { PersonForm } from '@/components/editors/person-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { BLANK_PERSON, getPersonForEdit, listPeople } from '@/lib/data/people';
import { parseIdParam, parsePageParam } from '@/lib/validation/params';
import { archivePerson, createPerson, unarchivePerson } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'People' };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const canWrite = can(user, 'write');
  const query = await searchParams;
  const page = parsePageParam(query.page);
  // `?added=` follows creating a person (here or on /people/new): say who, wherever the list puts them.
  const addedId = typeof query.added === 'string' ? parseIdParam(query.added) : null;
  const [people, added] = await Promise.all([
    listPeople({ page }),
    addedId === null ? null : getPersonForEdit(addedId),
  ]);

  return (
    <>
      <PageHeader
        title="People"
        description={<p>Who speaks for the parties: ministers, envoys, spokespeople named in agreements.</p>}
        actions={
          canWrite ? (
            <ButtonLink href="/people/new" icon={<Plus aria-hidden className="size-4" />}>
              New person
            </ButtonLink>
          ) : null
        }
      />
      {/* Always in the page, so that adding from the form below (the same page again) is announced. */}
      <div role="status">
        {added ? (
          <p className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            Added {added.name}.{' '}
            {canWrite ? (
              <Link href={`/people/${added.id}/edit`} className="font-medium underline underline-offset-2">
                Edit<span className="sr-only"> {added.name}</span>
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
      <div className="space-y-6">
        {canWrite ? (
          <Card id="new-person" aria-labelledby="new-person-heading">
            <CardHeader id="new-person-heading" title="Add a person" />
            <CardBody>
              <PersonForm
                // A new form after each person added, empty for the next.
                key={added?.id ?? 'new'}
                action={createPerson}
                mode="create"
                record={BLANK_PERSON}
                // Empty: the picker searches the parties as the analyst types.
                partyOptions={[]}
              />
            </CardBody>
          </Card>
        ) : null}
        <Card aria-labelledby="people-heading">
          <CardHeader
            id="people-heading"
            title="Everyone recorded"
            description={`${people.total} in total`}
          />
          {people.total === 0 ? (
            <EmptyState
              level={3}
              icon={Users}
              title="No people yet"
              description={canWrite ? 'Add the first with the form above.' : undefined}
            />
          ) : (
            <>
              <Table caption="People, their titles and the parties they speak for">
                <THead>
                  <Tr>
                    <Th>Name</Th>
                    <Th>Title</Th>
                    <Th>Speaks for</Th>
                    <Th className="hidden sm:table-cell">Agreements</Th>
                    {canWrite ? (
                      <Th>
                        <span className="sr-only">Actions</span>
                      </Th>
                    ) : null}
                  </Tr>
                </THead>
                <TBody>
                  {people.items.map((person) => (
                    <Tr key={person.id}>
                      <RowHeader>
                        <span className="font-medium text-slate-900">{person.name}</span>
                        {person.archivedAt ? (
                          <Badge tone="amber" className="ml-2">
                            Archived
                          </Badge>
                        ) : null}
                      </RowHeader>
                      <Td>{person.title ?? <span className="text-slate-500">—</span>}</Td>
                      <Td>
                        {person.party ? (
                          <Link href={`/parties/${person.party.id}`} className="link">
                            {person.party.name}
                          </Link>
                        ) : (
                          <span className="text-slate-500">—</span>
                        )}
                      </Td>
                      <Td className="hidden sm:table-cell">{person.agreementCount}</Td>
                      {canWrite ? (
                        <Td>
                          <div className="flex flex-wrap items-start gap-2">
                            <ButtonLink href={`/people/${person.id}/edit`}>
                              Edit<span className="sr-only"> {person.name}</span>
                            </ButtonLink>
                            <ArchiveForm
                              archive={archivePerson}
                              unarchive={unarchivePerson}
                              id={person.id}
                              version={person.version}
                              archived={person.archivedAt !== null}
                              what={person.name}
                            />
                          </div>
                        </Td>
                      ) : null}
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <Pagination
                page={people.page}
                pageCount={people.pageCount}
                pageSize={people.pageSize}
                total={people.total}
                pathname="/people"
                noun="people"
              />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
