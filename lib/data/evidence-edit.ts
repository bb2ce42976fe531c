// Editing a logged news item, and the history of its edits. The address (url) is not editable: it is the item's
// identity (Evidence."urlKey"). Edits are optimistic-locked (guardedUpdate, lib/data/editing.ts) and audited with
// the item before and after, in one transaction.
//
// The excerpt's fingerprint (excerptHash, SHA-256 of the excerpt as saved) is recomputed on every edit, so it
// always describes the text as last saved and the evidence page can still detect a change made outside the app.
// The text as first logged (and each earlier version) is not lost: the audit event of each edit keeps the row
// before it, excerpt and hash included, and the evidence page lists those edits.
import { createHash } from 'node:crypto';
import { db } from '../db.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { formatDay } from '../domain/dates.ts';
import type { EvidenceFormValues, UpdateEvidenceInput } from '../validation/evidence-edit.ts';
import { recordAudit } from './audit.ts';
import { checkPicks, guardedUpdate, text } from './editing.ts';
import { evidenceFieldsSelect } from './selects.ts';
import { auditChanges, type AuditChange } from './timeline.ts';

const evidenceEditSelect = {
  ...evidenceFieldsSelect,
  version: true,
  excerptHash: true,
  outletId: true,
  updatedAt: true,
  outlet: { select: { id: true, name: true, archivedAt: true } },
} satisfies Prisma.EvidenceSelect;

export type EvidenceForEdit = Prisma.EvidenceGetPayload<{ select: typeof evidenceEditSelect }>;

/** The item as its edit form needs it, or null. */
export async function getEvidenceForEdit(
  id: number,
  client: PrismaClient = db,
): Promise<EvidenceForEdit | null> {
  return client.evidence.findUnique({ where: { id }, select: evidenceEditSelect });
}

export function evidenceFormValues(evidence: EvidenceForEdit): EvidenceFormValues {
  return {
    id: String(evidence.id),
    version: String(evidence.version),
    title: evidence.title,
    originalTitle: text(evidence.originalTitle),
    language: evidence.language,
    publishedOn: evidence.publishedOn ? formatDay(evidence.publishedOn) : '',
    excerpt: text(evidence.excerpt),
    reliability: evidence.reliability,
    credibility: String(evidence.credibility),
    type: evidence.type,
    outletId: String(evidence.outletId),
  };
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Saves an edit of the item when the form's version is still the saved one (else EditConflictError with the
 * saved values), audited as 'update' with the row before and after. The outlet must exist and be live, unless it
 * is the item's current one.
 */
export async function updateEvidence(
  input: UpdateEvidenceInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<EvidenceForEdit> {
  const { id, version, outletId, ...fields } = input;
  return client.$transaction(async (tx) => {
    const load = () => tx.evidence.findUnique({ where: { id }, select: evidenceEditSelect });
    const current = await load();
    // Checked only for a form that is not stale: a stale one learns of the conflict first.
    if (current && current.version === version) {
      const outlets = await tx.outlet.findMany({
        where: { id: outletId },
        select: { id: true, name: true, archivedAt: true },
      });
      checkPicks({
        ids: [outletId],
        found: outlets,
        keep: [current.outletId],
        field: 'outletId',
        noun: 'outlet',
      });
    }
    const before = await guardedUpdate({
      what: 'item',
      version,
      load,
      formValues: evidenceFormValues,
      write: () =>
        tx.evidence.updateMany({
          where: { id, version },
          data: {
            ...fields,
            outletId,
            excerptHash: fields.excerpt ? sha256(fields.excerpt) : null,
            version: { increment: 1 },
          },
        }),
    });
    const after = (await load())!;
    // The audit keeps the item's own columns (the outlet by id).
    const columns = (row: EvidenceForEdit) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'outlet'));
    await recordAudit(tx, {
      actorId,
      action: 'update',
      entityType: 'Evidence',
      entityId: id,
      before: columns(before),
      after: columns(after),
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The edit history of an item

export type EvidenceEdit = {
  id: string;
  at: Date;
  actor: string | null;
  changes: AuditChange[];
};

/** Bookkeeping the history does not show: the fingerprint follows the excerpt (see the top of this file). */
const HIDDEN = new Set(['excerptHash', 'outlet']);

/** The item's edits (audit events 'update' of this Evidence), newest first, outlets named. */
export async function listEvidenceEdits(
  evidenceId: number,
  client: PrismaClient = db,
  limit = 50,
): Promise<EvidenceEdit[]> {
  const rows = await client.auditEvent.findMany({
    where: { entityType: 'Evidence', entityId: String(evidenceId), action: 'update' },
    select: { id: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  const edits = rows.map((row) => ({
    id: row.id.toString(),
    at: row.createdAt,
    actor: row.actor?.name ?? null,
    changes: auditChanges(row.before, row.after).filter((change) => !HIDDEN.has(change.field)),
  }));
  const outletIds = new Set<number>();
  for (const edit of edits)
    for (const change of edit.changes)
      if (change.field === 'outletId')
        for (const value of [change.before, change.after]) if (value) outletIds.add(Number(value));
  if (outletIds.size) {
    const outlets = await client.outlet.findMany({
      where: { id: { in: [...outletIds].filter(Number.isSafeInteger) } },
      select: { id: true, name: true },
    });
    const names = new Map(outlets.map((outlet) => [String(outlet.id), outlet.name]));
    for (const edit of edits)
      for (const change of edit.changes)
        if (change.field === 'outletId') {
          change.before = change.before ? (names.get(change.before) ?? `#${change.before}`) : null;
          change.after = change.after ? (names.get(change.after) ?? `#${change.after}`) : null;
        }
  }
  return edits;
}
