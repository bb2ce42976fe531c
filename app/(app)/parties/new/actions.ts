'use server';
// Creating a party, in one transaction with its audit event; then its page.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { createParty as createPartyRecord } from '@/lib/data/parties';
import { partySchema } from '@/lib/validation/party';

export const createParty = action({ permission: 'write', schema: partySchema }, async (input, { user }) => {
  const party = await createPartyRecord(input, user.id);
  revalidatePath('/', 'layout');
  redirect(`/parties/${party.id}`);
});
