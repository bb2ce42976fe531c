'use server';
// Editing a logged news item: the action wrapper (`write`), then one lib/data/evidence-edit.ts mutation that
// checks the form's version and writes the audit event in the same transaction. A lost race comes back with the
// saved values (`current`) so the form can show them beside the user's.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { ConflictCapture } from '@/lib/data/editing';
import { updateEvidence as updateEvidenceRecord } from '@/lib/data/evidence-edit';
import { updateEvidenceSchema, type EvidenceFormValues } from '@/lib/validation/evidence-edit';

function updateWith(capture: ConflictCapture<EvidenceFormValues>) {
  return action({ permission: 'write', schema: updateEvidenceSchema }, async (input, { user }) => {
    await capture.run(() => updateEvidenceRecord(input, user.id));
    revalidatePath('/', 'layout');
    redirect(`/evidence/${input.id}`);
  });
}

export async function updateEvidence(state: unknown, formData?: FormData) {
  const capture = new ConflictCapture<EvidenceFormValues>();
  return capture.attach(await updateWith(capture)(state, formData));
}
