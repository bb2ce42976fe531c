'use server';
// Editing, archiving and unarchiving a party. Each goes through the action wrapper (`write`) and one
// lib/data/parties.ts mutation that checks the form's version (and that the party tree stays a tree) and writes
// its audit event in the same transaction. A lost race comes back merged (editAction).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { editAction } from '@/lib/auth/edit-action';
import {
  archiveParty as archivePartyRecord,
  unarchiveParty as unarchivePartyRecord,
  updateParty as updatePartyRecord,
} from '@/lib/data/parties';
import { archiveSchema } from '@/lib/validation/editing';
import { PARTY_MERGE, updatePartySchema } from '@/lib/validation/party';

export const updateParty = editAction(
  { permission: 'write', schema: updatePartySchema, entityType: 'Party', merge: PARTY_MERGE },
  async (input, { user }) => {
    await updatePartyRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect(`/parties/${input.id}`);
  },
);

export const archiveParty = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const party = await archivePartyRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Archived “${party.name}”: it is no longer offered in pickers.` };
  },
);

export const unarchiveParty = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const party = await unarchivePartyRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `“${party.name}” is offered in pickers again.` };
  },
);
