// Correcting and retracting follow-up log rows. The log stays append-only in what it shows: a corrected or
// retracted row is never changed in what it said, only marked withdrawn (withdrawnAt / By / Reason), and a
// correction is a new row pointing at the one it replaces (supersedesId). Withdrawn rows stay in the history and
// no longer count for status (lib/domain/status.ts countsForStatus); the status cache is refreshed in the same
// transaction, and every change is audited with its real author.
//
// Concurrency: the row is locked (SELECT ... FOR UPDATE) before it is checked, so of two corrections or
// retractions of one row sent at the same moment (a double click, two analysts) the second waits for the first,
// then reads the row withdrawn and is refused with a message; the unique index on supersedesId backs this up.
import { db } from '../db.ts';
import { Prisma, type PrismaClient, type StatusUpdate } from '../generated/prisma/client.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import { requiresReason, statusLabel } from '../domain/status.ts';
import { toDay } from '../domain/dates.ts';
import { formatDate } from '../format/date.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import type { CorrectionInput, RetractionInput } from '../validation/correction.ts';
import { ADOPTION_NEEDS_PROPOSAL, NOTHING_TO_CORROBORATE } from '../validation/follow-up.ts';
import { recordAudit } from './audit.ts';
import { commitmentsUnderReview } from './review.ts';
import { refreshStatusCache } from './status-cache.ts';

type Tx = Prisma.TransactionClient;

/** A row that is already withdrawn cannot be corrected or retracted again: this says what happened to it. */
class AlreadyWithdrawnError extends RuleViolationError {}

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

/** The row, locked for the rest of the transaction; NotFoundError when it does not exist. */
async function lockUpdate(tx: Tx, id: number): Promise<StatusUpdate> {
  const locked = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "StatusUpdate" WHERE id = ${id} FOR UPDATE`;
  const row = locked.length ? await tx.statusUpdate.findUnique({ where: { id } }) : null;
  if (!row) {
    throw new NotFoundError('follow-up', 'That follow-up no longer exists: reload the page.');
  }
  return row;
}

/** Refuses a row already corrected or retracted, saying by whom, when and (for a correction) by which row. */
async function refuseWithdrawn(tx: Tx, row: StatusUpdate, attempt: 'correct' | 'retract'): Promise<void> {
  if (!row.withdrawnAt) return;
  const [by, successor] = await Promise.all([
    row.withdrawnById
      ? tx.user.findUnique({ where: { id: row.withdrawnById }, select: { name: true } })
      : null,
    tx.statusUpdate.findUnique({ where: { supersedesId: row.id }, select: { id: true } }),
  ]);
  const who = by?.name ?? 'someone';
  const what = successor ? `corrected by #${successor.id}` : 'retracted';
  throw new AlreadyWithdrawnError(
    `Follow-up #${row.id} was already ${what} by ${who} on ${formatDate(row.withdrawnAt)}: ` +
      `it can no longer be ${attempt === 'correct' ? 'corrected' : 'retracted'}. ` +
      (successor ? `Correct #${successor.id} instead if it needs changing.` : 'Nothing was changed.'),
  );
}

export type CorrectionResult = { commitmentId: number; corrected: StatusUpdate; correction: StatusUpdate };

/** The status a scope stands at now (the cache, refreshed in this transaction): the whole commitment, or a party. */
async function scopeStatus(tx: Tx, commitmentId: number, partyId: number | null): Promise<CommitmentStatus> {
  if (partyId === null) {
    const commitment = await tx.commitment.findUniqueOrThrow({
      where: { id: commitmentId },
      select: { status: true },
    });
    return commitment.status;
  }
  const party = await tx.commitmentPartyStatus.findUnique({
    where: { commitmentId_partyId: { commitmentId, partyId } },
    select: { status: true },
  });
  return party?.status ?? 'no_evidence';
}

/**
 * Writes a correction of row `input.updateId`: the old row withdrawn with the user and why, and a new row (same
 * commitment and evidence, the form's fields) that supersedes it; then the status cache and two audit events
 * ('correct' for the old row, 'create' for the new one). A corroboration takes its scope's status as it stands
 * without the corrected row.
 */
export async function correctStatusUpdate(
  input: CorrectionInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<CorrectionResult> {
  return client.$transaction(async (tx) => {
    const old = await lockUpdate(tx, input.updateId);
    await refuseWithdrawn(tx, old, 'correct');
    const { row } = input;
    if (row.commitmentId !== old.commitmentId) {
      throw new RuleViolationError(
        'A correction stays on the commitment of the row it corrects: reload the page and try again.',
      );
    }
    // A correction is a new row that counts at once: on an agreement that requires review, an analyst's would
    // skip the review (docs/decisions/018-review.md). Retracting and logging the corrected update (proposed) is
    // the way there.
    if ((await commitmentsUnderReview(tx, actorId, [old.commitmentId])).size) {
      throw new RuleViolationError(
        'This agreement requires review of status updates: retract the row, then log the corrected update as a ' +
          'follow-up (it is proposed for review), or ask an admin to correct it.',
      );
    }
    const commitment = await tx.commitment.findUniqueOrThrow({
      where: { id: old.commitmentId },
      select: { strength: true, parties: { where: { role: 'responsible' }, select: { partyId: true } } },
    });
    if (row.partyId !== null && !commitment.parties.some((party) => party.partyId === row.partyId)) {
      const message =
        'That party is not responsible for this commitment: choose one of its responsible parties.';
      throw new RuleViolationError(message, { partyId: [message] });
    }
    if (row.adoptsProposal && commitment.strength !== 'proposal') {
      throw new RuleViolationError(ADOPTION_NEEDS_PROPOSAL, { adoptsProposal: [ADOPTION_NEEDS_PROPOSAL] });
    }
    const reason = row.reason?.trim() || null;
    if (row.status && requiresReason(row.status) && !reason) {
      const message = `Say why: a reason is required for "${statusLabel(row.status)}".`;
      throw new RuleViolationError(message, { reason: [message] });
    }

    const withdrawnAt = new Date();
    const corrected = await tx.statusUpdate.update({
      where: { id: old.id },
      data: { withdrawnAt, withdrawnById: actorId, withdrawnReason: input.why },
    });
    let status = row.status;
    if (!status) {
      // A corroboration repeats the status it corroborates: the scope's, the corrected row no longer counting.
      await refreshStatusCache(tx, [old.commitmentId]);
      status = await scopeStatus(tx, old.commitmentId, row.partyId);
      if (status === 'no_evidence') {
        throw new RuleViolationError(NOTHING_TO_CORROBORATE, { kind: [NOTHING_TO_CORROBORATE] });
      }
    }

    let correction: StatusUpdate;
    try {
      correction = await tx.statusUpdate.create({
        data: {
          commitmentId: old.commitmentId,
          kind: row.kind,
          evidenceType: row.evidenceType,
          adoptsProposal: row.adoptsProposal,
          supersedesId: old.id,
          partyId: row.partyId,
          status,
          reason,
          evidenceId: old.evidenceId,
          observedOn: toDay(row.observedOn),
          observedPrecision: row.observedPrecision,
          authorId: actorId,
        },
      });
    } catch (error) {
      // The lock makes this unreachable between writers that lock; the unique index catches any that do not.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new AlreadyWithdrawnError(`Follow-up #${old.id} was already corrected: reload the page.`);
      }
      throw error;
    }
    await refreshStatusCache(tx, [old.commitmentId]);
    await recordAudit(tx, {
      actorId,
      action: 'correct',
      entityType: 'StatusUpdate',
      entityId: old.id,
      before: old,
      after: { ...corrected, supersededById: correction.id },
    });
    await recordAudit(tx, {
      actorId,
      action: 'create',
      entityType: 'StatusUpdate',
      entityId: correction.id,
      before: null,
      after: correction,
    });
    return { commitmentId: old.commitmentId, corrected, correction };
  }, TRANSACTION_OPTIONS);
}

/** Retracts row `input.updateId`: withdrawn with the user and why, nothing replaces it; cache and audit follow. */
export async function retractStatusUpdate(
  input: RetractionInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<{ commitmentId: number; retracted: StatusUpdate }> {
  return client.$transaction(async (tx) => {
    const old = await lockUpdate(tx, input.updateId);
    await refuseWithdrawn(tx, old, 'retract');
    const retracted = await tx.statusUpdate.update({
      where: { id: old.id },
      data: { withdrawnAt: new Date(), withdrawnById: actorId, withdrawnReason: input.why },
    });
    await refreshStatusCache(tx, [old.commitmentId]);
    await recordAudit(tx, {
      actorId,
      action: 'retract',
      entityType: 'StatusUpdate',
      entityId: old.id,
      before: old,
      after: retracted,
    });
    return { commitmentId: old.commitmentId, retracted };
  }, TRANSACTION_OPTIONS);
}

// ---------------------------------------------------------------------------------------------------------------
// What the correct and retract pages show

const updateForFormSelect = {
  id: true,
  commitmentId: true,
  kind: true,
  status: true,
  reason: true,
  partyId: true,
  observedOn: true,
  observedPrecision: true,
  evidenceType: true,
  adoptsProposal: true,
  createdAt: true,
  supersedesId: true,
  withdrawnAt: true,
  withdrawnReason: true,
  withdrawnBy: { select: { name: true } },
  supersededBy: { select: { id: true } },
  author: { select: { name: true } },
  party: { select: { id: true, name: true } },
  evidence: { select: { id: true, title: true } },
  commitment: {
    select: {
      id: true,
      title: true,
      strength: true,
      parties: {
        where: { role: 'responsible' },
        select: { party: { select: { id: true, name: true } } },
        orderBy: { party: { name: 'asc' } },
      },
    },
  },
} satisfies Prisma.StatusUpdateSelect;

export type UpdateForCorrection = Prisma.StatusUpdateGetPayload<{ select: typeof updateForFormSelect }>;

/** The row a correct or retract page is about, with its commitment's responsible parties; null if not that commitment's. */
export async function getUpdateForCorrection(
  commitmentId: number,
  updateId: number,
  client: PrismaClient = db,
): Promise<UpdateForCorrection | null> {
  const row = await client.statusUpdate.findUnique({ where: { id: updateId }, select: updateForFormSelect });
  return row && row.commitmentId === commitmentId ? row : null;
}
