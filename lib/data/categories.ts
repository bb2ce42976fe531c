// Commitment categories, an editable lookup kept by admins: the list, the pickers, and create / edit (optimistic
// locking, see ./editing.ts) / archive / unarchive, each in one transaction with its audit event. Every function
// takes the client last (default: the app's) so tests can pass their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { ConflictError } from '../errors.ts';
import type { CategoryFormValues, CategoryInput, UpdateCategoryInput } from '../validation/category.ts';
import type { ArchiveInput } from '../validation/editing.ts';
import { recordAudit } from './audit.ts';
import { archiveGuarded, guardedUpdate } from './editing.ts';

type Tx = Prisma.TransactionClient;

/** Gap between positions given automatically, so one can be slotted in between without renumbering. */
const POSITION_STEP = 10;

const categorySelect = {
  id: true,
  name: true,
  slug: true,
  position: true,
  version: true,
  archivedAt: true,
} satisfies Prisma.CategorySelect;

export type CategoryRecord = Prisma.CategoryGetPayload<{ select: typeof categorySelect }>;

export function categoryFormValues(category: CategoryRecord): CategoryFormValues {
  return {
    id: String(category.id),
    version: String(category.version),
    name: category.name,
    slug: category.slug,
    position: String(category.position),
    archived: category.archivedAt !== null,
  };
}

export type CategoryRow = CategoryRecord & { commitmentCount: number };

/** Every category in picker order, live first, with how many live commitments each files. */
export async function listCategories(client: PrismaClient = db): Promise<CategoryRow[]> {
  const rows = await client.category.findMany({
    select: { ...categorySelect, _count: { select: { commitments: { where: { archivedAt: null } } } } },
    orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { position: 'asc' }, { name: 'asc' }],
  });
  return rows.map(({ _count, ...row }) => ({ ...row, commitmentCount: _count.commitments }));
}

export async function getCategoryForEdit(
  id: number,
  client: PrismaClient = db,
): Promise<CategoryRecord | null> {
  return client.category.findUnique({ where: { id }, select: categorySelect });
}

export type CategoryOption = { id: number; name: string; archived: boolean };

/** Every category for pickers, in their order; archived ones flagged. */
export async function listCategoryOptions(client: PrismaClient = db): Promise<CategoryOption[]> {
  const rows = await client.category.findMany({
    select: { id: true, name: true, archivedAt: true },
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
  });
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}

async function assertUnique(tx: Tx, input: { name: string; slug: string }, exceptId?: number): Promise<void> {
  const others = await tx.category.findMany({
    where: {
      OR: [{ name: { equals: input.name, mode: 'insensitive' } }, { slug: input.slug }],
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { name: true, slug: true },
  });
  const sameName = others.find((other) => other.name.toLowerCase() === input.name.toLowerCase());
  if (sameName) throw new ConflictError('name', `A category named “${sameName.name}” already exists.`);
  if (others.length)
    throw new ConflictError('slug', `The slug “${input.slug}” is taken by another category.`);
}

async function withUniqueConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new ConflictError('name', 'Another category has this name or slug.');
    throw error;
  }
}

export async function createCategory(
  input: CategoryInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<CategoryRecord> {
  return withUniqueConflicts(() =>
    client.$transaction(async (tx) => {
      await assertUnique(tx, input);
      let position = input.position;
      if (position === null) {
        const last = await tx.category.aggregate({ _max: { position: true } });
        position = (last._max.position ?? 0) + POSITION_STEP;
      }
      const category = await tx.category.create({
        data: { name: input.name, slug: input.slug, position },
        select: categorySelect,
      });
      await recordAudit(tx, {
        actorId,
        action: 'create',
        entityType: 'Category',
        entityId: category.id,
        before: null,
        after: category,
      });
      return category;
    }),
  );
}

export async function updateCategory(
  input: UpdateCategoryInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<CategoryRecord> {
  const { id, version, name, slug, position } = input;
  return withUniqueConflicts(() =>
    client.$transaction(async (tx) => {
      const load = () => tx.category.findUnique({ where: { id }, select: categorySelect });
      const current = await load();
      if (current && current.version === version) await assertUnique(tx, { name, slug }, id);
      const before = await guardedUpdate({
        what: 'category',
        version,
        load,
        formValues: categoryFormValues,
        write: () =>
          tx.category.updateMany({
            where: { id, version },
            // An emptied position keeps the one it had: "put it last" makes sense only for a new category.
            data: { name, slug, ...(position === null ? {} : { position }), version: { increment: 1 } },
          }),
      });
      const after = (await load())!;
      await recordAudit(tx, {
        actorId,
        action: 'update',
        entityType: 'Category',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

async function setCategoryArchived(
  input: ArchiveInput,
  archived: boolean,
  actorId: string,
  client: PrismaClient,
): Promise<CategoryRecord> {
  return client.$transaction(async (tx) => {
    const { after } = await archiveGuarded(tx, {
      what: 'category',
      entityType: 'Category',
      input,
      archived,
      actorId,
      load: () => tx.category.findUnique({ where: { id: input.id }, select: categorySelect }),
      formValues: categoryFormValues,
      write: (where, data) => tx.category.updateMany({ where, data }),
    });
    return after;
  });
}

/** Takes the category out of pickers; commitments filed under it keep it. */
export function archiveCategory(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setCategoryArchived(input, true, actorId, client);
}

export function unarchiveCategory(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setCategoryArchived(input, false, actorId, client);
}
