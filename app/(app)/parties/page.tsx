import type { Metadata } from 'next';
import Link from 'next/link';
import { Plus, Users } from 'lucide-react';
import { COMPLIANCE_EXPLANATION } from '@/components/dashboard/compliance-meter';
import { buttonClasses } from '@/components/ui/button';
import { PartyComplianceTable } from '@/components/dashboard/party-compliance-table';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { listPartiesWithCompliance } from '@/lib/data/party-dashboard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Parties' };

export default async function PartiesPage() {
  const [parties, user] = await Promise.all([listPartiesWithCompliance(), getCurrentUser()]);
  return (
    <>
      <PageHeader
        title="Parties"
        description={
          <p>
            States, ministries, agencies and organisations, each under the party it belongs to, with how well
            it keeps the commitments it is responsible for.
          </p>
        }
        actions={
          can(user, 'write') ? (
            <Link href="/parties/new" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <Plus aria-hidden className="size-4" />
              New party
            </Link>
          ) : null
        }
      />
      <Card aria-labelledby="parties-heading">
        <CardHeader id="parties-heading" title="Compliance per party" description={COMPLIANCE_EXPLANATION} />
        {parties.length ? (
          <PartyComplianceTable rows={parties} caption="Parties with their compliance" />
        ) : (
          <EmptyState level={3} icon={Users} title="No parties yet" />
        )}
      </Card>
    </>
  );
}
