'use server';
// Adding a commitment to an agreement: one transaction with its parties, reciprocal pairing and audit event.
// "Save and add another" comes back to an empty form for the same agreement.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { createCommitment as createCommitmentRecord } from '@/lib/data/commitments';
import { createCommitmentSchema } from '@/lib/validation/commitment';

export const createCommitment = action(
  { permission: 'write', schema: createCommitmentSchema },
  async ({ intent, ...input }, { user }) => {
    const commitment = await createCommitmentRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(
      intent === 'another'
        ? `/commitments/new?agreement=${commitment.agreementId}&added=${commitment.id}`
        : `/agreements/${commitment.agreementId}`,
    );
  },
);
