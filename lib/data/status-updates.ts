// The follow-up log is append-only: rows are inserted here and never updated or deleted. Everything that logs
// status (seed, the log-follow-up action, CSV import) goes through appendStatusUpdates, so the status cache and
// the audit trail can never be forgotten.
import type { Prisma, StatusUpdate } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { toDay } from '../domain/dates.ts';
import { requiresReason, statusLabel } from '../domain/status.ts';
import { recordAudits } from './audit.ts';
import { refreshStatusCache } from './status-cache.ts';

export type NewStatusUpdate = {
  commitmentId: number;
  /** The responsible party assessed; omitted or null for the commitment as a whole. */
  partyId?: number | null;
  status: CommitmentStatus;
  reason?: string | null;
  evidenceId?: number | null;
  /** The day the fact held (a time of day is dropped). */
  observedOn: Date;
};

/** A row the rules reject; forms validate first (lib/validation), this is the last line of defence. */
export class StatusUpdateError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'StatusUpdateError';
  }
}

/**
 * Inserts the rows (in the given order, so same-day rows of one call rank by that order), refreshes the status
 * cache of every commitment touched and records one audit event per row. Run it inside the caller's
 * transaction together with the rest of the write (e.g. the evidence the rows cite).
 */
export async function appendStatusUpdates(
  tx: Prisma.TransactionClient,
  actorId: string | null,
  rows: readonly NewStatusUpdate[],
): Promise<StatusUpdate[]> {
  if (!rows.length) return [];
  const data = rows.map((row, index) => {
    const reason = row.reason?.trim() || null;
    if (requiresReason(row.status) && !reason) {
      throw new StatusUpdateError(`A reason is required for "${statusLabel(row.status)}".`, index);
    }
    if (Number.isNaN(row.observedOn.getTime()))
      throw new StatusUpdateError('observedOn is not a date.', index);
    return {
      commitmentId: row.commitmentId,
      partyId: row.partyId ?? null,
      status: row.status,
      reason,
      evidenceId: row.evidenceId ?? null,
      observedOn: toDay(row.observedOn),
      authorId: actorId,
    };
  });

  const created = await tx.statusUpdate.createManyAndReturn({ data });
  created.sort((a, b) => a.id - b.id);

  await refreshStatusCache(
    tx,
    created.map((row) => row.commitmentId),
  );
  await recordAudits(
    tx,
    created.map((row) => ({
      actorId,
      action: 'create',
      entityType: 'StatusUpdate',
      entityId: row.id,
      before: null,
      after: row,
    })),
  );
  return created;
}
