'use server';
// Accepting and rejecting proposed status updates (/review). Each goes through the action wrapper (`write`: a
// viewer is refused before anything is read) and one lib/data/review.ts mutation, which refuses the proposer
// (nobody reviews their own) and writes the audit events, with the reviewer as actor, in the same transaction.
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import {
  acceptProposal as acceptProposalRecord,
  rejectProposal as rejectProposalRecord,
} from '@/lib/data/review';
import { acceptProposalSchema, rejectProposalSchema } from '@/lib/validation/review';

export const acceptProposal = action(
  { permission: 'write', schema: acceptProposalSchema },
  async (input, { user }) => {
    await acceptProposalRecord(input, user.id);
    // The accepted update counts now: statuses show on nearly every screen.
    revalidatePath('/', 'layout');
    return { message: 'Accepted: the update counts from its fact date.' };
  },
);

export const rejectProposal = action(
  { permission: 'write', schema: rejectProposalSchema },
  async (input, { user }) => {
    await rejectProposalRecord(input, user.id);
    revalidatePath('/review');
    return { message: 'Rejected: the analyst who proposed it sees why on the commitment’s page.' };
  },
);
