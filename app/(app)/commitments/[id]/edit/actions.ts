'use server';
// Editing, archiving and unarchiving a commitment. Each goes through the action wrapper (`write`) and one
// lib/data/commitments.ts mutation that checks the form's version, keeps reciprocal pairs consistent, refreshes
// the status cache when responsible parties change and writes its audit events, in one transaction. A lost race
// comes back merged (editAction: lib/data/editing.ts createEditAction).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { editAction } from '@/lib/auth/edit-action';
import {
  archiveCommitment as archiveCommitmentRecord,
  unarchiveCommitment as unarchiveCommitmentRecord,
  updateCommitment as updateCommitmentRecord,
} from '@/lib/data/commitments';
import { COMMITMENT_MERGE, updateCommitmentSchema } from '@/lib/validation/commitment';
import { archiveSchema } from '@/lib/validation/editing';

export const updateCommitment = editAction(
  {
    permission: 'write',
    schema: updateCommitmentSchema,
    entityType: 'Commitment',
    merge: COMMITMENT_MERGE,
  },
  async (input, { user }) => {
    await updateCommitmentRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/commitments/${input.id}`);
  },
);

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
