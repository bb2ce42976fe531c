// What goes into a CSV cell, and how the import reads it back.
//
// CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with =, +, - or @ (and, in some
// programs, a tab or carriage return) as a formula, e.g. =HYPERLINK("http://evil","click"). Titles, reasons and
// names come from news items and analysts, so every text cell is neutralised by prefixing a single quote ('), which
// makes spreadsheets show the cell as text. The full-width forms (＝ ＋ － ＠) are treated the same, since some
// spreadsheet programs fold them to the ASCII ones.
//
// To make the import the exact inverse, a cell that already starts with a quote is prefixed too: the rule is
// "prefix ' when the value starts with = + - @ tab CR ＝ ＋ － ＠ or '", and the import removes exactly one leading '
// whenever a cell starts with one. restoreCell(neutraliseCell(x)) === x for every string x (tested).
//
// Numbers the report computes itself (counts, day differences, the -1/0/+1 compliance score) are written as plain
// numbers: they are not user text and a spreadsheet must be able to sum them.
import type { DatePrecision } from '../generated/prisma/enums.ts';
import { formatDay } from '../domain/dates.ts';

/** The first characters that get the prefix (lib/csv/updates-copy.ts writes the same rule in SQL). */
export const FORMULA_TRIGGERS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  "'",
] as const;

const TRIGGERS = new Set<string>(FORMULA_TRIGGERS);

/** A text cell as written to the file: prefixed with ' when a spreadsheet could read it as a formula. */
export function neutraliseCell(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]) ? `'${value}` : value;
}

/** The import's inverse of neutraliseCell: drops exactly one leading quote. */
export function restoreCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** Optional text: empty cell for null. */
export function textCell(value: string | null | undefined): string {
  return value == null ? '' : neutraliseCell(value);
}

/** A calendar day as ISO 8601 (YYYY-MM-DD); empty for null. */
export function dayCell(day: Date | null | undefined): string {
  return day ? formatDay(day) : '';
}

/**
 * A date known only to some precision, in ISO 8601's reduced forms: 2025-06-01 (day), 2025-06 (month), 2025
 * (year), empty (unknown). Writing 2025-06-01 for "some day in June" would claim more than is known.
 */
export function partialDateCell(day: Date | null | undefined, precision: DatePrecision): string {
  if (!day || precision === 'unknown') return '';
  const full = formatDay(day);
  if (precision === 'year') return full.slice(0, 4);
  if (precision === 'month') return full.slice(0, 7);
  return full;
}

/** Several names in one cell: "A; B". */
export function listCell(values: readonly string[]): string {
  return neutraliseCell(values.join('; '));
}

export function numberCell(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '' : String(value);
}

export function booleanCell(value: boolean): string {
  return value ? 'true' : 'false';
}
