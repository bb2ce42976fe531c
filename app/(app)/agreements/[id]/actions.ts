'use server';
// Editing, archiving and unarchiving an agreement. Each goes through the action wrapper (`write`) and one
// lib/data/agreements.ts mutation that checks the form's version and writes its audit event in the same
// transaction. A lost race comes back merged (editAction: lib/data/editing.ts createEditAction).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import {
  archiveAgreement as archiveAgreementRecord,
  unarchiveAgreement as unarchiveAgreementRecord,
  updateAgreement as updateAgreementRecord,
} from '@/lib/data/agreements';
import { editAction } from '@/lib/auth/edit-action';
import { AGREEMENT_MERGE, updateAgreementSchema } from '@/lib/validation/agreement';
import { archiveSchema } from '@/lib/validation/editing';

export const updateAgreement = editAction(
  { permission: 'write', schema: updateAgreementSchema, entityType: 'Agreement', merge: AGREEMENT_MERGE },
  async (input, { user }) => {
    await updateAgreementRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/agreements/${input.id}`);
  },
);

export const archiveAgreement = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const agreement = await archiveAgreementRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Archived “${agreement.title}” and its commitments.` };
  },
);

export const unarchiveAgreement = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const agreement = await unarchiveAgreementRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `“${agreement.title}” is back, with the commitments archived along with it.` };
  },
);
