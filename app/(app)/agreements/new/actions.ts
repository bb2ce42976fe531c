'use server';
// Creating an agreement: one transaction with its parties, people, sources and audit event; then its page, where
// the empty commitments list invites adding the first.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { createAgreement as createAgreementRecord } from '@/lib/data/agreements';
import { agreementSchema } from '@/lib/validation/agreement';

export const createAgreement = action(
  { permission: 'write', schema: agreementSchema },
  async (input, { user }) => {
    const agreement = await createAgreementRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/agreements/${agreement.id}`);
  },
);
