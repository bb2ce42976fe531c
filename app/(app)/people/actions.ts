'use server';
// People: create (from /people/new or the list's quick-add; then the list, which says who was added), edit
// (optimistic locking; a lost race comes back merged: editAction), archive and unarchive. Each goes through
// the action wrapper (`write`) and one lib/data/people.ts mutation that writes its audit event in the same
// transaction.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { editAction } from '@/lib/auth/edit-action';
import {
  archivePerson as archivePersonRecord,
  createPerson as createPersonRecord,
  unarchivePerson as unarchivePersonRecord,
  updatePerson as updatePersonRecord,
} from '@/lib/data/people';
import { archiveSchema } from '@/lib/validation/editing';
import { PERSON_MERGE, personSchema, updatePersonSchema } from '@/lib/validation/person';

export const createPerson = action({ permission: 'write', schema: personSchema }, async (input, { user }) => {
  const person = await createPersonRecord(input, user.id);
  revalidatePath('/', 'layout');
  // A person has no page of their own: the list names them (`?added=`), with a link to edit them.
  redirect(`/people?added=${person.id}`);
});

export const updatePerson = editAction(
  { permission: 'write', schema: updatePersonSchema, entityType: 'Person', merge: PERSON_MERGE },
  async (input, { user }) => {
    await updatePersonRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect('/people');
  },
);

export const archivePerson = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const person = await archivePersonRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Archived ${person.name}: no longer offered in pickers.` };
  },
);

export const unarchivePerson = action(
  { permission: 'write', schema: archiveSchema },
  async (input, { user }) => {
    const person = await unarchivePersonRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `${person.name} is offered in pickers again.` };
  },
);
