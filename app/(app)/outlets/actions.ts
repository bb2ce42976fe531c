'use server';
// Outlet writes: add, edit (optimistic locking on `version`), archive and restore. Each is one lib/data/outlets.ts
// mutation that writes its audit event in the same transaction. A lost race of an edit comes back merged
// (editAction: lib/data/editing.ts createEditAction).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { editAction } from '@/lib/auth/edit-action';
import {
  archiveOutlet as archiveOutletRecord,
  createOutlet as createOutletRecord,
  unarchiveOutlet as unarchiveOutletRecord,
  updateOutlet as updateOutletRecord,
} from '@/lib/data/outlets';
import { VersionConflictError } from '@/lib/errors';
import {
  OUTLET_MERGE,
  createOutletSchema,
  outletVersionSchema,
  updateOutletSchema,
} from '@/lib/validation/outlet';

/** Outlets show in the outlet screens, the evidence list's filter and the follow-up form. */
function revalidateOutlets(): void {
  revalidatePath('/outlets', 'layout');
  revalidatePath('/evidence', 'layout');
  revalidatePath('/follow-ups/new');
}

/**
 * Runs a versioned archive or restore. On a stale version the page is rendered again with the record as it is
 * now, so the archive form carries the current version.
 */
async function atVersion<T>(id: number, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof VersionConflictError) revalidatePath(`/outlets/${id}`);
    throw error;
  }
}

export const createOutlet = action(
  { permission: 'write', schema: createOutletSchema },
  async (input, { user }) => {
    const outlet = await createOutletRecord(input, user.id);
    revalidateOutlets();
    redirect(`/outlets/${outlet.id}?created=1`);
  },
);

export const updateOutlet = editAction(
  { permission: 'write', schema: updateOutletSchema, entityType: 'Outlet', merge: OUTLET_MERGE },
  async (input, { user }) => {
    const outlet = await updateOutletRecord(input, user.id);
    revalidateOutlets();
    return { message: `Saved ${outlet.name}.` };
  },
);

export const archiveOutlet = action(
  { permission: 'write', schema: outletVersionSchema },
  async (input, { user }) => {
    const outlet = await atVersion(input.id, () => archiveOutletRecord(input, user.id));
    revalidateOutlets();
    return {
      message: `${outlet.name} is archived: it no longer appears in pick lists. Its evidence keeps it.`,
    };
  },
);

export const unarchiveOutlet = action(
  { permission: 'write', schema: outletVersionSchema },
  async (input, { user }) => {
    const outlet = await atVersion(input.id, () => unarchiveOutletRecord(input, user.id));
    revalidateOutlets();
    return { message: `${outlet.name} is restored and can be picked again.` };
  },
);
