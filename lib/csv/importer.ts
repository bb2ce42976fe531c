// CSV import of follow-ups, in exactly the format of updates.csv: a dry run (previewImport) and the import
// (importFollowUps), which checks the file again inside its own transaction and writes every row or none.
//
// Writes, all in one transaction: outlets and evidence the file introduces (one audit event each), then the status
// updates in file order through appendStatusUpdates (the status cache of every commitment touched, and one audit
// event per update, action "import"). The person importing is the author and audit actor of every row, and the
// import's time every row's logged time; what a copied row's file says (author, logged_at) is kept only as
// "originally logged by / at". An analyst cannot import rows on an agreement that requires review (they would
// have to be proposals, which keep no original author or time): refuseImportUnderReview, lib/data/review.ts. Imports run one at a time (a transaction-scoped advisory lock), so two
// people importing the same file at once cannot both find its rows missing and write them twice.
import { Prisma, type PrismaClient, type StatusUpdate } from '../generated/prisma/client.ts';
import { RuleViolationError } from '../errors.ts';
import { recordAudits } from '../data/audit.ts';
import { refuseImportUnderReview } from '../data/review.ts';
import { appendStatusUpdates } from '../data/status-updates.ts';
import { importMaxBytes } from './import-limits.ts';
import { parseImportFile } from './import-parse.ts';
import { planImport, type ImportPlan, type ImportPreview } from './import-plan.ts';

type Tx = Prisma.TransactionClient;

export type ImportActor = { id: string; name: string };

export type ImportOptions = { maxBytes?: number; now?: Date };

export type ImportOutcome =
  | { imported: true; preview: ImportPreview; updateIds: number[] }
  | { imported: false; preview: ImportPreview };

/** Serialises imports (see above). */
const IMPORT_LOCK_KEY = 72707371;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** The dry run: what importing this file would do, and every problem in it. Writes nothing. */
export async function previewImport(
  client: PrismaClient,
  bytes: Uint8Array,
  actor: ImportActor,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const parsed = parseImportFile(bytes, options.maxBytes ?? importMaxBytes());
  const plan = await planImport(client, parsed, { actorName: actor.name, now: options.now });
  await refuseImportUnderReview(
    client,
    actor.id,
    plan.updates.map((update) => update.commitmentId),
  );
  return plan.preview;
}

class Rejected extends Error {
  constructor(readonly preview: ImportPreview) {
    super('The import has problems.');
  }
}

/** Imports every row of the file, or none when any row has a problem (then the outcome carries the preview). */
export async function importFollowUps(
  client: PrismaClient,
  bytes: Uint8Array,
  actor: ImportActor,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const parsed = parseImportFile(bytes, options.maxBytes ?? importMaxBytes());
  try {
    return await client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
        // One notification event per import, not per row (migration 20261203031500_notifications).
        await tx.$executeRaw`SELECT set_config('pactwatch.import', pg_current_xact_id()::text, true)`;
        const plan = await planImport(tx, parsed, { actorName: actor.name, now: options.now });
        if (plan.preview.problemCount) throw new Rejected(plan.preview);
        await refuseImportUnderReview(
          tx,
          actor.id,
          plan.updates.map((update) => update.commitmentId),
        );
        const updates = await writePlan(tx, plan, actor.id);
        return {
          imported: true as const,
          preview: plan.preview,
          updateIds: updates.map((update) => update.id),
        };
      },
      // A large file is many statements; the embedded database answers one query at a time.
      { maxWait: 30_000, timeout: 300_000 },
    );
  } catch (error) {
    if (error instanceof Rejected) return { imported: false, preview: error.preview };
    // An outlet or evidence address created by someone else between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new RuleViolationError(
        'Someone logged an outlet or item of this file while it was being imported. Nothing was imported: check the file again.',
      );
    }
    throw error;
  }
}

async function writePlan(tx: Tx, plan: ImportPlan, actorId: string): Promise<StatusUpdate[]> {
  const outlets = new Map(plan.existingOutlets);
  if (plan.newOutlets.length) {
    const created = await tx.outlet.createManyAndReturn({
      data: plan.newOutlets.map((outlet) => ({
        name: outlet.name,
        defaultReliability: outlet.defaultReliability,
      })),
    });
    for (const outlet of created) outlets.set(outlet.name.trim().toLowerCase(), outlet);
    await recordAudits(
      tx,
      created.map((outlet) => ({
        actorId,
        action: 'create',
        entityType: 'Outlet',
        entityId: outlet.id,
        before: null,
        after: outlet,
      })),
    );
  }

  const evidenceIds = new Map(plan.existingEvidence);
  for (const batch of chunks(plan.newEvidence)) {
    const created = await tx.evidence.createManyAndReturn({
      data: batch.map((item) => {
        const outlet = outlets.get(item.outletKey)!;
        return {
          url: item.url,
          outletId: outlet.id,
          title: item.title,
          originalTitle: item.originalTitle,
          language: item.language,
          reliability: item.reliability ?? outlet.defaultReliability,
          credibility: item.credibility,
          type: item.type,
        };
      }),
    });
    for (const item of created) evidenceIds.set(item.url, item.id);
    await recordAudits(
      tx,
      created.map((item) => ({
        actorId,
        action: 'create',
        entityType: 'Evidence',
        entityId: item.id,
        before: null,
        after: item,
      })),
    );
  }

  // One logged time for all rows, the import's: same-day facts among them then rank by file order (their ids).
  return appendStatusUpdates(
    tx,
    actorId,
    plan.updates.map((update) => ({
      commitmentId: update.commitmentId,
      partyId: update.partyId,
      kind: update.kind,
      evidenceType: update.evidenceType,
      adoptsProposal: update.adoptsProposal,
      status: update.status,
      reason: update.reason,
      evidenceId: update.evidenceUrl ? evidenceIds.get(update.evidenceUrl)! : null,
      observedOn: update.observedOn,
      observedPrecision: update.observedPrecision,
      originallyLoggedBy: update.originallyLoggedBy,
      originallyLoggedAt: update.originallyLoggedAt,
    })),
    { action: 'import', loggedAt: new Date() },
  );
}
