// What the commitment dashboard shows over time: the follow-up log with the evidence behind each entry (for the
// status timeline chart and the history list), the per-party status cache, and the audit trail of the commitment
// and its updates. A fixed handful of queries per page, whatever the length of the history.
import { db } from '../db.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { compareDays, formatDay } from '../domain/dates.ts';
import { partyStatuses, updatesAsOf, type StatusUpdateLike } from '../domain/status.ts';

/** What the per-party status and the chart's span need of a follow-up log row (lib/data/commitments.ts HistoryEntry). */
export type TimelineEntry = StatusUpdateLike;

export type PartyStatusRow = {
  party: { id: number; name: string };
  status: CommitmentStatus;
  since: Date | null;
};

/**
 * Status per responsible party, in the order given; a party with no applicable counting update is "no evidence".
 * Today it reads the cache (CommitmentPartyStatus); as of a day it applies the rules to the history up to then
 * (partyStatuses, counting rows only).
 */
export async function listPartyStatuses(
  commitmentId: number,
  responsible: readonly { id: number; name: string }[],
  /** As of a day: the commitment's follow-up log, every row (the rules pick the counting ones). */
  options: { asOf: Date; timeline: readonly TimelineEntry[] } | { asOf?: null } = {},
): Promise<PartyStatusRow[]> {
  let byParty: Map<number, { status: CommitmentStatus; since: Date | null }>;
  if (options.asOf) {
    const derived = partyStatuses(
      updatesAsOf(options.timeline, options.asOf),
      responsible.map((party) => party.id),
    );
    byParty = new Map(derived.map((row) => [row.partyId, { status: row.status, since: row.since }]));
  } else {
    const rows = await db.commitmentPartyStatus.findMany({
      where: { commitmentId },
      select: { partyId: true, status: true, statusSince: true },
    });
    byParty = new Map(rows.map((row) => [row.partyId, { status: row.status, since: row.statusSince }]));
  }
  return responsible.map((party) => ({
    party,
    ...(byParty.get(party.id) ?? { status: 'no_evidence' as const, since: null }),
  }));
}

/** Audit events per page of the trail: each lists every field it changed, so a page of them is heavy. */
const AUDIT_TRAIL_PAGE_SIZE = 5;

export type AuditTrailEntry = {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  createdAt: Date;
  actor: string | null;
  changes: AuditChange[];
};

export type AuditChange = { field: string; before: string | null; after: string | null };

/**
 * The audit events of a commitment and of its status updates (audit convention, lib/data/audit.ts: entityType is
 * the model name, entityId the id as text), newest first, each with who made it and what changed: one page of them
 * (from 1), and whether older events follow.
 */
export async function listCommitmentAuditTrail(
  commitmentId: number,
  updateIds: readonly number[],
  { page = 1, pageSize = AUDIT_TRAIL_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
): Promise<{ entries: AuditTrailEntry[]; page: number; hasOlder: boolean }> {
  const rows = await db.auditEvent.findMany({
    where: {
      OR: [
        { entityType: 'Commitment', entityId: String(commitmentId) },
        ...(updateIds.length
          ? [{ entityType: 'StatusUpdate', entityId: { in: updateIds.map(String) } }]
          : []),
      ],
    },
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
  });
  return {
    page,
    hasOlder: rows.length > pageSize,
    entries: rows.slice(0, pageSize).map((row) => ({
      id: row.id.toString(),
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      createdAt: row.createdAt,
      actor: row.actor?.name ?? null,
      changes: auditChanges(row.before, row.after),
    })),
  };
}

/** Bookkeeping columns nobody reads an audit trail for. */
const IGNORED_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'version']);

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // Days are stored as ISO instants at UTC midnight: show them as days.
    if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(value)) return value.slice(0, 10);
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Links such as a commitment's parties: "responsible #3, beneficiary #2".
  if (Array.isArray(value) && value.every((item) => item && typeof item === 'object' && 'partyId' in item))
    return value
      .map((item) => `${'role' in item ? `${String(item.role)} ` : ''}#${String(item.partyId)}`)
      .join(', ');
  return JSON.stringify(value);
}

/**
 * The fields that differ between `before` and `after` (top-level keys of the audit JSON); for a create every
 * field that has a value, for a delete every field it had.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const asObject = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const a = asObject(before);
  const b = asObject(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (field) => !IGNORED_FIELDS.has(field),
  );
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const from = show(a[field]);
    const to = show(b[field]);
    if (from !== to) changes.push({ field, before: from, after: to });
  }
  return changes;
}

/** The first and last day the timeline chart spans: from the earliest news (or the day it was recorded) to D. */
export function timelineSpan(
  entries: readonly TimelineEntry[],
  createdAt: Date,
  end: Date,
): { from: string; to: string } {
  // The earliest day any entry surely held by (entries are in compareUpdates order, whose first need not be it).
  let start = createdAt;
  for (const entry of entries) if (compareDays(entry.observedOn, start) < 0) start = entry.observedOn;
  return { from: formatDay(compareDays(start, end) <= 0 ? start : end), to: formatDay(end) };
}
