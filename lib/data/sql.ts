// SQL fragments written once and used by every query that needs them. Each names the TypeScript rule it mirrors;
// the tests that prove the SQL equal to that rule are listed beside it.
import { Prisma } from '../generated/prisma/client.ts';

/**
 * A follow-up log row that counts for status (lib/domain/status.ts `countsForStatus`): an assessment (not a
 * corroboration or context row) that was not withdrawn (corrected or retracted). `alias` is the StatusUpdate
 * table's alias in the query, e.g. `countingUpdate('su')`.
 */
export function countingUpdate(alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, '')}"`);
  return Prisma.sql`(${a}."kind" = 'assessment' AND ${a}."withdrawnAt" IS NULL)`;
}

/**
 * A row that is news for "stale" and the cached lastEvidenceOn (lib/domain/status.ts `isNews`): a counting row, or
 * a corroboration citing evidence that was not withdrawn.
 */
export function newsUpdate(alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, '')}"`);
  return Prisma.sql`(${a}."withdrawnAt" IS NULL AND (${a}."kind" = 'assessment'
    OR (${a}."kind" = 'corroboration' AND ${a}."evidenceId" IS NOT NULL)))`;
}

/**
 * The type of the cited evidence as it bears on this commitment (lib/domain/attention.ts `effectiveEvidenceType`):
 * the row's own, else the item's. `update` and `evidence` are the aliases of StatusUpdate and its Evidence.
 */
export function effectiveEvidenceType(update: string, evidence: string): Prisma.Sql {
  const u = Prisma.raw(`"${update.replace(/"/g, '')}"`);
  const e = Prisma.raw(`"${evidence.replace(/"/g, '')}"`);
  return Prisma.sql`coalesce(${u}."evidenceType", ${e}.type)`;
}

/**
 * A row that evidences an occurrence of a recurring commitment (lib/domain/recurrence.ts `isOccurrenceEvidence`,
 * with the effective evidence type): not context, not withdrawn, the cited item a concrete action for this
 * commitment, a status that says it happened. `evidence` is the alias of its (LEFT JOINed) Evidence.
 */
export function occurrenceEvidence(update: string, evidence: string): Prisma.Sql {
  const u = Prisma.raw(`"${update.replace(/"/g, '')}"`);
  return Prisma.sql`(${u}."kind" <> 'context' AND ${u}."withdrawnAt" IS NULL
    AND ${effectiveEvidenceType(update, evidence)} = 'concrete_action'
    AND ${u}.status IN ('in_progress', 'partially_fulfilled', 'fulfilled'))`;
}
