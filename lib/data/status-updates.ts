// The follow-up log is append-only: rows are inserted here and never updated or deleted. Everything that logs
// status (seed, the log-follow-up action, CSV import) goes through appendStatusUpdates, so the status cache and
// the audit trail can never be forgotten, and every row's author is the actor who wrote it: what another log
// claims (a CSV import's author and logged_at) goes in `originallyLoggedBy / At`, never in the author.
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
  /** A copy of a follow-up logged elsewhere (CSV import): the author's name and logged time its source gives. */
  originallyLoggedBy?: string | null;
  originallyLoggedAt?: Date | null;
};

export type AppendOptions = {
  /** The audit events' action: `create` (default), or `import` for rows read from a file. */
  action?: 'create' | 'import';
  /**
   * The time of this write, for every row (default: the database's): one time for all keeps them in the given
   * order. Never a time read from a file, which belongs in originallyLoggedAt.
   */
  loggedAt?: Date;
};

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

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
  options: AppendOptions = {},
): Promise<StatusUpdate[]> {
  if (!rows.length) return [];
  const data = rows.map((row, index) => {
    const reason = row.reason?.trim() || null;
    if (requiresReason(row.status) && !reason) {
      throw new StatusUpdateError(`A reason is required for "${statusLabel(row.status)}".`, index);
    }
    if (Number.isNaN(row.observedOn.getTime()))
      throw new StatusUpdateError('observedOn is not a date.', index);
    if (row.originallyLoggedAt && Number.isNaN(row.originallyLoggedAt.getTime()))
      throw new StatusUpdateError('originallyLoggedAt is not a time.', index);
    return {
      commitmentId: row.commitmentId,
      partyId: row.partyId ?? null,
      status: row.status,
      reason,
      evidenceId: row.evidenceId ?? null,
      observedOn: toDay(row.observedOn),
      authorId: actorId,
      originallyLoggedBy: row.originallyLoggedBy?.trim() || null,
      originallyLoggedAt: row.originallyLoggedAt ?? null,
      ...(options.loggedAt ? { createdAt: options.loggedAt } : {}),
    };
  });

  const created: StatusUpdate[] = [];
  for (const batch of chunks(data)) {
    const rowsOfBatch = await tx.statusUpdate.createManyAndReturn({ data: batch });
    created.push(...rowsOfBatch.sort((a, b) => a.id - b.id));
  }

  await refreshStatusCache(
    tx,
    created.map((row) => row.commitmentId),
  );
  for (const batch of chunks(created)) {
    await recordAudits(
      tx,
      batch.map((row) => ({
        actorId,
        action: options.action ?? 'create',
        entityType: 'StatusUpdate',
        entityId: row.id,
        before: null,
        after: row,
      })),
    );
  }
  return created;
}
