// Which commitments a report covers, and in what order: shared by both reports so that "the updates of the
// commitments in commitments.csv" holds for the same URL.
//
// Order: agreement title, then commitment title (ids break ties), compared byte-wise (COLLATE "C"). Titles are
// what the import identifies a commitment by, and byte order is the same on every PostgreSQL server whatever its
// locale, so a database rebuilt from an export lists its rows in the same order and exports the same bytes.
// The order doubles as the keyset for reading page after page: `(a.title, a.id, c.title, c.id) > last row`.
import { Prisma } from '../generated/prisma/client.ts';
import { formatDay } from '../domain/dates.ts';
import type { ReportFilters } from './filters.ts';

/** What the report queries need of a client: the app's `db`, a transaction, or a test's own client. */
export type Queryable = Pick<Prisma.TransactionClient, '$queryRaw'>;

export type CommitmentKey = { agreementTitle: string; agreementId: number; title: string; id: number };

export const day = (value: Date) => Prisma.sql`${formatDay(value)}::date`;

/** `party_scope(id)`: the filter's party and every party under it (as the commitment list does). */
export function partyScopeDefinition(party: number): Prisma.Sql {
  return Prisma.sql`party_scope(id) AS (
      SELECT ${party}::int
      UNION
      SELECT p.id FROM "Party" p JOIN party_scope s ON p."parentId" = s.id
    )`;
}

/** `WITH RECURSIVE party_scope(id)` when the filters name a party; nothing otherwise. */
export function scopeCte(filters: ReportFilters): Prisma.Sql {
  if (filters.party === undefined) return Prisma.empty;
  return Prisma.sql`WITH RECURSIVE ${partyScopeDefinition(filters.party)}`;
}

/**
 * Conditions on `"Commitment" c` joined to `"Agreement" a`: live commitments of the filters' agreement, category
 * and party (any role). With `dueWindow`, `from`/`to` bound the due date (the commitments report); the updates
 * report bounds observedOn with them instead. The status filter is each report's own; strength is the
 * commitment's.
 */
export function scopeConditions(filters: ReportFilters, options: { dueWindow: boolean }): Prisma.Sql[] {
  const conditions = [Prisma.sql`c."archivedAt" IS NULL`];
  if (filters.agreement !== undefined)
    conditions.push(Prisma.sql`c."agreementId" = ${filters.agreement}::int`);
  if (filters.category !== undefined) conditions.push(Prisma.sql`c."categoryId" = ${filters.category}::int`);
  if (filters.party !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "CommitmentParty" cp
       WHERE cp."commitmentId" = c.id AND cp."partyId" IN (SELECT id FROM party_scope))`);
  }
  // The commitments' own strength (firm, intent, proposal): both reports, so updates.csv follows commitments.csv.
  if (filters.strength) conditions.push(Prisma.sql`c.strength = ${filters.strength}::"CommitmentStrength"`);
  if (options.dueWindow && filters.from) conditions.push(Prisma.sql`c."dueOn" >= ${day(filters.from)}`);
  if (options.dueWindow && filters.to) conditions.push(Prisma.sql`c."dueOn" <= ${day(filters.to)}`);
  return conditions;
}

export const SCOPE_ORDER = Prisma.sql`a.title COLLATE "C", a.id, c.title COLLATE "C", c.id`;

/** Rows after `after` in SCOPE_ORDER (everything when null). */
export function afterKey(after: CommitmentKey | null): Prisma.Sql {
  if (!after) return Prisma.sql`true`;
  return Prisma.sql`(a.title COLLATE "C", a.id, c.title COLLATE "C", c.id) >
    (${after.agreementTitle}::text COLLATE "C", ${after.agreementId}::int, ${after.title}::text COLLATE "C", ${after.id}::int)`;
}

export function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`true`;
}
