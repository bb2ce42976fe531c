// The person form (create and edit): who speaks for a party — a name, a title, the party.
import * as z from 'zod';
import type { MergeField } from './editing.ts';
import { optionalIdField, optionalText, recordIdField, requiredText, versionField } from './fields.ts';

export const PERSON_NAME_MAX = 200;
export const PERSON_TITLE_MAX = 200;

const personFields = z.object({
  name: requiredText('Enter the person’s name.', PERSON_NAME_MAX),
  title: optionalText(PERSON_TITLE_MAX),
  partyId: optionalIdField('Choose the party from the list.'),
});

export const personSchema = personFields;
export type PersonInput = z.output<typeof personSchema>;

export const updatePersonSchema = personFields.extend({ id: recordIdField, version: versionField });
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

export type PersonFormValues = {
  id: string;
  version: string;
  name: string;
  title: string;
  partyId: string;
  archived: boolean;
};

/** The person form's fields for the three-way merge of a lost race (lib/validation/editing.ts mergeEdit). */
export const PERSON_MERGE: readonly MergeField[] = [
  { name: 'name', label: 'Name', keys: ['name'] },
  { name: 'title', label: 'Title', keys: ['title'] },
  { name: 'partyId', label: 'Speaks for', keys: ['partyId'] },
];
