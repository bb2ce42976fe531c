'use server';
// "New commitment" from inside the log-follow-up form (the article announced it): the commitment is created with
// the commitment form's own schema and mutation (lib/validation/commitment.ts, lib/data/commitments.ts: one
// transaction with its parties and audit event), and the answer carries it as the follow-up form offers it, so
// the row selects it without the page being left and typed values lost.
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { createCommitment } from '@/lib/data/commitments';
import { getCommitmentOption, type CommitmentOption } from '@/lib/data/evidence';
import { commitmentSchema } from '@/lib/validation/commitment';

export const createCommitmentFromFollowUp = action(
  { permission: 'write', schema: commitmentSchema },
  async (input, { user }): Promise<{ message: string; commitment: CommitmentOption | null }> => {
    const record = await createCommitment(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Added “${record.title}”.`, commitment: await getCommitmentOption(record.id) };
  },
);
