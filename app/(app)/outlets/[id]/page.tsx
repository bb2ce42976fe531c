import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchiveOutletForm } from '@/components/outlets/archive-outlet-form';
import { OutletFeeds } from '@/components/outlets/outlet-feeds';
import { OutletForm } from '@/components/outlets/outlet-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getOutletOrThrow } from '@/lib/data/outlets';
import { NotFoundError } from '@/lib/errors';
import { listOutletFeeds } from '@/lib/feeds/feeds';
import { parseIdParam } from '@/lib/validation/params';
import { archiveOutlet, unarchiveOutlet, updateOutlet } from '../actions';
import { addFeed, checkFeeds, removeFeed } from '../feeds/actions';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const loadOutlet = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getOutletOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const outlet = await loadOutlet((await params).id);
  return { title: `Edit ${outlet.name}` };
}

export default async function EditOutletPage({ params, searchParams }: Props) {
  await requirePermission('write');
  const outlet = await loadOutlet((await params).id);
  const created = (await searchParams).created === '1';

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Evidence', href: '/evidence' },
          { label: 'Outlets', href: '/outlets' },
        ]}
        eyebrow="Outlet"
        title={outlet.name}
        meta={
          <>
            {outlet.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
            <Link href={`/evidence?outlet=${outlet.id}`} className="link">
              {outlet.evidenceCount === 1 ? '1 item' : `${outlet.evidenceCount} items`} logged
            </Link>
          </>
        }
      />
      {created ? (
        <p
          role="status"
          className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          Outlet added.
        </p>
      ) : null}
      <div className="grid max-w-4xl gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <Card aria-labelledby="edit-outlet-heading">
          <CardHeader id="edit-outlet-heading" title="Details" />
          <CardBody>
            <OutletForm
              action={updateOutlet}
              outlet={{
                id: outlet.id,
                name: outlet.name,
                website: outlet.website,
                defaultReliability: outlet.defaultReliability,
                version: outlet.version,
              }}
            />
          </CardBody>
        </Card>
        <Card aria-labelledby="archive-outlet-heading" className="self-start">
          <CardHeader
            id="archive-outlet-heading"
            title={outlet.archivedAt ? 'Archived' : 'Archive'}
            description={
              outlet.archivedAt
                ? 'Hidden from pick lists. Restore it to log new items from it.'
                : 'Hides it from pick lists. Items already logged keep it; nothing is deleted.'
            }
          />
          <CardBody>
            <ArchiveOutletForm
              action={outlet.archivedAt ? unarchiveOutlet : archiveOutlet}
              outlet={{
                id: outlet.id,
                name: outlet.name,
                version: outlet.version,
                archived: Boolean(outlet.archivedAt),
              }}
            />
          </CardBody>
        </Card>
      </div>
      <OutletFeeds
        outlet={{ id: outlet.id, name: outlet.name, archived: Boolean(outlet.archivedAt) }}
        feeds={await listOutletFeeds(outlet.id)}
        actions={{ add: addFeed, remove: removeFeed, check: checkFeeds }}
      />
    </>
  );
}
