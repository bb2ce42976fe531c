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

type NamedParty = { id: number; name: string; parentId: number | null };

/**
 * How to name each party where a bare name could mean two: a name shared by parties under different parents
 * reads "Ministry of Interior (Rwanda)"; a unique one stays as it is. Should the labels still clash (same name
 * under namesake parents), the id tells them apart.
 */
export function partyLabels(parties: readonly NamedParty[]): Map<number, string> {
  const byId = new Map(parties.map((party) => [party.id, party]));
  const count = new Map<string, number>();
  for (const party of parties) {
    const key = party.name.toLowerCase();
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const labels = new Map<number, string>();
  for (const party of parties) {
    if ((count.get(party.name.toLowerCase()) ?? 0) < 2) labels.set(party.id, party.name);
    else {
      const parent = party.parentId === null ? undefined : byId.get(party.parentId);
      labels.set(party.id, `${party.name} (${parent ? parent.name : 'top level'})`);
    }
  }
  const seen = new Map<string, number>();
  for (const label of labels.values())
    seen.set(label.toLowerCase(), (seen.get(label.toLowerCase()) ?? 0) + 1);
  for (const [id, label] of labels) {
    if ((seen.get(label.toLowerCase()) ?? 0) > 1) labels.set(id, `${label} #${id}`);
  }
  return labels;
}

/** Every party's unambiguous label (see partyLabels), for lists that name parties. */
export async function getPartyLabels(client: PrismaClient = db): Promise<Map<number, string>> {
  return partyLabels(await client.party.findMany({ select: { id: true, name: true, parentId: true } }));
}

/**
 * Every party for pickers, archived ones flagged (a picker shows those only where already chosen); `name` is the
 * unambiguous label ("Ministry of Interior (Rwanda)" when the UAE has one too).
 */
export async function listPartyOptions(client: PrismaClient = db): Promise<PartyOption[]> {
  const rows = await client.party.findMany({
    select: { id: true, name: true, parentId: true, archivedAt: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const labels = partyLabels(rows);
  return rows.map(({ archivedAt, ...row }) => ({
    ...row,
    name: labels.get(row.id) ?? row.name,
    archived: archivedAt !== null,
  }));
}

/** "Ministry of Interior" under "Rwanda", or "the top level": where a name has to be unique. */
async function placeOf(tx: Tx, parentId: number | null): Promise<string> {
  if (parentId === null) return 'at the top level';
  const parent = await tx.party.findUnique({ where: { id: parentId }, select: { name: true } });
  return parent ? `under “${parent.name}”` : 'under that parent';
}

/**
 * Names are unique within their parent (Rwanda's and the UAE's "Ministry of Interior" both exist), and among
 * top-level parties; whatever the case. Re-run whenever the name or the parent changes. The message goes beside
 * `field` (the inline party rows of the agreement form have their own field names).
 */
async function assertPartyNameFree(
  tx: Tx,
  name: string,
  parentId: number | null,
  exceptId?: number,
  field = 'name',
): Promise<void> {
  const existing = await tx.party.findFirst({
    where: {
      name: { equals: name, mode: 'insensitive' },
      parentId,
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { name: true, archivedAt: true },
  });
  if (existing) {
    throw new ConflictError(
      field,
      `A party named “${existing.name}” already exists ${await placeOf(tx, parentId)}${existing.archivedAt ? ' (archived: unarchive it instead)' : ''}.`,
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
  field = 'parentId',
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
    field,
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
    throw new RuleViolationError(message, { [field]: [message] });
  }
}

/** A unique index refused the write (Prisma's P2002, or PostgreSQL's 23505 from the hand-written index). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = JSON.stringify(error.meta ?? {});
  return cause.includes('23505');
}

const PARTY_NAME_TAKEN = 'A party with this name already exists under the same parent (or at the top level).';

/**
 * The unique indexes on names (within a parent; "Party_top_level_name_key" at the top level) are the last line
 * of defence: a concurrent save of the same name gets the same field message as the check, never a 500.
 */
async function withPartyNameConflicts<T>(run: () => Promise<T>, field = 'name'): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(field, PARTY_NAME_TAKEN);
    throw error;
  }
}

/**
 * Creates a party inside the caller's transaction (the agreement form creates new parties inline, in the
 * agreement's transaction); `fields` names where its messages go.
 */
export async function createPartyInTx(
  tx: Tx,
  input: PartyInput,
  actorId: string,
  fields: { name: string; parentId: string } = { name: 'name', parentId: 'parentId' },
): Promise<PartyRecord> {
  await assertParentAllowed(tx, input.parentId, null, fields.parentId);
  await assertPartyNameFree(tx, input.name, input.parentId, undefined, fields.name);
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
}

export async function createParty(
  input: PartyInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PartyRecord> {
  return withPartyNameConflicts(() => client.$transaction((tx) => createPartyInTx(tx, input, actorId)));
}

export async function updateParty(
  input: UpdatePartyInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PartyRecord> {
  const { id, version, ...data } = input;
  return withPartyNameConflicts(() =>
    client.$transaction(async (tx) => {
      const load = () => tx.party.findUnique({ where: { id }, select: partySelect });
      const current = await load();
      // Checked first so a stale form learns of the conflict rather than of a rule its fresh values might pass.
      // The name is checked in the parent it will have: moving a party re-checks it there.
      if (current && current.version === version) {
        await assertParentAllowed(tx, data.parentId, current);
        await assertPartyNameFree(tx, data.name, data.parentId, id);
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
