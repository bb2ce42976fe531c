// Parties as the edit screens manage them: create, edit (optimistic locking, see ./editing.ts), archive and
// unarchive, each in one transaction with its audit event. The party dashboard's queries live in
// ./party-dashboard.ts. Every function takes the client last (default: the app's) so tests can pass their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { ConflictError, RuleViolationError } from '../errors.ts';
import type { ArchiveInput } from '../validation/editing.ts';
import type { PartyFormValues, PartyInput, UpdatePartyInput } from '../validation/party.ts';
import { recordAudit } from './audit.ts';
import { archiveGuarded, checkPicks, guardedUpdate, text } from './editing.ts';

type Tx = Prisma.TransactionClient;

/** Serialises changes to the party tree, so two concurrent re-parentings cannot make a cycle together. */
const HIERARCHY_LOCK_KEY = 72707371;

const partySelect = {
  id: true,
  name: true,
  shortName: true,
  kind: true,
  countryCode: true,
  parentId: true,
  version: true,
  archivedAt: true,
} satisfies Prisma.PartySelect;

export type PartyRecord = Prisma.PartyGetPayload<{ select: typeof partySelect }>;

export function partyFormValues(party: PartyRecord): PartyFormValues {
  return {
    id: String(party.id),
    version: String(party.version),
    name: party.name,
    shortName: text(party.shortName),
    kind: party.kind,
    countryCode: text(party.countryCode),
    parentId: text(party.parentId),
    archived: party.archivedAt !== null,
  };
}

/** The party as its edit form needs it, or null. */
export async function getPartyForEdit(id: number, client: PrismaClient = db): Promise<PartyRecord | null> {
  return client.party.findUnique({ where: { id }, select: partySelect });
}

export type PartyOption = { id: number; name: string; parentId: number | null; archived: boolean };

/** Every party for pickers, archived ones flagged (a picker shows those only where already chosen). */
export async function listPartyOptions(client: PrismaClient = db): Promise<PartyOption[]> {
  const rows = await client.party.findMany({
    select: { id: true, name: true, parentId: true, archivedAt: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}

/** Ids of the parties under `id` (children, their children, ...), from a list of options. */
export function descendantIds(
  id: number,
  options: readonly Pick<PartyOption, 'id' | 'parentId'>[],
): Set<number> {
  const below = new Set<number>();
  let frontier = [id];
  while (frontier.length) {
    const next = options
      .filter((option) => option.parentId !== null && frontier.includes(option.parentId))
      .map((option) => option.id)
      .filter((childId) => childId !== id && !below.has(childId));
    next.forEach((childId) => below.add(childId));
    frontier = next;
  }
  return below;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  const existing = await tx.party.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true, archivedAt: true },
  });
  if (existing) {
    throw new ConflictError(
      'name',
      `A party named “${existing.name}” already exists${existing.archivedAt ? ' (archived: unarchive it instead)' : ''}.`,
    );
  }
}

/**
 * The parent must exist and be live (unless it is already the parent), and must not sit under the party itself:
 * that would make the party its own ancestor. Checked under the hierarchy lock.
 */
async function assertParentAllowed(
  tx: Tx,
  parentId: number | null,
  party: { id: number; name: string; parentId: number | null } | null,
): Promise<void> {
  if (parentId === null) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HIERARCHY_LOCK_KEY})`;
  const parent = await tx.party.findUnique({
    where: { id: parentId },
    select: { id: true, name: true, archivedAt: true },
  });
  checkPicks({
    ids: [parentId],
    found: parent ? [parent] : [],
    keep: party?.parentId ? [party.parentId] : [],
    field: 'parentId',
    noun: 'parent party',
  });
  if (!party) return;
  // The chain from the chosen parent upwards; UNION (not UNION ALL) ends even on a cycle already in the data.
  const chain = await tx.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE up(id, "parentId") AS (
      SELECT id, "parentId" FROM "Party" WHERE id = ${parentId}
      UNION
      SELECT p.id, p."parentId" FROM "Party" p JOIN up ON p.id = up."parentId"
    )
    SELECT id FROM up WHERE id = ${party.id}`;
  if (chain.length) {
    const message = `“${parent!.name}” sits under “${party.name}”: a party cannot be placed under itself or one of its own parts.`;
    throw new RuleViolationError(message, { parentId: [message] });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The unique index on names is the last line of defence (a concurrent create of the same name). */
async function withNameConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('name', 'A party with this name already exists.');
    throw error;
  }
}

export async function createParty(
  input: PartyInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PartyRecord> {
  return withNameConflicts(() =>
    client.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      await assertParentAllowed(tx, input.parentId, null);
      const party = await tx.party.create({ data: input, select: partySelect });
      await recordAudit(tx, {
        actorId,
        action: 'create',
        entityType: 'Party',
        entityId: party.id,
        before: null,
        after: party,
      });
      return party;
    }),
  );
}

export async function updateParty(
  input: UpdatePartyInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PartyRecord> {
  const { id, version, ...data } = input;
  return withNameConflicts(() =>
    client.$transaction(async (tx) => {
      const load = () => tx.party.findUnique({ where: { id }, select: partySelect });
      const current = await load();
      // Checked first so a stale form learns of the conflict rather than of a rule its fresh values might pass.
      if (current && current.version === version) {
        await assertNameFree(tx, data.name, id);
        await assertParentAllowed(tx, data.parentId, current);
      }
      const before = await guardedUpdate({
        what: 'party',
        version,
        load,
        formValues: partyFormValues,
        write: () =>
          tx.party.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }),
      });
      const after = (await load())!;
      await recordAudit(tx, { actorId, action: 'update', entityType: 'Party', entityId: id, before, after });
      return after;
    }),
  );
}

async function setPartyArchived(
  input: ArchiveInput,
  archived: boolean,
  actorId: string,
  client: PrismaClient,
): Promise<PartyRecord> {
  return client.$transaction(async (tx) => {
    const { after } = await archiveGuarded(tx, {
      what: 'party',
      entityType: 'Party',
      input,
      archived,
      actorId,
      load: () => tx.party.findUnique({ where: { id: input.id }, select: partySelect }),
      formValues: partyFormValues,
      write: (where, data) => tx.party.updateMany({ where, data }),
    });
    return after;
  });
}

/** Takes the party out of pickers; everything that names it (agreements, commitments, history) still does. */
export function archiveParty(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setPartyArchived(input, true, actorId, client);
}

export function unarchiveParty(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setPartyArchived(input, false, actorId, client);
}
