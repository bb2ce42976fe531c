'use server';
// Editing, archiving and unarchiving an agreement. Each goes through the action wrapper (`write`) and one
// lib/data/agreements.ts mutation that checks the form's version and writes its audit event in the same
// transaction. A lost race comes back with the saved values (`current`) so the form can show them.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import {
  archiveAgreement as archiveAgreementRecord,
  unarchiveAgreement as unarchiveAgreementRecord,
  updateAgreement as updateAgreementRecord,
} from '@/lib/data/agreements';
import { ConflictCapture } from '@/lib/data/editing';
import { updateAgreementSchema, type AgreementFormValues } from '@/lib/validation/agreement';
import { archiveSchema } from '@/lib/validation/editing';

function updateWith(capture: ConflictCapture<AgreementFormValues>) {
  return action({ permission: 'write', schema: updateAgreementSchema }, async (input, { user }) => {
    await capture.run(() => updateAgreementRecord(input, user.id));
    revalidatePath('/', 'layout');
    redirect(`/agreements/${input.id}`);
  });
}

export async function updateAgreement(state: unknown, formData?: FormData) {
  const capture = new ConflictCapture<AgreementFormValues>();
  return capture.attach(await updateWith(capture)(state, formData));
}

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
