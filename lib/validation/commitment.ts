// The commitment form (create and edit). Responsible and beneficiary parties arrive as repeated checkbox values;
// the reciprocal commitment is an optional pick of another commitment.
import * as z from 'zod';
import {
  idField,
  idListField,
  optionalDayField,
  optionalIdField,
  optionalText,
  recordIdField,
  requiredText,
  versionField,
} from './editing.ts';

export const COMMITMENT_TITLE_MAX = 300;
export const COMMITMENT_DESCRIPTION_MAX = 5_000;

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
});

export const commitmentSchema = commitmentFields;
export type CommitmentInput = z.output<typeof commitmentSchema>;

export const updateCommitmentSchema = commitmentFields
  .extend({ id: recordIdField, version: versionField })
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
  archived: boolean;
};
