'use server';
// Correcting and retracting a follow-up log row. Each goes through the action wrapper (`write`: viewers are
// refused before the form is read) and one lib/data/corrections.ts mutation that locks the row, withdraws it,
// writes the correction if any, refreshes the status cache and audits, in one transaction. A row already
// withdrawn (a double submit, another analyst first) comes back as a message, never a 500.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import {
  correctStatusUpdate as correctStatusUpdateRecord,
  retractStatusUpdate as retractStatusUpdateRecord,
} from '@/lib/data/corrections';
import { correctionSchema, retractionSchema } from '@/lib/validation/correction';

export const correctStatusUpdate = action(
  { permission: 'write', schema: correctionSchema },
  async (input, { user }) => {
    const { commitmentId, correction } = await correctStatusUpdateRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/commitments/${commitmentId}#update-${correction.id}`);
  },
);

export const retractStatusUpdate = action(
  { permission: 'write', schema: retractionSchema },
  async (input, { user }) => {
    const { commitmentId, retracted } = await retractStatusUpdateRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/commitments/${commitmentId}#update-${retracted.id}`);
  },
);
