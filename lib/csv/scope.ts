// Which commitments a report covers, and in what order: shared by both reports so that "the updates of the
// commitments in commitments.csv" holds for the same URL.
//
// Order: agreement title, then commitment title (ids break ties), compared byte-wise (COLLATE "C"). Titles are
// what the import identifies a commitment by, and byte order is the same on every PostgreSQL server whatever its
// locale, so a database rebuilt from an export lists its rows in the same order and exports the same bytes.
// The order doubles as the keyset for reading page after page: `(a.title, a.id, c.title, c.id) > last row`.
//
// Which commitments: lib/data/sql.ts commitmentScope, the commitment list's own conditions (agreement, category,
// party with the parties under it, strength, and for commitments.csv the due window).
import { Prisma } from '../generated/prisma/client.ts';

/** What the report queries need of a client: the app's `db`, a transaction, or a test's own client. */
export type Queryable = Pick<Prisma.TransactionClient, '$queryRaw'>;

export type CommitmentKey = { agreementTitle: string; agreementId: number; title: string; id: number };

export const SCOPE_ORDER = Prisma.sql`a.title COLLATE "C", a.id, c.title COLLATE "C", c.id`;

/** Rows after `after` in SCOPE_ORDER (everything when null). */
export function afterKey(after: CommitmentKey | null): Prisma.Sql {
  if (!after) return Prisma.sql`true`;
  return Prisma.sql`(a.title COLLATE "C", a.id, c.title COLLATE "C", c.id) >
    (${after.agreementTitle}::text COLLATE "C", ${after.agreementId}::int, ${after.title}::text COLLATE "C", ${after.id}::int)`;
}
