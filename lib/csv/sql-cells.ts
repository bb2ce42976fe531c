// CSV cells written by PostgreSQL, byte for byte what lib/csv/cells.ts and lib/csv/stream.ts write in JavaScript.
//
// A million-row export spent most of its time turning each of a row's 17 cells from the wire into a JavaScript
// string, neutralising, testing and quoting it, and encoding the record back to UTF-8. Written by the query, a
// row arrives as two strings (the cells before and after "previous status", the one cell the report works out
// itself), and the app only joins them. tests/csv-sql-cells.test.ts checks these expressions against
// neutraliseCell + csv-stringify on random strings through a real PostgreSQL.
import { Prisma } from '../generated/prisma/client.ts';

/** The first characters neutraliseCell prefixes with a quote (lib/csv/cells.ts), as SQL literals. */
const TRIGGERS = [
  "'='",
  "'+'",
  "'-'",
  "'@'",
  "E'\\t'",
  "E'\\r'",
  "'＝'",
  "'＋'",
  "'－'",
  "'＠'",
  "''''",
].join(', ');

/**
 * `textCell(value)` as a CSV field: null → empty; a value starting with a formula trigger or a quote gets a
 * leading ' (neutraliseCell); a value holding a comma, double quote, CR or LF is quoted with its quotes doubled,
 * as RFC 4180 and csv-stringify do. `column` is a column reference from this module's callers, never user input.
 */
export function textField(column: string): string {
  const value = `coalesce(${column}, '')`;
  const neutralised = `CASE WHEN left(${value}, 1) IN (${TRIGGERS}) THEN '''' || ${value} ELSE ${value} END`;
  return `CASE WHEN ${value} ~ '[",\\r\\n]' THEN '"' || replace(${neutralised}, '"', '""') || '"' ELSE ${neutralised} END`;
}

/** A cell that never needs quoting (dates, enum values, numbers): null → empty. */
export function plainField(expression: string): string {
  return `coalesce((${expression})::text, '')`;
}

/** Fields joined into (part of) a CSV record. */
export function csvFields(fields: readonly string[]): Prisma.Sql {
  return Prisma.raw(fields.join(` || ',' || `));
}
