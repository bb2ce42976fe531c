// The category form (admins): the editable lookup commitments are filed under. The slug is the stable key CSV
// filters and imports use; left empty, it is made from the name.
import * as z from 'zod';
import type { MergeField } from './editing.ts';
import { boundedText, recordIdField, requiredText, versionField } from './fields.ts';

export const CATEGORY_NAME_MAX = 100;
export const CATEGORY_SLUG_MAX = 60;
const CATEGORY_POSITION_MAX = 100_000;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Rapid response / counter-terrorism" → "rapid-response-counter-terrorism". */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, CATEGORY_SLUG_MAX)
    .replace(/-+$/, '');
}

const categoryFields = z.object({
  name: requiredText('Enter the category’s name.', CATEGORY_NAME_MAX),
  slug: boundedText(CATEGORY_SLUG_MAX)
    .toLowerCase()
    .refine((slug) => slug === '' || SLUG_PATTERN.test(slug), {
      error: 'Use lower-case letters, digits and single hyphens, e.g. visit-invitation.',
    })
    .optional()
    .transform((slug) => slug ?? ''),
  /** Where it sits in pickers and lists (ascending); empty puts a new category last. */
  position: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim();
      if (!text) return null;
      const position = Number(text);
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(position)) {
        ctx.addIssue({ code: 'custom', message: 'Enter a whole number, e.g. 10.' });
        return z.NEVER;
      }
      return position;
    })
    .pipe(
      z
        .number()
        .min(0, { error: 'Use 0 or more.' })
        .max(CATEGORY_POSITION_MAX, { error: `Use at most ${CATEGORY_POSITION_MAX.toLocaleString('en')}.` })
        .nullable(),
    ),
});

/** The slug as given, or made from the name; a name with no letters or digits needs one typed. */
function withSlug<T extends z.output<typeof categoryFields>>(value: T, ctx: z.RefinementCtx) {
  const slug = value.slug || slugify(typeof value.name === 'string' ? value.name : '');
  if (!slug) {
    ctx.addIssue({ code: 'custom', path: ['slug'], message: 'Enter a slug, e.g. visit-invitation.' });
    return z.NEVER;
  }
  return { ...value, slug };
}

export const categorySchema = categoryFields.transform(withSlug);
export type CategoryInput = z.output<typeof categorySchema>;

export const updateCategorySchema = categoryFields
  .extend({ id: recordIdField, version: versionField })
  .transform(withSlug);
export type UpdateCategoryInput = z.output<typeof updateCategorySchema>;

export type CategoryFormValues = {
  id: string;
  version: string;
  name: string;
  slug: string;
  position: string;
  archived: boolean;
};

/** The category form's fields for the three-way merge of a lost race (lib/validation/editing.ts mergeEdit). */
export const CATEGORY_MERGE: readonly MergeField[] = [
  { name: 'name', label: 'Name', keys: ['name'] },
  { name: 'slug', label: 'Slug', keys: ['slug'] },
  { name: 'position', label: 'Position', keys: ['position'] },
];
