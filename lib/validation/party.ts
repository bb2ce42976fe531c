// The party form (create and edit): a state, ministry, agency or organisation, its country and its parent.
import * as z from 'zod';
import { PartyKind } from '../generated/prisma/enums.ts';
import { isCountryCode } from './countries.ts';
import type { MergeField } from './editing.ts';
import { optionalIdField, optionalText, recordIdField, requiredText, versionField } from './fields.ts';

export const PARTY_NAME_MAX = 200;
export const PARTY_SHORT_NAME_MAX = 50;

const countryCodeField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const code = (value ?? '').trim().toUpperCase();
    if (!code) return null;
    if (!isCountryCode(code)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use a two-letter ISO 3166-1 country code, e.g. TR for Türkiye or AZ for Azerbaijan.',
      });
      return z.NEVER;
    }
    return code;
  });

const partyFields = z.object({
  name: requiredText('Enter the party’s name.', PARTY_NAME_MAX),
  shortName: optionalText(PARTY_SHORT_NAME_MAX),
  kind: z.enum(PartyKind, { error: 'Choose what kind of party this is.' }),
  countryCode: countryCodeField,
  parentId: optionalIdField('Choose the parent party from the list.'),
});

export const partySchema = partyFields;
export type PartyInput = z.output<typeof partySchema>;

export const updatePartySchema = partyFields
  .extend({ id: recordIdField, version: versionField })
  .refine((value) => value.parentId === null || value.parentId !== value.id, {
    path: ['parentId'],
    error: 'A party cannot be its own parent.',
  });
export type UpdatePartyInput = z.output<typeof updatePartySchema>;

export type PartyFormValues = {
  id: string;
  version: string;
  name: string;
  shortName: string;
  kind: string;
  countryCode: string;
  parentId: string;
  archived: boolean;
};

/** The party form's fields for the three-way merge of a lost race (lib/validation/editing.ts mergeEdit). */
export const PARTY_MERGE: readonly MergeField[] = [
  { name: 'name', label: 'Name', keys: ['name'] },
  { name: 'shortName', label: 'Short name', keys: ['shortName'] },
  { name: 'kind', label: 'Kind', keys: ['kind'] },
  {
    name: 'countryCode',
    label: 'Country',
    keys: ['countryCode'],
    normalise: (values) =>
      String(values.countryCode ?? '')
        .trim()
        .toUpperCase(),
  },
  { name: 'parentId', label: 'Part of', keys: ['parentId'] },
];
