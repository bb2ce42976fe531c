// People who speak for parties (Mohsin Naqvi for Pakistan's Ministry of Interior): the list, the pickers, and
// create / edit (optimistic locking, see ./editing.ts) / archive / unarchive, each in one transaction with its
// audit event. Every function takes the client last (default: the app's) so tests can pass their own.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { ConflictError } from '../errors.ts';
import type { ArchiveInput } from '../validation/editing.ts';
import type { PersonFormValues, PersonInput, UpdatePersonInput } from '../validation/person.ts';
import { recordAudit } from './audit.ts';
import { clampPage, type Page } from './commitments.ts';
import { archiveGuarded, checkPicks, guardedUpdate, text } from './editing.ts';
import { getPartyLabels } from './parties.ts';

type Tx = Prisma.TransactionClient;

const PEOPLE_PAGE_SIZE = 50;

const personSelect = {
  id: true,
  name: true,
  title: true,
  partyId: true,
  version: true,
  archivedAt: true,
} satisfies Prisma.PersonSelect;

export type PersonRecord = Prisma.PersonGetPayload<{ select: typeof personSelect }>;

/** The person form's values for a new person (the list's quick-add and /people/new). */
export const BLANK_PERSON: PersonFormValues = {
  id: '',
  version: '',
  name: '',
  title: '',
  partyId: '',
  archived: false,
};

export function personFormValues(person: PersonRecord): PersonFormValues {
  return {
    id: String(person.id),
    version: String(person.version),
    name: person.name,
    title: text(person.title),
    partyId: text(person.partyId),
    archived: person.archivedAt !== null,
  };
}

const personRowSelect = {
  id: true,
  name: true,
  title: true,
  version: true,
  archivedAt: true,
  party: { select: { id: true, name: true } },
  _count: { select: { agreements: true } },
} satisfies Prisma.PersonSelect;

type PersonRowPayload = Prisma.PersonGetPayload<{ select: typeof personRowSelect }>;

function toPersonRow({ _count, ...row }: PersonRowPayload) {
  return { ...row, agreementCount: _count.agreements };
}

export type PersonRow = ReturnType<typeof toPersonRow>;

/** Everyone, live first, then by name; a page at a time. */
export async function listPeople(
  { page = 1, pageSize = PEOPLE_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
  client: PrismaClient = db,
): Promise<Page<PersonRow>> {
  const total = await client.person.count();
  const clamped = clampPage(page, total, pageSize);
  const [rows, labels] = await Promise.all([
    client.person.findMany({
      select: personRowSelect,
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }, { id: 'asc' }],
      skip: (clamped.page - 1) * pageSize,
      take: pageSize,
    }),
    getPartyLabels(client),
  ]);
  // "Ministry of Interior (Rwanda)" where the bare name would be ambiguous.
  return {
    items: rows.map((row) =>
      toPersonRow(
        row.party
          ? { ...row, party: { ...row.party, name: labels.get(row.party.id) ?? row.party.name } }
          : row,
      ),
    ),
    ...clamped,
    pageSize,
    total,
  };
}

export async function getPersonForEdit(id: number, client: PrismaClient = db): Promise<PersonRecord | null> {
  return client.person.findUnique({ where: { id }, select: personSelect });
}

async function assertNameFree(tx: Tx, name: string, exceptId?: number, field = 'name'): Promise<void> {
  const existing = await tx.person.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true, archivedAt: true },
  });
  if (existing) {
    throw new ConflictError(
      field,
      `“${existing.name}” is already recorded${existing.archivedAt ? ' (archived: unarchive them instead)' : ''}.`,
    );
  }
}

async function assertPartyAllowed(
  tx: Tx,
  partyId: number | null,
  keep: number | null,
  field = 'partyId',
): Promise<void> {
  if (partyId === null) return;
  const found = await tx.party.findMany({
    where: { id: partyId },
    select: { id: true, name: true, archivedAt: true },
  });
  checkPicks({ ids: [partyId], found, keep: keep ? [keep] : [], field, noun: 'party' });
}

const PERSON_NAME_TAKEN = 'A person with this name is already recorded.';

async function withPersonNameConflicts<T>(run: () => Promise<T>, field = 'name'): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new ConflictError(field, PERSON_NAME_TAKEN);
    throw error;
  }
}

/**
 * Creates a person inside the caller's transaction (the agreement form adds people inline, in the agreement's
 * transaction); `fields` names where its messages go.
 */
export async function createPersonInTx(
  tx: Tx,
  input: PersonInput,
  actorId: string,
  fields: { name: string; partyId: string } = { name: 'name', partyId: 'partyId' },
): Promise<PersonRecord> {
  await assertNameFree(tx, input.name, undefined, fields.name);
  await assertPartyAllowed(tx, input.partyId, null, fields.partyId);
  const person = await tx.person.create({ data: input, select: personSelect });
  await recordAudit(tx, {
    actorId,
    action: 'create',
    entityType: 'Person',
    entityId: person.id,
    before: null,
    after: person,
  });
  return person;
}

export async function createPerson(
  input: PersonInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PersonRecord> {
  return withPersonNameConflicts(() => client.$transaction((tx) => createPersonInTx(tx, input, actorId)));
}

export async function updatePerson(
  input: UpdatePersonInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<PersonRecord> {
  const { id, version, ...data } = input;
  return withPersonNameConflicts(() =>
    client.$transaction(async (tx) => {
      const load = () => tx.person.findUnique({ where: { id }, select: personSelect });
      const current = await load();
      if (current && current.version === version) {
        await assertNameFree(tx, data.name, id);
        await assertPartyAllowed(tx, data.partyId, current.partyId);
      }
      const before = await guardedUpdate({
        what: 'person',
        version,
        load,
        formValues: personFormValues,
        write: () =>
          tx.person.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }),
      });
      const after = (await load())!;
      await recordAudit(tx, { actorId, action: 'update', entityType: 'Person', entityId: id, before, after });
      return after;
    }),
  );
}

async function setPersonArchived(
  input: ArchiveInput,
  archived: boolean,
  actorId: string,
  client: PrismaClient,
): Promise<PersonRecord> {
  return client.$transaction(async (tx) => {
    const { after } = await archiveGuarded(tx, {
      what: 'person',
      entityType: 'Person',
      input,
      archived,
      actorId,
      load: () => tx.person.findUnique({ where: { id: input.id }, select: personSelect }),
      formValues: personFormValues,
      write: (where, data) => tx.person.updateMany({ where, data }),
    });
    return after;
  });
}

/** Takes the person out of pickers; agreements that name them still do. */
export function archivePerson(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setPersonArchived(input, true, actorId, client);
}

export function unarchivePerson(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setPersonArchived(input, false, actorId, client);
}
