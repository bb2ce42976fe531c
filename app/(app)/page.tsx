import type { Metadata } from 'next';
import { FileText } from 'lucide-react';
import { CommitmentsTable } from '@/components/commitments/commitments-table';
import { StatusCounts } from '@/components/commitments/status-counts';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { listCommitments } from '@/lib/data/commitments';
import { getOverviewSummary } from '@/lib/data/dashboard';
import { parsePageParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = parsePageParam((await searchParams).page);
  const [summary, commitments] = await Promise.all([getOverviewSummary(), listCommitments({ page })]);

  if (summary.agreementCount === 0) {
    return (
      <>
        <PageHeader title="Overview" />
        <Card>
          <EmptyState
            icon={FileText}
            title="No agreements yet"
            description={
              <p>
                Once an agreement and its commitments are recorded, this page shows where each commitment
                stands and the evidence behind it. To load the example agreement, run{' '}
                <code className="font-mono">npm run db:seed</code>.
              </p>
            }
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Overview"
        description={<p>Where every tracked commitment stands, according to its latest graded evidence.</p>}
      />

      <section aria-labelledby="status-counts-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="status-counts-heading" className="text-base font-semibold text-slate-900">
            Commitments by status
          </h2>
          <p className="text-sm text-slate-600">
            {plural(summary.commitmentCount, 'commitment')} in {plural(summary.agreementCount, 'agreement')}
          </p>
        </div>
        <StatusCounts counts={summary.statusCounts} labelledBy="status-counts-heading" />
      </section>

      <Card aria-labelledby="commitments-heading">
        <CardHeader
          id="commitments-heading"
          title="Commitments"
          description="Current status from the latest follow-up on each commitment."
        />
        {commitments.total === 0 ? (
          <EmptyState
            level={3}
            title="No commitments yet"
            description="The agreements recorded so far have none."
          />
        ) : (
          <>
            <CommitmentsTable
              rows={commitments.items}
              caption="Commitments with their current status, by agreement"
              groupByAgreement
            />
            <Pagination
              page={commitments.page}
              pageCount={commitments.pageCount}
              pageSize={commitments.pageSize}
              total={commitments.total}
              pathname="/"
              noun="commitments"
            />
          </>
        )}
      </Card>
    </>
  );
}
