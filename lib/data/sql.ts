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

/** The same condition as plain SQL text, for statements assembled as strings (COPY, raw DDL). */
export function countingUpdateText(alias: string): string {
  const a = `"${alias.replace(/"/g, '')}"`;
  return `(${a}."kind" = 'assessment' AND ${a}."withdrawnAt" IS NULL)`;
}
