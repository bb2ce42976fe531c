// Rows of tests/action-cases.ts for /review: each makes a proposal waiting for review, written by a user of its
// own (nobody reviews their own, so never the caller), on an agreement that requires review.
import type { ActionCase } from '../action-cases.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { unique } from './db.ts';
import { createTestUser } from './users.ts';

const REVIEW = 'app/(app)/review/actions.ts';

async function waitingProposal(prisma: PrismaClient) {
  const proposer = await createTestUser(prisma, 'analyst', { label: 'proposer' });
  const category = await prisma.category.create({
    data: { name: unique('Category'), slug: unique('category') },
  });
  const agreement = await prisma.agreement.create({
    data: { title: unique('Agreement'), kind: 'mou', requiresReview: true },
  });
  const commitment = await prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: unique('Commitment') },
  });
  return prisma.proposedStatusUpdate.create({
    data: {
      commitmentId: commitment.id,
      status: 'in_progress',
      observedOn: new Date('2025-05-01'),
      authorId: proposer.id,
    },
  });
}

/** What a review changes: the proposal's state and reviewer, and the commitment's status once accepted. */
function reviewOf({ prisma }: { prisma: PrismaClient }, fields: Record<string, string | string[]>) {
  return prisma.proposedStatusUpdate.findUnique({
    where: { id: Number(fields.proposalId) },
    select: {
      state: true,
      reviewedById: true,
      acceptedAsId: true,
      commitment: { select: { status: true } },
    },
  });
}

export const reviewActionCases: ActionCase[] = [
  {
    action: `${REVIEW}#acceptProposal`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ proposalId: String((await waitingProposal(prisma)).id) }),
    observe: reviewOf,
  },
  {
    action: `${REVIEW}#rejectProposal`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      proposalId: String((await waitingProposal(prisma)).id),
      reason: 'The item reports a plan, not progress.',
    }),
    observe: reviewOf,
  },
];
