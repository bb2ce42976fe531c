'use server';
// Categories (admins only: `manage_categories`): create (stays on the list), edit (optimistic locking; a lost
// race comes back merged: editAction), archive and unarchive. Each runs one lib/data/categories.ts mutation
// that writes its audit event in the same transaction.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import {
  archiveCategory as archiveCategoryRecord,
  createCategory as createCategoryRecord,
  unarchiveCategory as unarchiveCategoryRecord,
  updateCategory as updateCategoryRecord,
} from '@/lib/data/categories';
import { editAction } from '@/lib/auth/edit-action';
import { CATEGORY_MERGE, categorySchema, updateCategorySchema } from '@/lib/validation/category';
import { archiveSchema } from '@/lib/validation/editing';

export const createCategory = action(
  { permission: 'manage_categories', schema: categorySchema },
  async (input, { user }) => {
    const category = await createCategoryRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Added the category “${category.name}”.` };
  },
);

export const updateCategory = editAction(
  {
    permission: 'manage_categories',
    schema: updateCategorySchema,
    entityType: 'Category',
    merge: CATEGORY_MERGE,
  },
  async (input, { user }) => {
    await updateCategoryRecord(input, user.id);
    revalidatePath('/', 'layout');
    redirect('/categories');
  },
);

export const archiveCategory = action(
  { permission: 'manage_categories', schema: archiveSchema },
  async (input, { user }) => {
    const category = await archiveCategoryRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Archived “${category.name}”: no longer offered for new commitments.` };
  },
);

export const unarchiveCategory = action(
  { permission: 'manage_categories', schema: archiveSchema },
  async (input, { user }) => {
    const category = await unarchiveCategoryRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `“${category.name}” is offered again.` };
  },
);
