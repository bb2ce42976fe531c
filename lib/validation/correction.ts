// Correcting and retracting a follow-up log row (lib/data/corrections.ts). A correction is a new row that
// replaces an old one; the form is prefilled with the old row and its fields follow the log-follow-up form's row
// rules (followUpRowSchema: kind, status, party, per-row evidence type, adoption, fact date at a precision,
// reason), plus a required "why this correction". A retraction only says why. Errors are keyed by the form's
// flat field names.
import * as z from 'zod';
import { recordIdField, requiredText } from './fields.ts';
import { followUpRowSchema, LIMITS, ROW_FIELDS, type FollowUpRowInput } from './follow-up.ts';

/** Why a row was corrected or retracted: shown in the history beside the row, so it must say something. */
export const WHY_MAX = LIMITS.reason;

const ownFields = z.object({
  updateId: recordIdField,
  why: requiredText('Say why this correction is made: it is shown beside the corrected row.', WHY_MAX),
});

export type CorrectionInput = {
  /** The row being corrected. */
  updateId: number;
  why: string;
  /** The new row (its commitment must be the corrected row's); the fact date is required. */
  row: FollowUpRowInput & { observedOn: Date };
};

/**
 * The correction form: the corrected row's id, the new row's fields, and why. Every problem is reported at once,
 * each under its field's name.
 */
export const correctionSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): CorrectionInput => {
  const text: Record<string, string> = {};
  for (const key of ['updateId', 'why', ...ROW_FIELDS])
    if (typeof raw[key] === 'string') text[key] = raw[key];
  const own = ownFields.safeParse(text);
  const row = followUpRowSchema.safeParse(text);
  for (const result of [own, row]) {
    for (const issue of result.error?.issues ?? []) {
      ctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: issue.path.length ? [String(issue.path[0])] : [],
      });
    }
  }
  if (row.success && !row.data.observedOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['observedOn'],
      message: 'Enter the fact date (the corrected row’s is filled in to start from).',
    });
  }
  if (!own.success || !row.success || !row.data.observedOn) return z.NEVER;
  return { ...own.data, row: { ...row.data, observedOn: row.data.observedOn } };
});

export const retractionSchema = z.object({
  updateId: recordIdField,
  why: requiredText('Say why this row is retracted: it is shown beside the row.', WHY_MAX),
});
export type RetractionInput = z.output<typeof retractionSchema>;
