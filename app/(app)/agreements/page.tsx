import type { Metadata } from 'next';
import { FileText } from 'lucide-react';
import { AgreementsTable } from '@/components/agreements/agreements-table';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { listAgreements } from '@/lib/data/agreements';
import { parsePageParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Agreements' };

export default async function AgreementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = parsePageParam((await searchParams).page);
  const agreements = await listAgreements({ page });

  return (
    <>
      <PageHeader
        title="Agreements"
        description={
          <p>Meeting outcomes, memoranda, joint statements and treaties, most recently concluded first.</p>
        }
      />
      <Card>
        {agreements.total === 0 ? (
          <EmptyState
            icon={FileText}
            title="No agreements yet"
            description="Recorded agreements will be listed here with their parties and commitments."
          />
        ) : (
          <>
            <AgreementsTable rows={agreements.items} caption="Agreements" />
            <Pagination
              page={agreements.page}
              pageCount={agreements.pageCount}
              pageSize={agreements.pageSize}
              total={agreements.total}
              pathname="/agreements"
              noun="agreements"
            />
          </>
        )}
      </Card>
    </>
  );
}
