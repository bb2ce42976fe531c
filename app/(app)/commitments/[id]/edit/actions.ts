'use server';
// Editing, archiving and unarchiving a commitment. Each goes through the action wrapper (`write`) and one
// lib/data/commitments.ts mutation that checks the form's version, keeps reciprocal pairs consistent, refreshes
// the status cache when responsible parties change and writes its audit events, in one transaction. A lost race
// comes back with the saved values (`current`) so the form can show them.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import {
  archiveCommitment as archiveCommitmentRecord,
  unarchiveCommitment as unarchiveCommitmentRecord,
  updateCommitment as updateCommitmentRecord,
} from '@/lib/data/commitments';
import { ConflictCapture } from '@/lib/data/editing';
import { updateCommitmentSchema, type CommitmentFormValues } from '@/lib/validation/commitment';
import { archiveSchema } from '@/lib/validation/editing';

function updateWith(capture: ConflictCapture<CommitmentFormValues>) {
  return action({ permission: 'write', schema: updateCommitmentSchema }, async (input, { user }) => {
    await capture.run(() => updateCommitmentRecord(input, user.id));
    revalidatePath('/', 'layout');
    redirect(`/commitments/${input.id}`);
  });
}

export async function updateCommitment(state: unknown, formData?: FormData) {
  const capture = new ConflictCapture<CommitmentFormValues>();
  return capture.attach(await updateWith(capture)(state, formData));
}

export const archiveCommitment = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const commitment = await archiveCommitmentRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Archived “${commitment.title}”. Its history stays; unarchive it to bring it back.` };
  },
);

export const unarchiveCommitment = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const commitment = await unarchiveCommitmentRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `“${commitment.title}” is back in lists and dashboards.` };
  },
);
