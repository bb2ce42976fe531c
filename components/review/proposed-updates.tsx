import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import type { ProposalRow } from '@/lib/data/review';
import { ProposalDetails } from './proposal-details';

/**
 * On the commitment's page, apart from its history: the updates proposed on it that wait for review, and those
 * rejected (with why). None of them counts: the status, compliance, attention flags and reports above and below
 * ignore them (docs/decisions/018-review.md). An accepted one is in the history instead.
 */
export function ProposedUpdates({
  proposals,
  canReview,
}: {
  proposals: ProposalRow[];
  /** The user may review (an analyst or admin): link to /review. */
  canReview: boolean;
}) {
  if (!proposals.length) return null;
  const waiting = proposals.filter((proposal) => proposal.state === 'proposed').length;
  return (
    <Card aria-labelledby="proposed-heading" className="mb-6">
      <CardHeader
        id="proposed-heading"
        title="Proposed updates"
        description={
          waiting
            ? `${waiting === 1 ? 'One update waits' : `${waiting} updates wait`} for review: ${waiting === 1 ? 'it does' : 'they do'} not count until another analyst or an admin accepts ${waiting === 1 ? 'it' : 'them'}.`
            : 'Rejected proposals: they never counted.'
        }
        actions={
          canReview && waiting ? (
            <Link href="/review" className="link text-sm">
              Review
            </Link>
          ) : null
        }
      />
      <ul className="divide-y divide-slate-200">
        {proposals.map((proposal) => (
          <li key={proposal.id} className="px-4 py-4 sm:px-5" data-proposal-id={proposal.id}>
            {proposal.state === 'proposed' ? (
              <p className="mb-2 text-xs font-semibold tracking-wide text-violet-800 uppercase">
                Proposed — awaiting review
              </p>
            ) : (
              <div className="mb-2 text-sm text-red-900">
                <p className="text-xs font-semibold tracking-wide uppercase">Rejected</p>
                <p>
                  by {proposal.reviewedBy?.name ?? 'someone'}
                  {proposal.reviewedAt ? (
                    <>
                      {' '}
                      on <Day date={proposal.reviewedAt} />
                    </>
                  ) : null}
                  {proposal.rejectionReason ? (
                    <span className="whitespace-pre-line">: {proposal.rejectionReason}</span>
                  ) : null}
                </p>
              </div>
            )}
            <ProposalDetails proposal={proposal} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
