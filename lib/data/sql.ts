// The SQL vocabulary every query in lib/data and lib/csv speaks: days, conjunctions, the party tree, the order of
// the follow-up log, which rows count, and what a commitment list or report is filtered by. Written once here so
// that no two queries can disagree. Where a fragment is the SQL form of a rule written in TypeScript, its comment
// names that reference and the tests that prove the two equal.
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStrength } from '../generated/prisma/enums.ts';
import { formatDay } from '../domain/dates.ts';

/** A table alias (or a name made from one) as a quoted SQL identifier. */
export function sqlName(alias: string): Prisma.Sql {
  return Prisma.raw(`"${alias.replace(/"/g, '')}"`);
}

/** `alias.` before a column, or nothing for a query's own unqualified columns. */
function qualifier(alias: string | undefined): string {
  return alias === undefined ? '' : `"${alias.replace(/"/g, '')}".`;
}

// ---- days ----------------------------------------------------------------------------------------------------

/** A day (lib/domain/dates.ts: a UTC midnight) as an SQL date parameter. */
export function day(value: Date): Prisma.Sql {
  return Prisma.sql`${formatDay(value)}::date`;
}

/** Days as an SQL date[] parameter, e.g. for `unnest(…) AS d(day)`. */
export function dayArray(values: readonly Date[]): Prisma.Sql {
  return Prisma.sql`${values.map(formatDay)}::date[]`;
}

/**
 * The UTC day of a timestamp expression (lib/domain/dates.ts `toDay`), e.g. the day a commitment was recorded,
 * from which "stale" counts before any news. tests/attention-sql.test.ts compares it with toDay on timestamps
 * late in the UTC day.
 */
export function utcDay(timestamp: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${timestamp} AT TIME ZONE 'UTC')::date`;
}

// ---- rows ----------------------------------------------------------------------------------------------------

/**
 * A model's scalar fields (its generated `Prisma.<Model>ScalarFieldEnum`) as a SELECT or RETURNING list, so a raw
 * statement returns the row Prisma's own create would have: enum columns read as text (Prisma's raw queries do not
 * read PostgreSQL enum types), everything else as it is. A column added to the model joins the list by itself.
 */
export function scalarColumns(fields: Record<string, string>, enums: readonly string[]): Prisma.Sql {
  return Prisma.raw(
    Object.values(fields)
      .map((field) => (enums.includes(field) ? `"${field}"::text AS "${field}"` : `"${field}"`))
      .join(', '),
  );
}

// ---- conditions ------------------------------------------------------------------------------------------------

/** The conditions joined by AND; `true` when there are none. */
export function and(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`true`;
}

// ---- the party tree ------------------------------------------------------------------------------------------

/**
 * `party_tree(root, member)`, for a WITH RECURSIVE clause: each root paired with itself and with every party under
 * it (NCCIA under Pakistan), following Party.parentId down. Roots: one party, several, or (absent) every party; the
 * recursion starts from them, so a query about one party reads its own subtree, not every party's. UNION (not
 * UNION ALL) drops repeats, so even a cycle typed by mistake ends the recursion and counts each party once.
 * tests/compliance-sql.test.ts and tests/as-of-dashboards.test.ts ("with sub-parties") and
 * tests/dashboard-lists.test.ts (the party filters) check what it selects against sub-parties made by the test.
 */
export function partyTree(roots?: number | readonly number[]): Prisma.Sql {
  // One root is a plain integer parameter: updates.csv writes its parameters into COPY's text, integers only.
  const seed =
    roots === undefined
      ? Prisma.empty
      : typeof roots === 'number'
        ? Prisma.sql`WHERE id = ${roots}::int`
        : Prisma.sql`WHERE id = ANY(${[...roots]}::int[])`;
  return Prisma.sql`party_tree(root, member) AS (
    SELECT id, id FROM "Party" ${seed}
    UNION
    SELECT t.root, p.id FROM party_tree t JOIN "Party" p ON p."parentId" = t.member
  )`;
}

/** `WITH RECURSIVE party_tree …` rooted at the filters' party; nothing when no party is asked for. */
export function withPartyTree(party: number | undefined): Prisma.Sql {
  return party === undefined ? Prisma.empty : Prisma.sql`WITH RECURSIVE ${partyTree(party)}`;
}

/** The party `column` is in `party_tree` (the query's WITH RECURSIVE must define it). */
export function inPartyTree(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${column} IN (SELECT member FROM party_tree)`;
}

// ---- the follow-up log ---------------------------------------------------------------------------------------

const UPDATE_ORDER = ['"observedFrom"', '"observedOn"', '"createdAt"', 'id'];

/**
 * The follow-up log's order, oldest news first: lib/domain/status.ts `compareUpdates` (observedFrom, observedOn,
 * createdAt, id), the order of StatusUpdate_news_order_idx. `alias` is the StatusUpdate alias; none for a query's
 * own columns of those names. tests/csv-export.test.ts proves updates.csv in sortUpdates order.
 */
export function oldestFirst(alias?: string): Prisma.Sql {
  const q = qualifier(alias);
  return Prisma.raw(UPDATE_ORDER.map((column) => `${q}${column}`).join(', '));
}

/**
 * Newest news first: `compareUpdates` reversed, the order of StatusUpdate_commitment_news_order_idx, in which the
 * first counting row is the current status. tests/status-cache.test.ts, tests/attention-sql.test.ts and
 * tests/as-of-dashboards.test.ts prove the statuses read in this order equal to lib/domain/status.ts.
 */
export function newestFirst(alias?: string): Prisma.Sql {
  const q = qualifier(alias);
  return Prisma.raw(UPDATE_ORDER.map((column) => `${q}${column} DESC`).join(', '));
}

/** The row value `(observedFrom, observedOn, createdAt, id)` of `alias`: `>` between two is `compareUpdates` > 0. */
export function updateKey(alias: string): Prisma.Sql {
  const q = qualifier(alias);
  return Prisma.raw(`(${UPDATE_ORDER.map((column) => `${q}${column}`).join(', ')})`);
}

/**
 * A follow-up log row that counts for status (lib/domain/status.ts `countsForStatus`): an assessment (not a
 * corroboration or context row) that was not withdrawn (corrected or retracted). `alias` is the StatusUpdate
 * table's alias in the query, e.g. `countingUpdate('su')`. tests/status-cache.test.ts and
 * tests/attention-sql.test.ts prove the statuses it gives equal to the rules on histories of every kind of row.
 */
export function countingUpdate(alias: string): Prisma.Sql {
  const a = sqlName(alias);
  return Prisma.sql`(${a}."kind" = 'assessment' AND ${a}."withdrawnAt" IS NULL)`;
}

/**
 * A row that is news for "stale" and the cached lastEvidenceOn (lib/domain/status.ts `isNews`): a counting row, or
 * a corroboration citing evidence that was not withdrawn. Proven by tests/status-cache.test.ts (lastEvidenceOn)
 * and tests/attention-sql.test.ts (stale, contradicted).
 */
export function newsUpdate(alias: string): Prisma.Sql {
  const a = sqlName(alias);
  return Prisma.sql`(${a}."withdrawnAt" IS NULL AND (${a}."kind" = 'assessment'
    OR (${a}."kind" = 'corroboration' AND ${a}."evidenceId" IS NOT NULL)))`;
}

/**
 * The type of the cited evidence as it bears on this commitment (lib/domain/attention.ts `effectiveEvidenceType`):
 * the row's own, else the item's. `update` and `evidence` are the aliases of StatusUpdate and its Evidence.
 * tests/attention-sql.test.ts ("contradicted", with random per-row types).
 */
export function effectiveEvidenceType(update: string, evidence: string): Prisma.Sql {
  return Prisma.sql`coalesce(${sqlName(update)}."evidenceType", ${sqlName(evidence)}.type)`;
}

/**
 * A row that evidences an occurrence of a recurring commitment (lib/domain/recurrence.ts `isOccurrenceEvidence`,
 * with the effective evidence type): not context, not withdrawn, the cited item a concrete action for this
 * commitment, a status that says it happened. `evidence` is the alias of its (LEFT JOINed) Evidence.
 * tests/attention-sql.test.ts (recurring commitments' "overdue").
 */
export function occurrenceEvidence(update: string, evidence: string): Prisma.Sql {
  const u = sqlName(update);
  return Prisma.sql`(${u}."kind" <> 'context' AND ${u}."withdrawnAt" IS NULL
    AND ${effectiveEvidenceType(update, evidence)} = 'concrete_action'
    AND ${u}.status IN ('in_progress', 'partially_fulfilled', 'fulfilled'))`;
}

// ---- which commitments -----------------------------------------------------------------------------------------

/**
 * What the commitment list and both reports select commitments by (lib/validation/filters.ts: the list's filters
 * and the reports' are one vocabulary, so a report of a list's URL covers the same commitments).
 */
export type CommitmentScope = {
  agreement?: number;
  category?: number;
  party?: number;
  strength?: CommitmentStrength;
  from?: Date;
  to?: Date;
};

/**
 * Conditions on `"Commitment" c`: live, of the agreement and category, involving the party or one under it in any
 * role (the query starts with `withPartyTree(scope.party)`), of the strength, and due between `from` and `to`
 * inclusive. With `dueWindow: false`, `from` and `to` are left to the caller (updates.csv bounds the fact date with
 * them). tests/dashboard-lists.test.ts checks each filter against a plain reading of it.
 */
export function commitmentScope(scope: CommitmentScope, { dueWindow = true } = {}): Prisma.Sql[] {
  const conditions = [Prisma.sql`c."archivedAt" IS NULL`];
  if (scope.agreement !== undefined) conditions.push(Prisma.sql`c."agreementId" = ${scope.agreement}::int`);
  if (scope.category !== undefined) conditions.push(Prisma.sql`c."categoryId" = ${scope.category}::int`);
  if (scope.party !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "CommitmentParty" cp
       WHERE cp."commitmentId" = c.id AND ${inPartyTree(Prisma.sql`cp."partyId"`)})`);
  }
  if (scope.strength) conditions.push(Prisma.sql`c.strength = ${scope.strength}::"CommitmentStrength"`);
  if (dueWindow && scope.from) conditions.push(Prisma.sql`c."dueOn" >= ${day(scope.from)}`);
  if (dueWindow && scope.to) conditions.push(Prisma.sql`c."dueOn" <= ${day(scope.to)}`);
  return conditions;
}
