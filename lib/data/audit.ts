// Every write leaves an AuditEvent in the same transaction: who changed what, when, before and after.
// Conventions, so the audit trail reads the same everywhere:
// - `entityType` is the Prisma model name ('Commitment', 'StatusUpdate', ...), `entityId` its id as text
//   (composite keys joined with ':'), so one index answers "the history of this record".
// - `action` is a verb: 'create', 'update', 'archive', 'unarchive', 'delete'.
// - `before` is null for a create, `after` null for a delete; both are the record's own columns.
// - `actorId` is the signed-in user's id, null for the system (seed, migrations, CLI rebuilds).
import { Prisma } from '../generated/prisma/client.ts';

type AuditAction = 'create' | 'update' | 'archive' | 'unarchive' | 'delete' | (string & {});

export type AuditInput = {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | number | bigint;
  before?: unknown;
  after?: unknown;
};

/** What recordAudit needs of a client: a transaction client (or the client itself, for a single write). */
export type AuditWriter = Pick<Prisma.TransactionClient, '$executeRaw'>;

/**
 * A JSON-safe copy of a value: Dates become ISO strings, BigInts and Decimals strings, undefined properties
 * are dropped (and undefined array items become null, as JSON.stringify does).
 */
function toAuditJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map((item) => toAuditJson(item)) as Prisma.InputJsonArray;
  if (typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== 'function') out[key] = toAuditJson(item);
    }
    return out as Prisma.InputJsonObject;
  }
  return null;
}

/** Writes one AuditEvent; call it with the transaction that makes the change. */
export async function recordAudit(tx: AuditWriter, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/**
 * Writes AuditEvents in one statement, in the given order (bulk writes such as CSV import, and every single one).
 * One raw INSERT over a JSON array (jsonb_to_recordset: a JSON null is an SQL NULL): Prisma's create cost a
 * millisecond of the server's CPU more per event, on every write of the app (the bench's follow-up loop).
 */
export async function recordAudits(tx: AuditWriter, inputs: readonly AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.$executeRaw(auditInsert(inputs));
}

/**
 * recordAudits' INSERT as a statement to run with another (a data-modifying WITH of the same round trip: the
 * follow-up's events ride with its status-cache refresh, lib/data/status-updates.ts). Needs at least one event.
 */
export function auditInsert(inputs: readonly AuditInput[]): Prisma.Sql {
  const rows = JSON.stringify(
    inputs.map((input) => ({
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      before: toAuditJson(input.before),
      after: toAuditJson(input.after),
    })),
  );
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", before, after)
    SELECT r."actorId", r.action, r."entityType", r."entityId", r.before, r.after
      FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb)
             AS ("actorId" text, action text, "entityType" text, "entityId" text, before jsonb, after jsonb))
           WITH ORDINALITY AS r("actorId", action, "entityType", "entityId", before, after, n)
     ORDER BY r.n`;
}
