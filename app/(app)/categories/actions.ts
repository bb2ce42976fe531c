'use server';
// Categories (admins only: `manage_categories`): create (stays on the list), edit (optimistic locking; a lost
// race comes back with the saved values), archive and unarchive. Each runs one lib/data/categories.ts mutation
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
import { ConflictCapture } from '@/lib/data/editing';
import { categorySchema, updateCategorySchema, type CategoryFormValues } from '@/lib/validation/category';
import { archiveSchema } from '@/lib/validation/editing';

export const createCategory = action(
  { permission: 'manage_categories', schema: categorySchema },
  async (input, { user }) => {
    const category = await createCategoryRecord(input, user.id);
    revalidatePath('/', 'layout');
    return { message: `Added the category “${category.name}”.` };
  },
);

function updateWith(capture: ConflictCapture<CategoryFormValues>) {
  return action(
    { permission: 'manage_categories', schema: updateCategorySchema },
    async (input, { user }) => {
      await capture.run(() => updateCategoryRecord(input, user.id));
      revalidatePath('/', 'layout');
      redirect('/categories');
    },
  );
}

export async function updateCategory(state: unknown, formData?: FormData) {
  const capture = new ConflictCapture<CategoryFormValues>();
  return capture.attach(await updateWith(capture)(state, formData));
}

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
