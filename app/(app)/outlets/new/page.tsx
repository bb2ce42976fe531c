import type { Metadata } from 'next';
import { OutletForm } from '@/components/outlets/outlet-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { createOutlet } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Add outlet' };

export default async function NewOutletPage() {
  await requirePermission('write');
  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Evidence', href: '/evidence' },
          { label: 'Outlets', href: '/outlets' },
        ]}
        title="Add outlet"
      />
      <Card className="max-w-2xl">
        <CardBody>
          <OutletForm action={createOutlet} />
        </CardBody>
      </Card>
    </>
  );
}
