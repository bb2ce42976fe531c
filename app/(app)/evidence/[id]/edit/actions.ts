'use server';
// Editing a logged news item: the edit wrapper (`write`), then one lib/data/evidence-edit.ts mutation that checks
// the form's version and writes the audit event in the same transaction. A lost race comes back merged
// (editAction: lib/data/editing.ts createEditAction).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { editAction } from '@/lib/auth/edit-action';
import { updateEvidence as updateEvidenceRecord } from '@/lib/data/evidence-edit';
import { EVIDENCE_MERGE, updateEvidenceSchema } from '@/lib/validation/evidence-edit';

export const updateEvidence = editAction(
  { permission: 'write', schema: updateEvidenceSchema, entityType: 'Evidence', merge: EVIDENCE_MERGE },
  async (input, { user }) => {
    await updateEvidenceRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/evidence/${input.id}`);
  },
);
