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
export type AuditWriter = Pick<Prisma.TransactionClient, 'auditEvent'>;

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

function jsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  const json = toAuditJson(value);
  return json === null ? Prisma.DbNull : json;
}

/** Writes one AuditEvent; call it with the transaction that makes the change. */
export async function recordAudit(tx: AuditWriter, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      before: jsonColumn(input.before),
      after: jsonColumn(input.after),
    },
  });
}

/** Writes many AuditEvents in one statement (bulk writes such as CSV import). */
export async function recordAudits(tx: AuditWriter, inputs: readonly AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.auditEvent.createMany({
    data: inputs.map((input) => ({
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      before: jsonColumn(input.before),
      after: jsonColumn(input.after),
    })),
  });
}
