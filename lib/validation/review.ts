// Accepting and rejecting a proposed status update (/review, lib/data/review.ts). A rejection must say why: the
// proposer reads it on the commitment's page beside the proposal.
import * as z from 'zod';
import { idField, requiredText } from './fields.ts';
import { LIMITS } from './follow-up.ts';

export const REJECTION_REASON_MAX = LIMITS.reason;

const proposalIdField = idField('This form does not say which proposal it reviews: reload the page.');

export const acceptProposalSchema = z.object({ proposalId: proposalIdField });
export type AcceptProposalInput = z.output<typeof acceptProposalSchema>;

export const rejectProposalSchema = z.object({
  proposalId: proposalIdField,
  reason: requiredText(
    'Say why this update is rejected: the analyst who proposed it reads it.',
    REJECTION_REASON_MAX,
  ),
});
export type RejectProposalInput = z.output<typeof rejectProposalSchema>;
