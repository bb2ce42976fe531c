// The outlet forms (app/(app)/outlets). Edits carry `version` (optimistic locking); archiving replaces deleting,
// since evidence keeps pointing at its outlet.
import * as z from 'zod';
import { Reliability } from '../generated/prisma/enums.ts';
import type { MergeField } from './editing.ts';

export const OUTLET_LIMITS = { name: 200, website: 2_000 } as const;

const number = new Intl.NumberFormat('en-GB');
const tooLong = (max: number) => (issue: { input?: unknown }) =>
  `Use at most ${number.format(max)} characters (this has ${number.format(
    typeof issue.input === 'string' ? issue.input.length : 0,
  )}).`;

/** PostgreSQL text cannot hold a NUL character; refused here rather than failing in the database. */
const storable = [
  (value: string) => !value.includes('\u0000'),
  { error: 'Remove the invisible control character (NUL) from this text.' },
] as const;

const outletNameSchema = z
  .string({ error: 'Enter the name of the outlet.' })
  .refine(...storable)
  .trim()
  .min(1, { error: 'Enter the name of the outlet.' })
  .max(OUTLET_LIMITS.name, { error: tooLong(OUTLET_LIMITS.name) });

/** Optional home page; only http(s) addresses, stored as typed (trimmed). */
const outletWebsiteSchema = z
  .string()
  .refine(...storable)
  .trim()
  .max(OUTLET_LIMITS.website, { error: tooLong(OUTLET_LIMITS.website) })
  .optional()
  .transform((value) => value || null)
  .refine(
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

const POSTGRES_INT_MAX = 2_147_483_647;
const idSchema = z.coerce
  .number({ error: 'No outlet given.' })
  .int({ error: 'No outlet given.' })
  .positive({ error: 'No outlet given.' })
  .max(POSTGRES_INT_MAX, { error: 'No outlet given.' });
const versionSchema = z.coerce
  .number({ error: 'The form is missing its version: reload the page.' })
  .int({ error: 'The form is missing its version: reload the page.' })
  .positive({ error: 'The form is missing its version: reload the page.' })
  .max(POSTGRES_INT_MAX, { error: 'The form is missing its version: reload the page.' });

export const createOutletSchema = z.object({
  name: outletNameSchema,
  website: outletWebsiteSchema,
  defaultReliability: reliabilitySchema,
});
export type CreateOutletInput = z.output<typeof createOutletSchema>;

export const updateOutletSchema = createOutletSchema.extend({ id: idSchema, version: versionSchema });
export type UpdateOutletInput = z.output<typeof updateOutletSchema>;

/** Archive and restore name the version too: archiving what someone else just renamed deserves a second look. */
export const outletVersionSchema = z.object({ id: idSchema, version: versionSchema });
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
