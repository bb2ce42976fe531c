import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Newspaper, Plus } from 'lucide-react';
import { ButtonLink } from '@/components/editors/button-link';
import { RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { countArchivedOutlets, listOutlets } from '@/lib/data/outlets';
import { parsePageParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Outlets' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value, trimmed, without NUL characters (which PostgreSQL text cannot hold, even in a search). */
function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').replaceAll('\u0000', '').trim();
}

export default async function OutletsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const q = first(params.q).slice(0, 200);
  const archived = first(params.archived) === '1';
  const [outlets, archivedCount] = await Promise.all([
    listOutlets({ q: q || undefined, archived, page: parsePageParam(params.page) }),
    countArchivedOutlets(),
  ]);
  const query: Record<string, string> = { ...(q ? { q } : {}), ...(archived ? { archived: '1' } : {}) };
  const canWrite = can(user, 'write');

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Evidence', href: '/evidence' }]}
        title={archived ? 'Archived outlets' : 'Outlets'}
        description={
          <p>
            News outlets and issuers that evidence comes from, each with the Admiralty source grade its items
            start with.
          </p>
        }
        actions={
          canWrite && !archived ? (
            <ButtonLink href="/outlets/new" icon={<Plus aria-hidden className="size-4" />}>
              Add outlet
            </ButtonLink>
          ) : null
        }
      />

      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <Form action="/outlets" role="search" aria-label="Find outlets" className="flex items-end gap-2">
          {archived ? <input type="hidden" name="archived" value="1" /> : null}
          <div>
            <label htmlFor="outlets-q" className="block text-xs font-medium text-slate-600">
              Name
            </label>
            <input
              id="outlets-q"
              type="search"
              name="q"
              defaultValue={q}
              className="mt-1 block w-64 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
            />
          </div>
          <Button type="submit">Find</Button>
        </Form>
        <Link href={archived ? '/outlets' : '/outlets?archived=1'} className="link text-sm">
          {archived ? 'Back to live outlets' : `Archived outlets (${archivedCount})`}
        </Link>
      </div>

      <Card>
        {outlets.total === 0 ? (
          <EmptyState
            icon={Newspaper}
            title={q ? 'No outlet matches that name' : archived ? 'No archived outlets' : 'No outlets yet'}
            description={
              archived
                ? 'Archived outlets are kept here with their evidence.'
                : 'Outlets can also be added while logging a follow-up.'
            }
          />
        ) : (
          <>
            <Table caption={archived ? 'Archived outlets' : 'Outlets'}>
              <THead>
                <Tr>
                  <Th>Outlet</Th>
                  <Th>Default reliability</Th>
                  <Th className="text-right">Items</Th>
                  {canWrite ? (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  ) : null}
                </Tr>
              </THead>
              <TBody>
                {outlets.items.map((outlet) => (
                  <Tr key={outlet.id}>
                    <RowHeader>
                      <span className="font-medium text-slate-900">{outlet.name}</span>
                      {outlet.archivedAt ? (
                        <Badge tone="amber" className="ml-2">
                          Archived
                        </Badge>
                      ) : null}
                      {outlet.website ? (
                        <span className="mt-0.5 block text-xs break-all text-slate-500">
                          {outlet.website}
                        </span>
                      ) : null}
                    </RowHeader>
                    <Td>
                      <span className="font-mono font-semibold text-slate-900">
                        {outlet.defaultReliability}
                      </span>{' '}
                      <span className="text-slate-600">{RELIABILITY_LABELS[outlet.defaultReliability]}</span>
                    </Td>
                    <Td className="text-right tabular-nums">
                      {outlet.evidenceCount ? (
                        <Link href={`/evidence?outlet=${outlet.id}`} className="link">
                          {outlet.evidenceCount}
                          <span className="sr-only"> items from {outlet.name}</span>
                        </Link>
                      ) : (
                        0
                      )}
                    </Td>
                    {canWrite ? (
                      <Td className="text-right">
                        <Link href={`/outlets/${outlet.id}`} className="link">
                          Edit<span className="sr-only"> {outlet.name}</span>
                        </Link>
                      </Td>
                    ) : null}
                  </Tr>
                ))}
              </TBody>
            </Table>
            <Pagination
              page={outlets.page}
              pageCount={outlets.pageCount}
              pageSize={outlets.pageSize}
              total={outlets.total}
              pathname="/outlets"
              query={query}
              noun="outlets"
            />
          </>
        )}
      </Card>
    </>
  );
}
