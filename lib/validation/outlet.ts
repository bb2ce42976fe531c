// The outlet forms (app/(app)/outlets). Edits carry `version` (optimistic locking); archiving replaces deleting,
// since evidence keeps pointing at its outlet.
import * as z from 'zod';
import { Reliability } from '../generated/prisma/enums.ts';
import { archiveSchema, type MergeField } from './editing.ts';
import { optionalText, recordIdField, requiredText, versionField } from './fields.ts';

export const OUTLET_LIMITS = { name: 200, website: 2_000 } as const;

const outletNameSchema = requiredText('Enter the name of the outlet.', OUTLET_LIMITS.name);

/** Optional home page; only http(s) addresses, stored as typed (trimmed). */
const outletWebsiteSchema = optionalText(OUTLET_LIMITS.website).refine(
  (value) => {
    if (value === null) return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  },
  { error: 'Enter a full address starting with http:// or https://, or leave it empty.' },
);

const reliabilitySchema = z.enum(Object.values(Reliability) as Reliability[], {
  error: 'Choose how reliable this outlet usually is (A–F).',
});

export const createOutletSchema = z.object({
  name: outletNameSchema,
  website: outletWebsiteSchema,
  defaultReliability: reliabilitySchema,
});
export type CreateOutletInput = z.output<typeof createOutletSchema>;

export const updateOutletSchema = createOutletSchema.extend({ id: recordIdField, version: versionField });
export type UpdateOutletInput = z.output<typeof updateOutletSchema>;

/** Archive and restore name the version too: archiving what someone else just renamed deserves a second look. */
export const outletVersionSchema = archiveSchema;
export type OutletVersionInput = z.output<typeof outletVersionSchema>;

/** The outlet edit form's fields as text (what the form shows, and what a conflict reports). */
export type OutletFormValues = {
  id: string;
  version: string;
  name: string;
  website: string;
  defaultReliability: string;
};

/** The outlet edit form's fields as the three-way merge of a lost race sees them (decision 013), in form order. */
export const OUTLET_MERGE: readonly MergeField[] = [
  { name: 'name', label: 'Name', keys: ['name'] },
  { name: 'website', label: 'Website', keys: ['website'] },
  { name: 'defaultReliability', label: 'Default reliability', keys: ['defaultReliability'] },
];
