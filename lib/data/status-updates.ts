// The follow-up log is append-only: rows are inserted here and never updated or deleted. Everything that logs
// status (seed, the log-follow-up action, CSV import) goes through appendStatusUpdates, so the status cache and
// the audit trail can never be forgotten, and every row's author is the actor who wrote it: what another log
// claims (a CSV import's author and logged_at) goes in `originallyLoggedBy / At`, never in the author.
import { Prisma, type StatusUpdate } from '../generated/prisma/client.ts';
import type { CommitmentStatus, EvidenceType } from '../generated/prisma/enums.ts';
import {
  dayNumber,
  factFrom,
  formatDay,
  isDatePrecision,
  toDay,
  type DatePrecision,
} from '../domain/dates.ts';
import {
  requiresReason,
  statusLabel,
  updateWarning,
  type CurrentUpdate,
  type UpdateKind,
  type UpdateWarning,
} from '../domain/status.ts';
import { auditInsert, recordAudits, type AuditInput } from './audit.ts';
import { countingUpdate, newestFirst, scalarColumns } from './sql.ts';
import { refreshStatusCache } from './status-cache.ts';

export type NewStatusUpdate = {
  commitmentId: number;
  /** The responsible party assessed; omitted or null for the commitment as a whole. */
  partyId?: number | null;
  status: CommitmentStatus;
  /** What the row does (default assessment): only an assessment counts for status (countsForStatus). */
  kind?: UpdateKind;
  /** How the cited item bears on this commitment; null or omitted: the item's own type. */
  evidenceType?: EvidenceType | null;
  /** The row records that a proposal was adopted. */
  adoptsProposal?: boolean;
  reason?: string | null;
  evidenceId?: number | null;
  /**
   * The day the fact is known to have held by (a time of day is dropped): the day itself, the last day of its
   * month or year (factBy in lib/domain/dates.ts), or for an undated fact the day it held by at the latest.
   */
  observedOn: Date;
  /** How much of the fact date is known (default: to the day). observedFrom follows from the two (a trigger). */
  observedPrecision?: DatePrecision;
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
  /**
   * The rows' author when it is not the actor: a proposal accepted by a reviewer (lib/data/review.ts) is authored
   * by whoever proposed it, while its audit events are the reviewer's. Default: the actor.
   */
  authorId?: string | null;
  /**
   * Audit events of the same write to record before the rows' own (the follow-up's new evidence item), in the same
   * statement: one round trip fewer for every follow-up.
   */
  audits?: readonly AuditInput[];
};

/** The log's enum columns, read as text by a raw statement (scalarColumns). */
const STATUS_UPDATE_ENUMS = ['kind', 'evidenceType', 'status', 'observedPrecision', 'previousStatus'];

/** Rows per INSERT (one JSON parameter each): bounded statements for the largest CSV imports. */
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
 * A row's own columns as the log stores them, after the rules every writer obeys (a reason where the status
 * needs one, a real fact date, a known kind and precision, an item cited by an adoption or corroboration). Shared
 * with proposals (lib/data/review.ts), which store the same columns and become rows only through
 * appendStatusUpdates. Throws StatusUpdateError naming the row.
 */
export function statusUpdateColumns(row: NewStatusUpdate, index: number) {
  const reason = row.reason?.trim() || null;
  if (requiresReason(row.status) && !reason) {
    throw new StatusUpdateError(`A reason is required for "${statusLabel(row.status)}".`, index);
  }
  if (Number.isNaN(row.observedOn.getTime())) throw new StatusUpdateError('observedOn is not a date.', index);
  if (row.observedPrecision !== undefined && !isDatePrecision(row.observedPrecision))
    throw new StatusUpdateError('observedPrecision is not a precision.', index);
  if (row.originallyLoggedAt && Number.isNaN(row.originallyLoggedAt.getTime()))
    throw new StatusUpdateError('originallyLoggedAt is not a time.', index);
  if (row.kind !== undefined && !['assessment', 'corroboration', 'context'].includes(row.kind))
    throw new StatusUpdateError('kind is not a row kind.', index);
  if (row.adoptsProposal && !row.evidenceId)
    throw new StatusUpdateError('An adoption must cite the item that reports it.', index);
  if (row.kind === 'corroboration' && !row.evidenceId)
    throw new StatusUpdateError('A corroboration must cite the item that corroborates.', index);
  return {
    commitmentId: row.commitmentId,
    partyId: row.partyId ?? null,
    kind: row.kind ?? 'assessment',
    evidenceType: row.evidenceType ?? null,
    adoptsProposal: row.adoptsProposal ?? false,
    status: row.status,
    reason,
    evidenceId: row.evidenceId ?? null,
    observedOn: toDay(row.observedOn),
    observedPrecision: row.observedPrecision ?? 'day',
  };
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
  const authorId = options.authorId === undefined ? actorId : options.authorId;
  // One time for every row: the given one, or the database's (the column's default, the transaction's start), as
  // before. Same-day rows of one call then rank by id, their given order.
  const createdAt = options.loggedAt?.toISOString() ?? null;
  const data = rows.map((row, index) => {
    const columns = statusUpdateColumns(row, index);
    return {
      ...columns,
      observedOn: formatDay(columns.observedOn),
      authorId,
      originallyLoggedBy: row.originallyLoggedBy?.trim() || null,
      originallyLoggedAt: row.originallyLoggedAt?.toISOString() ?? null,
    };
  });

  const created: StatusUpdate[] = [];
  for (const batch of chunks(data)) {
    // One raw INSERT over a JSON array, rows inserted in the given order (Prisma's createManyAndReturn did the
    // same with a millisecond more of CPU a call, on every follow-up).
    const rowsOfBatch = await tx.$queryRaw<StatusUpdate[]>`
      INSERT INTO "StatusUpdate" ("commitmentId", "partyId", kind, "evidenceType", "adoptsProposal", status, reason,
                                  "evidenceId", "observedOn", "observedPrecision", "authorId", "originallyLoggedBy",
                                  "originallyLoggedAt", "createdAt")
      SELECT r."commitmentId", r."partyId", r.kind::"StatusUpdateKind", r."evidenceType"::"EvidenceType",
             r."adoptsProposal", r.status::"CommitmentStatus", r.reason, r."evidenceId", r."observedOn",
             r."observedPrecision"::"DatePrecision", r."authorId", r."originallyLoggedBy", r."originallyLoggedAt",
             coalesce(${createdAt}::timestamptz, now())
        FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
               AS ("commitmentId" int, "partyId" int, kind text, "evidenceType" text, "adoptsProposal" boolean,
                   status text, reason text, "evidenceId" int, "observedOn" date, "observedPrecision" text,
                   "authorId" text, "originallyLoggedBy" text, "originallyLoggedAt" timestamptz))
             WITH ORDINALITY AS r("commitmentId", "partyId", kind, "evidenceType", "adoptsProposal", status, reason,
                                  "evidenceId", "observedOn", "observedPrecision", "authorId", "originallyLoggedBy",
                                  "originallyLoggedAt", n)
       ORDER BY r.n
      RETURNING ${scalarColumns(Prisma.StatusUpdateScalarFieldEnum, STATUS_UPDATE_ENUMS)}`;
    created.push(...rowsOfBatch.sort((a, b) => a.id - b.id));
  }

  // Rows were only added: the kept past days before the earliest of them stay as they are. The audit events (the
  // caller's first, then one per row, in order) go in the refresh's round trip, the first thousand of them.
  const events = [
    ...(options.audits ?? []),
    ...created.map((row) => ({
      actorId,
      action: options.action ?? 'create',
      entityType: 'StatusUpdate',
      entityId: row.id,
      before: null,
      after: row,
    })),
  ];
  const [first = [], ...rest] = chunks(events);
  await refreshStatusCache(
    tx,
    created.map((row) => row.commitmentId),
    {
      changedFrom: new Date(
        created.reduce((min, row) => Math.min(min, row.observedFrom.getTime()), Infinity),
      ),
      alongside: auditInsert(first),
    },
  );
  for (const batch of rest) await recordAudits(tx, batch);
  return created;
}

/**
 * The current counting status (lib/domain/status.ts countsForStatus, compareUpdates order) of each scope: the
 * commitment's (its newest counting update of any scope) or a party's (the newer of its own and the whole
 * commitment's); null where nothing counting is logged.
 */
export async function currentCountingStatuses(
  client: Pick<Prisma.TransactionClient, '$queryRaw'>,
  scopes: readonly { commitmentId: number; partyId: number | null }[],
): Promise<(CommitmentStatus | null)[]> {
  if (!scopes.length) return [];
  const rows = await client.$queryRaw<{ ord: bigint; status: CommitmentStatus | null }[]>`
    SELECT s.ord, (
      SELECT su.status FROM "StatusUpdate" su
       WHERE su."commitmentId" = s.cid AND ${countingUpdate('su')}
         AND (s.pid IS NULL OR su."partyId" IS NULL OR su."partyId" = s.pid)
       ORDER BY ${newestFirst('su')}
       LIMIT 1) AS status
      FROM unnest(${scopes.map((scope) => scope.commitmentId)}::int[],
                  ${scopes.map((scope) => scope.partyId)}::int[]) WITH ORDINALITY AS s(cid, pid, ord)`;
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row.status]));
  return scopes.map((_, index) => byOrd.get(index + 1) ?? null);
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings before saving (lib/domain/status.ts updateWarning): the log-follow-up action and the CSV import's dry
// run ask what each new row would do to its scope's status before writing it.

export type ProposedUpdate = {
  commitmentId: number;
  partyId: number | null;
  /** Only an assessment moves a status (default); corroboration and context rows raise nothing here. */
  kind?: UpdateKind;
  status: CommitmentStatus | null;
  /** The `by` day; null when not known yet (then nothing is said about the row). */
  observedOn: Date | null;
  observedPrecision: DatePrecision;
};

type Entry = CurrentUpdate & { key: [number, number, number, number] };

function compareKeys(a: Entry['key'], b: Entry['key']): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * What to warn about for each row, in order, as if they were logged now one after the other (a later row of the
 * same batch sees the earlier ones): null for a row that raises nothing. The stored state is read in one query:
 * the newest counting update (lib/data/sql.ts countingUpdate) per commitment and party assessed (the whole
 * commitment being one of them).
 */
export async function proposedUpdateWarnings(
  client: Pick<Prisma.TransactionClient, '$queryRaw'>,
  rows: readonly ProposedUpdate[],
): Promise<(UpdateWarning | null)[]> {
  const ids = [...new Set(rows.map((row) => row.commitmentId))];
  if (!ids.length) return [];
  const stored = await client.$queryRaw<
    {
      commitment_id: number;
      party_id: number | null;
      status: CommitmentStatus;
      observed_from: Date;
      observed_on: Date;
      observed_precision: DatePrecision;
      created_at: Date;
      id: number;
    }[]
  >`
    SELECT DISTINCT ON ("commitmentId", "partyId")
           "commitmentId" AS commitment_id, "partyId" AS party_id, status, "observedFrom" AS observed_from,
           "observedOn" AS observed_on, "observedPrecision" AS observed_precision, "createdAt" AS created_at, id
      FROM "StatusUpdate" su
     WHERE su."commitmentId" = ANY(${ids}::int[]) AND ${countingUpdate('su')}
     ORDER BY "commitmentId", "partyId", ${newestFirst('su')}`;
  // Newest per commitment and party key ('' for the whole commitment), in compareUpdates order.
  const newest = new Map<number, Map<string, Entry>>();
  const keep = (commitmentId: number, partyId: number | null, entry: Entry) => {
    const byParty = newest.get(commitmentId) ?? new Map<string, Entry>();
    newest.set(commitmentId, byParty);
    const party = partyId === null ? '' : String(partyId);
    const old = byParty.get(party);
    if (!old || compareKeys(entry.key, old.key) > 0) byParty.set(party, entry);
  };
  for (const row of stored) {
    keep(row.commitment_id, row.party_id, {
      status: row.status,
      observedOn: row.observed_on,
      observedFrom: row.observed_from,
      observedPrecision: row.observed_precision,
      key: [dayNumber(row.observed_from), dayNumber(row.observed_on), row.created_at.getTime(), row.id],
    });
  }
  return rows.map((row, index) => {
    if (!row.observedOn || !row.status || (row.kind ?? 'assessment') !== 'assessment') return null;
    const byParty = newest.get(row.commitmentId);
    // The scope's current status: the commitment's rests on its newest update of any scope; a party's on the
    // newer of its own and the whole commitment's.
    const candidates = byParty
      ? row.partyId === null
        ? [...byParty.values()]
        : [byParty.get(''), byParty.get(String(row.partyId))]
      : [];
    let current: Entry | undefined;
    for (const entry of candidates)
      if (entry && (!current || compareKeys(entry.key, current.key) > 0)) current = entry;
    const warning = updateWarning(current, {
      status: row.status,
      observedOn: row.observedOn,
      observedPrecision: row.observedPrecision,
    });
    const from = factFrom(row.observedOn, row.observedPrecision);
    // Logged now, after everything stored, in the given order.
    keep(row.commitmentId, row.partyId, {
      status: row.status,
      observedOn: row.observedOn,
      observedFrom: from,
      observedPrecision: row.observedPrecision,
      key: [dayNumber(from), dayNumber(row.observedOn), Number.MAX_SAFE_INTEGER, index],
    });
    return warning;
  });
}
