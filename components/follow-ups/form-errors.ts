// The log-follow-up form's errors, keyed by the flat names the form posts (`title`, `rows.1.reason`): their order
// and names in the error summary, and how they move when a row goes.
import { ROW_FIELDS, type RowField } from '@/lib/validation/follow-up';
import { ITEM_FIELDS, ROW_FIELD_SPECS, type FieldSpec } from './field-specs';

/** Errors of the item's fields, and `rows` (none, or too many), which the summary lists after them. */
const ITEM_ERRORS: Record<string, FieldSpec> = { ...ITEM_FIELDS, rows: { label: 'Commitments' } };
const ITEM_ORDER = Object.keys(ITEM_ERRORS);
const ROW_NAME = /^rows\.(\d+)\.(\w+)$/;

function rowField(field: string): field is RowField {
  return (ROW_FIELDS as readonly string[]).includes(field);
}

/** Sorts error keys in the order the fields appear: the item's, then row by row. */
export function fieldOrder(name: string): number {
  const row = ROW_NAME.exec(name);
  if (row) return 1_000 + Number(row[1]) * 10 + (rowField(row[2]) ? ROW_FIELDS.indexOf(row[2]) : -1);
  const index = ITEM_ORDER.indexOf(name);
  return index === -1 ? 999 : index;
}

/** The field's name in the error summary. */
export function summaryLabel(name: string): string {
  const row = ROW_NAME.exec(name);
  if (row) {
    const spec = rowField(row[2]) ? ROW_FIELD_SPECS[row[2]] : null;
    return `Commitment ${Number(row[1]) + 1}, ${spec ? (spec.summary ?? spec.label) : row[2]}`;
  }
  const spec = ITEM_ERRORS[name];
  return spec ? (spec.summary ?? spec.label) : name;
}

/** The first message of each field. */
export function firstErrors(
  fieldErrors: Record<string, string[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, messages] of Object.entries(fieldErrors ?? {})) {
    if (messages?.[0]) out[name] = messages[0];
  }
  return out;
}

/** Errors after removing row `removed`: its own go, later rows' move up one place. */
export function shiftRowErrors(errors: Record<string, string>, removed: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors)) {
    const row = ROW_NAME.exec(name);
    if (!row) out[name] = message;
    else if (Number(row[1]) < removed) out[name] = message;
    else if (Number(row[1]) > removed) out[`rows.${Number(row[1]) - 1}.${row[2]}`] = message;
  }
  return out;
}
