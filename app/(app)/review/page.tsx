import type { Metadata } from 'next';
import Link from 'next/link';
import { ClipboardCheck } from 'lucide-react';
import { ProposalDetails } from '@/components/review/proposal-details';
import { ReviewForms } from '@/components/review/review-forms';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePermission } from '@/lib/auth/session';
import { listPendingProposals } from '@/lib/data/review';
import { parsePageParam } from '@/lib/validation/params';
import { acceptProposal, rejectProposal } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Review' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Status updates proposed on agreements that require review, newest first: another analyst or an admin accepts
 * each (it then counts from its fact date) or rejects it with a reason. Viewers get the 403 page.
 */
export default async function ReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission('write');
  const proposals = await listPendingProposals({ page: parsePageParam((await searchParams).page) });

  return (
    <>
      <PageHeader
        title="Review"
        description={
          <p>
            Status updates analysts proposed on agreements that require review. None counts until it is
            accepted; an accepted one counts from its own fact date. Nobody reviews their own.
          </p>
        }
      />
      <Card>
        {proposals.total === 0 ? (
          <EmptyState
            icon={ClipboardCheck}
            title="Nothing waits for review"
            description="Updates proposed on agreements that require review appear here."
          />
        ) : (
          <>
            <ul className="divide-y divide-slate-200" aria-label="Proposed updates">
              {proposals.items.map((proposal) => (
                <li
                  key={proposal.id}
                  className="space-y-3 px-4 py-4 sm:px-5"
                  aria-labelledby={`proposal-${proposal.id}`}
                >
                  <h2 id={`proposal-${proposal.id}`} className="text-sm font-semibold text-slate-900">
                    <Link href={`/commitments/${proposal.commitment.id}`} className="link-quiet">
                      {proposal.commitment.title}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">
                      <Link href={`/agreements/${proposal.commitment.agreement.id}`} className="link-quiet">
                        {proposal.commitment.agreement.title}
                      </Link>
                    </span>
                  </h2>
                  <ProposalDetails proposal={proposal} />
                  {proposal.authorId === user.id ? (
                    <p className="text-sm text-slate-600">
                      You proposed this update: another analyst or an admin reviews it.
                    </p>
                  ) : (
                    <ReviewForms proposalId={proposal.id} accept={acceptProposal} reject={rejectProposal} />
                  )}
                </li>
              ))}
            </ul>
            <div className="border-t border-slate-200 px-4 py-3 sm:px-5">
              <Pagination
                page={proposals.page}
                pageCount={proposals.pageCount}
                total={proposals.total}
                pageSize={proposals.pageSize}
                pathname="/review"
                noun="proposals"
              />
            </div>
          </>
        )}
      </Card>
    </>
  );
}
