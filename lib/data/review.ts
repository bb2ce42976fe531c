// Review before it counts (docs/decisions/018-review.md). On an agreement that requires review, a status update
// written by an analyst is stored as a ProposedStatusUpdate: same columns, another table, so nothing that counts
// (lib/domain's rules, their SQL forms in lib/data, the status cache, reports) ever reads it. Accepting one writes
// the StatusUpdate through appendStatusUpdates, the very path a follow-up logged by hand takes (status cache,
// audit), authored by the proposer and counting from its own fact date. Every step leaves an AuditEvent whose
// actor is the person who took it.
import { db } from '../db.ts';
import { Prisma, type PrismaClient, type ProposedStatusUpdate } from '../generated/prisma/client.ts';
import type { ProposalState } from '../generated/prisma/enums.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import { formatDay } from '../domain/dates.ts';
import { formatDate } from '../format/date.ts';
import type { AcceptProposalInput, RejectProposalInput } from '../validation/review.ts';
import { recordAudit, recordAudits, type AuditInput } from './audit.ts';
import { clampPage, type Page } from './commitments.ts';
import {
  appendStatusUpdates,
  statusUpdateColumns,
  StatusUpdateError,
  type NewStatusUpdate,
} from './status-updates.ts';

type Tx = Prisma.TransactionClient;
type Reader = Pick<PrismaClient, '$queryRaw'>;

/** The audit trail's name for the table. */
const ENTITY = 'ProposedStatusUpdate';

const REVIEW_PAGE_SIZE = 20;

// ---------------------------------------------------------------------------------------------------------------
// Who must be reviewed

/**
 * The commitments among these whose new status updates by this actor must wait for review: those of agreements
 * that require review, when the actor is not an admin. An admin's updates count directly (admins are reviewers
 * themselves), and so do writes no person made (the seed: actor null).
 */
export async function commitmentsUnderReview(
  client: Reader,
  actorId: string | null,
  commitmentIds: readonly number[],
): Promise<Set<number>> {
  if (!actorId || !commitmentIds.length) return new Set();
  // One raw statement: every follow-up asks this, and most agreements do not require review.
  const rows = await client.$queryRaw<{ id: number; admin: boolean }[]>`
    SELECT c.id, EXISTS (SELECT 1 FROM "User" u WHERE u.id = ${actorId} AND u.role = 'admin') AS admin
      FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
     WHERE c.id = ANY(${[...new Set(commitmentIds)]}::int[]) AND a."requiresReview"`;
  return underReview(
    actorId,
    rows.map((row) => ({ id: row.id, requiresReview: true })),
    rows[0]?.admin ?? false,
  );
}

/**
 * commitmentsUnderReview's rule over what a caller has read itself (logFollowUp reads it with its other checks,
 * in one statement): each commitment's agreement's requiresReview, and whether the actor is an admin.
 */
export function underReview(
  actorId: string | null,
  commitments: readonly { id: number; requiresReview: boolean }[],
  admin: boolean,
): Set<number> {
  if (!actorId || admin) return new Set();
  return new Set(
    commitments.filter((commitment) => commitment.requiresReview).map((commitment) => commitment.id),
  );
}

/** What makes two pending proposals the same (a double click): the follow-up log's repeat rule, on proposals. */
function proposalKey(row: ReturnType<typeof statusUpdateColumns>): string {
  return [
    row.commitmentId,
    row.partyId ?? '',
    row.kind,
    row.status,
    row.evidenceType ?? '',
    row.adoptsProposal ? 'adopts' : '',
    row.evidenceId ?? '',
    formatDay(row.observedOn),
    row.observedPrecision,
    row.reason ?? '',
  ].join('\u0000');
}

/**
 * Stores the rows as proposals (checked as appendStatusUpdates checks a row, StatusUpdateError naming it), one
 * audit event each (action "propose"). A row repeating a proposal still waiting is refused, writing nothing.
 * Run inside the caller's transaction; nothing here touches the status cache: a proposal does not count.
 */
async function proposeStatusUpdates(
  tx: Tx,
  actorId: string,
  rows: readonly NewStatusUpdate[],
): Promise<ProposedStatusUpdate[]> {
  if (!rows.length) return [];
  const data = rows.map((row, index) => ({ ...statusUpdateColumns(row, index), authorId: actorId }));
  const pending = await tx.proposedStatusUpdate.findMany({
    where: { state: 'proposed', commitmentId: { in: [...new Set(data.map((row) => row.commitmentId))] } },
    select: {
      commitmentId: true,
      partyId: true,
      kind: true,
      status: true,
      evidenceType: true,
      adoptsProposal: true,
      evidenceId: true,
      observedOn: true,
      observedPrecision: true,
      reason: true,
    },
  });
  const waiting = new Set(pending.map(proposalKey));
  const repeated = data.flatMap((row, index) => (waiting.has(proposalKey(row)) ? [index] : []));
  if (repeated.length) {
    throw new RuleViolationError(
      'Already proposed: the same update is waiting for review in /review. Nothing new was written.',
      Object.fromEntries(
        repeated.map((index) => [`rows.${index}.status`, ['Already proposed and waiting for review.']]),
      ),
    );
  }
  const created = await tx.proposedStatusUpdate.createManyAndReturn({ data });
  created.sort((a, b) => a.id - b.id);
  await recordAudits(
    tx,
    created.map((row) => ({
      actorId,
      action: 'propose',
      entityType: ENTITY,
      entityId: row.id,
      before: null,
      after: row,
    })),
  );
  return created;
}

/**
 * A follow-up's rows, written as they must be: rows on commitments under review (commitmentsUnderReview) become
 * proposals, the others are appended to the log. Each keeps its place in the given order within its table; a
 * StatusUpdateError names the row's index in `rows`.
 */
export async function appendOrPropose(
  tx: Tx,
  actorId: string,
  rows: readonly NewStatusUpdate[],
  options: {
    /** The commitments under review (underReview), when the caller has read them; else they are read here. */
    review?: Set<number>;
    /** Audit events of the same write to record first (appendStatusUpdates' `audits`). */
    audits?: readonly AuditInput[];
  } = {},
): Promise<{ updateIds: number[]; proposalIds: number[] }> {
  const review =
    options.review ??
    (await commitmentsUnderReview(
      tx,
      actorId,
      rows.map((row) => row.commitmentId),
    ));
  const counted = rows.flatMap((row, index) => (review.has(row.commitmentId) ? [] : [{ row, index }]));
  const proposed = rows.flatMap((row, index) => (review.has(row.commitmentId) ? [{ row, index }] : []));
  const inRows = async <T>(part: typeof counted, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (error instanceof StatusUpdateError)
        throw new StatusUpdateError(error.message, part[error.index]?.index ?? error.index);
      throw error;
    }
  };
  // The caller's events ride with the status updates' own when there are any (one round trip), else go first.
  if (!counted.length && options.audits?.length) await recordAudits(tx, options.audits);
  const updates = await inRows(counted, () =>
    appendStatusUpdates(
      tx,
      actorId,
      counted.map(({ row }) => row),
      { audits: options.audits },
    ),
  );
  const proposals = await inRows(proposed, () =>
    proposeStatusUpdates(
      tx,
      actorId,
      proposed.map(({ row }) => row),
    ),
  );
  return { updateIds: updates.map((row) => row.id), proposalIds: proposals.map((row) => row.id) };
}

/**
 * The CSV import (lib/csv/importer.ts) is refused for an analyst when any of its rows is on an agreement that
 * requires review: an import copies rows from another log, with their original author and time, and a proposal
 * has no place for those. An admin imports them as they are; an analyst logs them through the form.
 */
export async function refuseImportUnderReview(
  client: Reader,
  actorId: string,
  commitmentIds: readonly number[],
): Promise<void> {
  const review = await commitmentsUnderReview(client, actorId, commitmentIds);
  if (!review.size) return;
  const message =
    `${review.size === 1 ? 'One commitment' : `${review.size} commitments`} in this file (#${[...review].sort((a, b) => a - b).join(', #')}) ` +
    'belong to an agreement that requires review: an analyst’s updates there are proposals, which an import cannot ' +
    'make. Log those rows with the follow-up form, or ask an admin to import the file.';
  throw new RuleViolationError(message, { file: [message] });
}

// ---------------------------------------------------------------------------------------------------------------
// Accepting and rejecting

/**
 * The proposal, locked (FOR UPDATE: two reviewers at the same moment decide once), still waiting, and a reviewer
 * who may decide it: an active analyst or admin who did not propose it.
 */
async function lockForReview(tx: Tx, proposalId: number, reviewerId: string) {
  const locked = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "ProposedStatusUpdate" WHERE id = ${proposalId} FOR UPDATE`;
  if (!locked.length) throw new NotFoundError('proposal');
  const proposal = await tx.proposedStatusUpdate.findUniqueOrThrow({
    where: { id: proposalId },
    include: {
      reviewedBy: { select: { name: true } },
      commitment: { select: { archivedAt: true, agreement: { select: { archivedAt: true } } } },
    },
  });
  const reviewer = await tx.user.findUnique({
    where: { id: reviewerId },
    select: { role: true, deactivatedAt: true },
  });
  if (!reviewer || reviewer.deactivatedAt || (reviewer.role !== 'analyst' && reviewer.role !== 'admin'))
    throw new RuleViolationError('Only an analyst or an admin can review a proposed update.');
  if (proposal.authorId === reviewerId)
    throw new RuleViolationError(
      'You proposed this update: another analyst or an admin must review it. Nobody reviews their own.',
    );
  if (proposal.state !== 'proposed') {
    const by = proposal.reviewedBy?.name ?? 'someone';
    const at = proposal.reviewedAt ? ` on ${formatDate(proposal.reviewedAt)}` : '';
    throw new RuleViolationError(`This update was already ${proposal.state} by ${by}${at}.`);
  }
  return proposal;
}

/** What the audit trail keeps of a proposal: its own columns. */
function auditRow(proposal: Awaited<ReturnType<typeof lockForReview>>): Partial<typeof proposal> {
  const row: Partial<typeof proposal> = { ...proposal };
  delete row.reviewedBy;
  delete row.commitment;
  return row;
}

/**
 * Accepts a proposal: its StatusUpdate is written through appendStatusUpdates (as when logged by hand: status
 * cache refreshed, audit event "create" by the reviewer), authored by the proposer, with the proposal's own fact
 * date, so it counts as of that day; the proposal records who accepted it, when, and the row it became (audit
 * event "accept").
 */
export async function acceptProposal(
  input: AcceptProposalInput,
  reviewerId: string,
  client: PrismaClient = db,
): Promise<{ proposal: ProposedStatusUpdate; statusUpdateId: number }> {
  return client.$transaction(
    async (tx) => {
      const proposal = await lockForReview(tx, input.proposalId, reviewerId);
      if (proposal.commitment.archivedAt || proposal.commitment.agreement.archivedAt)
        throw new RuleViolationError('This commitment is archived: restore it before accepting its updates.');
      let created;
      try {
        [created] = await appendStatusUpdates(
          tx,
          reviewerId,
          [
            {
              commitmentId: proposal.commitmentId,
              partyId: proposal.partyId,
              kind: proposal.kind,
              evidenceType: proposal.evidenceType,
              adoptsProposal: proposal.adoptsProposal,
              status: proposal.status,
              reason: proposal.reason,
              evidenceId: proposal.evidenceId,
              observedOn: proposal.observedOn,
              observedPrecision: proposal.observedPrecision,
            },
          ],
          { authorId: proposal.authorId },
        );
      } catch (error) {
        if (error instanceof StatusUpdateError) throw new RuleViolationError(error.message);
        throw error;
      }
      const after = await tx.proposedStatusUpdate.update({
        where: { id: proposal.id },
        data: {
          state: 'accepted',
          reviewedById: reviewerId,
          reviewedAt: new Date(),
          acceptedAsId: created.id,
        },
      });
      await recordAudit(tx, {
        actorId: reviewerId,
        action: 'accept',
        entityType: ENTITY,
        entityId: proposal.id,
        before: auditRow(proposal),
        after,
      });
      return { proposal: after, statusUpdateId: created.id };
    },
    // Accepting refreshes the commitment's status cache, queued on its row lock behind follow-ups (as logFollowUp).
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/** Rejects a proposal with a reason (shown beside it on the commitment's page); nothing is written to the log. */
export async function rejectProposal(
  input: RejectProposalInput,
  reviewerId: string,
  client: PrismaClient = db,
): Promise<ProposedStatusUpdate> {
  const reason = input.reason.trim();
  if (!reason) {
    const message = 'Say why this update is rejected: the analyst who proposed it reads it.';
    throw new RuleViolationError(message, { reason: [message] });
  }
  return client.$transaction(async (tx) => {
    const proposal = await lockForReview(tx, input.proposalId, reviewerId);
    const after = await tx.proposedStatusUpdate.update({
      where: { id: proposal.id },
      data: { state: 'rejected', reviewedById: reviewerId, reviewedAt: new Date(), rejectionReason: reason },
    });
    await recordAudit(tx, {
      actorId: reviewerId,
      action: 'reject',
      entityType: ENTITY,
      entityId: proposal.id,
      before: auditRow(proposal),
      after,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const proposalSelect = {
  id: true,
  state: true,
  kind: true,
  status: true,
  reason: true,
  evidenceType: true,
  adoptsProposal: true,
  observedOn: true,
  observedPrecision: true,
  createdAt: true,
  reviewedAt: true,
  rejectionReason: true,
  authorId: true,
  author: { select: { name: true } },
  reviewedBy: { select: { name: true } },
  party: { select: { id: true, name: true } },
  evidence: {
    select: {
      id: true,
      url: true,
      title: true,
      reliability: true,
      credibility: true,
      type: true,
      outlet: { select: { name: true } },
    },
  },
  commitment: {
    select: { id: true, title: true, status: true, agreement: { select: { id: true, title: true } } },
  },
} satisfies Prisma.ProposedStatusUpdateSelect;

export type ProposalRow = Prisma.ProposedStatusUpdateGetPayload<{ select: typeof proposalSelect }>;

/** The proposals waiting for review, newest first, a page at a time. */
export async function listPendingProposals(
  { page = 1, pageSize = REVIEW_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
  client: PrismaClient = db,
): Promise<Page<ProposalRow>> {
  const where = { state: 'proposed' } satisfies Prisma.ProposedStatusUpdateWhereInput;
  const total = await client.proposedStatusUpdate.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const items = await client.proposedStatusUpdate.findMany({
    where,
    select: proposalSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (clamped.page - 1) * pageSize,
    take: pageSize,
  });
  return { items, ...clamped, pageSize, total };
}

/**
 * A commitment's proposals that are not in its history: those waiting and those rejected (an accepted one is a
 * row of the history now), newest first; at most `limit`.
 */
export async function listCommitmentProposals(
  commitmentId: number,
  { limit = 50 }: { limit?: number } = {},
  client: PrismaClient = db,
): Promise<ProposalRow[]> {
  const states: ProposalState[] = ['proposed', 'rejected'];
  const where = { commitmentId, state: { in: states } } satisfies Prisma.ProposedStatusUpdateWhereInput;
  // Most commitments have none: asked first in one statement, where the select's relations cost seven more (Prisma
  // reads each in a statement of its own, even for no rows) on every render of the commitment's page.
  if (!(await client.proposedStatusUpdate.findFirst({ where, select: { id: true } }))) return [];
  return client.proposedStatusUpdate.findMany({
    where,
    select: proposalSelect,
    orderBy: [{ state: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
