// Outlets: the news outlets and issuers evidence comes from, each with a default Admiralty source reliability.
// Writes run in one transaction with their audit event. Edits use optimistic locking (`version`); outlets are
// archived, never deleted, because evidence keeps pointing at them. Functions take the client last (default:
// the app's) so tests can run them on a database of their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { Reliability } from '../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, VersionConflictError } from '../errors.ts';
import type {
  CreateOutletInput,
  OutletFormValues,
  OutletVersionInput,
  UpdateOutletInput,
} from '../validation/outlet.ts';
import { recordAudit } from './audit.ts';
import { EditConflictError } from './editing.ts';
import { clampPage, type Page } from './commitments.ts';

type Tx = Prisma.TransactionClient;

const OUTLETS_PAGE_SIZE = 25;

/** Shown by the edit form when its version is stale; the form then shows the current values beside the user's. */
const OUTLET_CHANGED =
  'This record was changed by someone else since you opened it. Their version is shown below; nothing was saved.';

export type OutletOption = { id: number; name: string; defaultReliability: Reliability };

/** Live outlets for pick lists, by name. */
export async function listOutletOptions(client: PrismaClient = db): Promise<OutletOption[]> {
  return client.outlet.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, defaultReliability: true },
    orderBy: { name: 'asc' },
  });
}

const outletRowSelect = {
  id: true,
  name: true,
  website: true,
  defaultReliability: true,
  version: true,
  archivedAt: true,
  updatedAt: true,
  _count: { select: { evidence: true } },
} satisfies Prisma.OutletSelect;

type OutletRowPayload = Prisma.OutletGetPayload<{ select: typeof outletRowSelect }>;

function toOutletRow({ _count, ...row }: OutletRowPayload) {
  return { ...row, evidenceCount: _count.evidence };
}

export type OutletRow = ReturnType<typeof toOutletRow>;

export type OutletFilter = { q?: string; archived?: boolean };

export function outletWhere({ q, archived = false }: OutletFilter): Prisma.OutletWhereInput {
  return {
    archivedAt: archived ? { not: null } : null,
    ...(q ? { name: { contains: q, mode: 'insensitive' } } : {}),
  };
}

/** Outlets by name with how many items each has, a page at a time (live ones, or the archived ones). */
export async function listOutlets(
  {
    page = 1,
    pageSize = OUTLETS_PAGE_SIZE,
    ...filter
  }: OutletFilter & { page?: number; pageSize?: number } = {},
  client: PrismaClient = db,
): Promise<Page<OutletRow>> {
  const where = outletWhere(filter);
  const total = await client.outlet.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const rows = await client.outlet.findMany({
    where,
    select: outletRowSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    skip: (clamped.page - 1) * pageSize,
    take: pageSize,
  });
  return { items: rows.map(toOutletRow), ...clamped, pageSize, total };
}

export async function countArchivedOutlets(client: PrismaClient = db): Promise<number> {
  return client.outlet.count({ where: { archivedAt: { not: null } } });
}

export async function getOutletOrThrow(id: number, client: PrismaClient = db): Promise<OutletRow> {
  const outlet = await client.outlet.findUnique({ where: { id }, select: outletRowSelect });
  if (!outlet) throw new NotFoundError('outlet');
  return toOutletRow(outlet);
}

function auditedColumns(outlet: {
  name: string;
  website: string | null;
  defaultReliability: Reliability;
  version: number;
  archivedAt: Date | null;
}) {
  return {
    name: outlet.name,
    website: outlet.website,
    defaultReliability: outlet.defaultReliability,
    version: outlet.version,
    archivedAt: outlet.archivedAt,
  };
}

function nameTaken(name: string): ConflictError {
  return new ConflictError('name', `An outlet named "${name}" already exists.`);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The outlet whose name matches regardless of case ("Dunya news" is Dunya News), if any. */
export async function findOutletByName(
  tx: Tx | PrismaClient,
  name: string,
): Promise<{ id: number; name: string; archivedAt: Date | null } | null> {
  return tx.outlet.findFirst({
    where: { name: { equals: name.trim(), mode: 'insensitive' } },
    select: { id: true, name: true, archivedAt: true },
  });
}

/**
 * Creates an outlet inside the caller's transaction (the follow-up form creates one inline). A name already
 * taken, in any case, is refused on `field` so the form can point at the input that holds it.
 */
export async function createOutletInTx(
  tx: Tx,
  input: CreateOutletInput,
  actorId: string,
  field = 'name',
): Promise<{ id: number; name: string; defaultReliability: Reliability }> {
  const existing = await findOutletByName(tx, input.name);
  if (existing) {
    throw new ConflictError(
      field,
      existing.archivedAt
        ? `An archived outlet is named "${existing.name}": restore it on the Outlets page, or choose another name.`
        : `An outlet named "${existing.name}" already exists: pick it from the list.`,
    );
  }
  const outlet = await tx.outlet.create({
    data: { name: input.name, website: input.website, defaultReliability: input.defaultReliability },
  });
  await recordAudit(tx, {
    actorId,
    action: 'create',
    entityType: 'Outlet',
    entityId: outlet.id,
    before: null,
    after: auditedColumns(outlet),
  });
  return outlet;
}

export async function createOutlet(
  input: CreateOutletInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<{ id: number; name: string }> {
  try {
    return await client.$transaction((tx) => createOutletInTx(tx, input, actorId));
  } catch (error) {
    // Two people adding the same outlet at once: the unique index decides, the loser is told plainly.
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * The stale-form error: the version the form was opened with is no longer the outlet's. Carries a `version`
 * field error so the form can tell it from other refusals and show the current values.
 */
function changedMeanwhile(): VersionConflictError {
  const error = new VersionConflictError('outlet', OUTLET_CHANGED);
  error.fieldErrors.version = [OUTLET_CHANGED];
  return error;
}

/** The outlet as its edit form shows it (every value as form text). */
export function outletFormValues(outlet: {
  id: number;
  version: number;
  name: string;
  website: string | null;
  defaultReliability: Reliability;
}): OutletFormValues {
  return {
    id: String(outlet.id),
    version: String(outlet.version),
    name: outlet.name,
    website: outlet.website ?? '',
    defaultReliability: outlet.defaultReliability,
  };
}

/**
 * A stale edit: an EditConflictError carrying the outlet as saved now, so the edit wrapper can merge it with the
 * form (decision 013); it keeps the `version` field error of the stale-form error.
 */
function editedMeanwhile(current: Parameters<typeof outletFormValues>[0]): EditConflictError {
  const error = new EditConflictError('outlet', outletFormValues(current));
  error.fieldErrors.version = [OUTLET_CHANGED];
  return error;
}

/**
 * Writes `data` only if the outlet is still at `version` (bumping it), and audits before/after. The conditional
 * UPDATE is the lock: of two saves made from the same version, exactly one matches a row.
 */
async function updateAtVersion(
  input: OutletVersionInput,
  data: Prisma.OutletUpdateManyMutationInput,
  action: 'update' | 'archive' | 'unarchive',
  actorId: string,
  client: PrismaClient,
) {
  try {
    return await client.$transaction(async (tx) => {
      const before = await tx.outlet.findUnique({ where: { id: input.id } });
      if (!before) throw new NotFoundError('outlet');
      // Archiving what is archived (or restoring what is live) changes nothing: no new version, no audit.
      if (action === 'archive' && before.archivedAt) return before;
      if (action === 'unarchive' && !before.archivedAt) return before;
      const { count } = await tx.outlet.updateMany({
        where: { id: input.id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) {
        if (action !== 'update') throw changedMeanwhile();
        const current = await tx.outlet.findUnique({ where: { id: input.id } });
        if (!current) throw new NotFoundError('outlet');
        throw editedMeanwhile(current);
      }
      const after = await tx.outlet.findUniqueOrThrow({ where: { id: input.id } });
      await recordAudit(tx, {
        actorId,
        action,
        entityType: 'Outlet',
        entityId: input.id,
        before: auditedColumns(before),
        after: auditedColumns(after),
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error) && typeof data.name === 'string') throw nameTaken(data.name);
    throw error;
  }
}

export async function updateOutlet(input: UpdateOutletInput, actorId: string, client: PrismaClient = db) {
  const clash = await findOutletByName(client, input.name);
  if (clash && clash.id !== input.id) throw nameTaken(clash.name);
  return updateAtVersion(
    input,
    { name: input.name, website: input.website, defaultReliability: input.defaultReliability },
    'update',
    actorId,
    client,
  );
}

/** Hides the outlet from pick lists; its evidence keeps it. */
export async function archiveOutlet(input: OutletVersionInput, actorId: string, client: PrismaClient = db) {
  return updateAtVersion(input, { archivedAt: new Date() }, 'archive', actorId, client);
}

export async function unarchiveOutlet(input: OutletVersionInput, actorId: string, client: PrismaClient = db) {
  return updateAtVersion(input, { archivedAt: null }, 'unarchive', actorId, client);
}
