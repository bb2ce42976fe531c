// The commitment form (create and edit). Responsible and beneficiary parties arrive as repeated checkbox values;
// the reciprocal commitment is an optional pick of another commitment; strength is a radio group; a recurring
// commitment names its period (months) and the day its first period starts, both or neither.
import * as z from 'zod';
import { MAX_RECURRENCE_MONTHS } from '../domain/recurrence.ts';
import { STRENGTHS, type CommitmentStrength } from '../domain/strength.ts';
import { rowsOf, type MergeField, type MergeValues } from './editing.ts';
import {
  idField,
  idListField,
  optionalDayField,
  optionalIdField,
  optionalText,
  recordIdField,
  requiredText,
  versionField,
} from './fields.ts';

export const COMMITMENT_TITLE_MAX = 300;
export const COMMITMENT_DESCRIPTION_MAX = 5_000;

export const STRENGTH_MESSAGE = 'Choose how firm the commitment is: firm, pledge or intent, or proposal.';
const RECURRENCE_MONTHS_MESSAGE = `Choose how often it recurs: a whole number of months from 1 to ${MAX_RECURRENCE_MONTHS}.`;
export const RECURRENCE_START_MISSING = 'Enter the day the first period starts, or set “Recurs” to “No”.';
export const RECURRENCE_MONTHS_MISSING = 'Choose how often it recurs, or clear the first period’s start.';

/** "Recurs": empty (a one-off) or a whole number of months, 1..MAX_RECURRENCE_MONTHS. */
const recurrenceMonthsField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim();
    if (!text) return null;
    const months = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(months >= 1 && months <= MAX_RECURRENCE_MONTHS)) {
      ctx.addIssue({ code: 'custom', message: RECURRENCE_MONTHS_MESSAGE });
      return z.NEVER;
    }
    return months;
  });

const commitmentFields = z.object({
  agreementId: idField('Choose the agreement this commitment belongs to.'),
  title: requiredText('Enter what was committed to.', COMMITMENT_TITLE_MAX),
  description: optionalText(COMMITMENT_DESCRIPTION_MAX),
  categoryId: idField('Choose a category.'),
  responsiblePartyId: idListField('Choose the responsible parties from the list.').refine(
    (ids) => ids.length > 0,
    { error: 'Choose at least one responsible party: status is tracked per responsible party.' },
  ),
  beneficiaryPartyId: idListField('Choose the beneficiaries from the list.'),
  dueOn: optionalDayField('due date'),
  reciprocalId: optionalIdField('Choose the reciprocal commitment from the list.'),
  // A form from before strength existed sends nothing: firm, the column's default. Anything else is refused.
  strength: z
    .enum(STRENGTHS as [CommitmentStrength, ...CommitmentStrength[]], { error: STRENGTH_MESSAGE })
    .default('firm'),
  recurrenceMonths: recurrenceMonthsField,
  recurrenceStartsOn: optionalDayField('day the first period starts'),
});

/** Both recurrence fields or neither; the message goes beside the one left empty. */
function recurrenceComplete(
  value: { recurrenceMonths: number | null; recurrenceStartsOn: Date | null },
  ctx: z.RefinementCtx,
): void {
  if (value.recurrenceMonths !== null && value.recurrenceStartsOn === null)
    ctx.addIssue({ code: 'custom', path: ['recurrenceStartsOn'], message: RECURRENCE_START_MISSING });
  if (value.recurrenceMonths === null && value.recurrenceStartsOn !== null)
    ctx.addIssue({ code: 'custom', path: ['recurrenceMonths'], message: RECURRENCE_MONTHS_MISSING });
}

export const commitmentSchema = commitmentFields.superRefine(recurrenceComplete);
export type CommitmentInput = z.output<typeof commitmentSchema>;

/** The create form adds which button was pressed: save, or save and start another. */
export const createCommitmentSchema = commitmentFields
  .extend({ intent: z.enum(['save', 'another']).catch('save') })
  .superRefine(recurrenceComplete);

export const updateCommitmentSchema = commitmentFields
  .extend({ id: recordIdField, version: versionField })
  .superRefine(recurrenceComplete)
  .refine((value) => value.reciprocalId === null || value.reciprocalId !== value.id, {
    path: ['reciprocalId'],
    error: 'A commitment cannot be its own reciprocal.',
  });
export type UpdateCommitmentInput = z.output<typeof updateCommitmentSchema>;

/** The commitment form's fields as text (what the form shows, and what a conflict reports). */
export type CommitmentFormValues = {
  id: string;
  version: string;
  agreementId: string;
  title: string;
  description: string;
  categoryId: string;
  responsiblePartyId: string[];
  beneficiaryPartyId: string[];
  dueOn: string;
  reciprocalId: string;
  strength: CommitmentStrength;
  recurrenceMonths: string;
  recurrenceStartsOn: string;
  archived: boolean;
};

/** A set of ticked ids: the order they arrive in, an id sent twice and an empty value are no change. */
function idSet(key: string) {
  return (values: MergeValues) => [...new Set(rowsOf(values, key).map(([id]) => id))].sort();
}

/**
 * The commitment edit form's fields as the three-way merge of a lost race sees them (decision 013), in the
 * form's order. The recurrence is one field: its period and first day are valid only together.
 */
export const COMMITMENT_MERGE: readonly MergeField[] = [
  { name: 'agreementId', label: 'Agreement', keys: ['agreementId'] },
  { name: 'title', label: 'Title', keys: ['title'] },
  { name: 'description', label: 'Description', keys: ['description'] },
  { name: 'categoryId', label: 'Category', keys: ['categoryId'] },
  { name: 'dueOn', label: 'Due date', keys: ['dueOn'] },
  {
    name: 'strength',
    label: 'Strength',
    keys: ['strength'],
    // A form that sends none means firm (the schema's default).
    normalise: (values) => String(values.strength ?? '').trim() || 'firm',
  },
  { name: 'recurrence', label: 'Recurrence', keys: ['recurrenceMonths', 'recurrenceStartsOn'] },
  {
    name: 'responsible',
    label: 'Responsible parties',
    keys: ['responsiblePartyId'],
    normalise: idSet('responsiblePartyId'),
  },
  {
    name: 'beneficiaries',
    label: 'Beneficiary parties',
    keys: ['beneficiaryPartyId'],
    normalise: idSet('beneficiaryPartyId'),
  },
  { name: 'reciprocalId', label: 'Reciprocal commitment', keys: ['reciprocalId'] },
];
