// The import form's fields, for the importFollowUpsCsv action. `file` is the upload; a plain string is accepted
// too (the CSV text itself), for scripts and tests that post the form without a browser.
import * as z from 'zod';

const IMPORT_INTENTS = ['preview', 'import'] as const;

const CHOOSE_FILE = 'Choose a CSV file in the updates.csv format.';

export const importCsvSchema = z.object({
  intent: z.enum(IMPORT_INTENTS, { error: 'Choose whether to check or to import the file.' }),
  file: z
    .union([z.instanceof(File), z.string()], { error: CHOOSE_FILE })
    .refine((value) => (typeof value === 'string' ? value.length > 0 : value.name !== '' || value.size > 0), {
      error: CHOOSE_FILE,
    }),
  /** SHA-256 of the file the preview was made from: importing a different file is refused. */
  digest: z
    .string()
    .regex(/^([0-9a-f]{64})?$/, { error: 'Check the file again before importing it.' })
    .optional(),
});
