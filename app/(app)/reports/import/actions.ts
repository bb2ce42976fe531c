'use server';
// Import of follow-ups from CSV: one action for both steps, so the check that counts (the import) and the dry run
// share their authorisation and parsing. `intent=preview` checks the file and writes nothing; `intent=import`
// checks it again inside the import's transaction and writes every row or none (lib/csv/importer.ts).
import { createHash } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { importMaxBytes, tooLargeMessage } from '@/lib/csv/import-limits';
import { ImportFileError } from '@/lib/csv/import-parse';
import type { ImportActionResult } from '@/lib/csv/import-plan';
import { importCsvSchema } from '@/lib/csv/import-schema';
import { importFollowUps, previewImport } from '@/lib/csv/importer';
import { db } from '@/lib/db';
import { RuleViolationError } from '@/lib/errors';

function refuse(message: string): never {
  throw new RuleViolationError(message, { file: [message] });
}

async function readUpload(file: File | string, maxBytes: number): Promise<Uint8Array> {
  if (typeof file === 'string') return new TextEncoder().encode(file);
  // Refused before reading: an oversized upload never lands in memory as a whole.
  if (file.size > maxBytes) {
    refuse(tooLargeMessage(file.size, maxBytes));
  }
  return new Uint8Array(await file.arrayBuffer());
}

export const importFollowUpsCsv = action(
  { permission: 'write', schema: importCsvSchema },
  async (input, { user }): Promise<ImportActionResult> => {
    const maxBytes = importMaxBytes();
    const bytes = await readUpload(input.file, maxBytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    try {
      if (input.intent === 'preview') {
        return { outcome: 'preview', preview: await previewImport(db, bytes, user, { maxBytes }), digest };
      }
      if (input.digest && input.digest !== digest) {
        refuse('This is not the file that was checked. Check it again, then import it.');
      }
      const result = await importFollowUps(db, bytes, user, { maxBytes });
      if (!result.imported) {
        return {
          outcome: 'rejected',
          preview: result.preview,
          digest,
          message:
            'Nothing was imported: the file has problems (listed below). Fix them and check the file again.',
        };
      }
      revalidatePath('/', 'layout');
      const { toImport, alreadyImported, duplicates } = result.preview;
      const skipped = alreadyImported + duplicates;
      return {
        outcome: 'imported',
        preview: result.preview,
        digest,
        message:
          `Imported ${toImport} ${toImport === 1 ? 'row' : 'rows'}.` +
          (skipped ? ` Skipped ${skipped} already in the log or repeated in the file.` : ''),
      };
    } catch (error) {
      if (error instanceof ImportFileError) refuse(error.message);
      throw error;
    }
  },
);
