// What a form's or a list filter's pickers already show before anything is typed: the records the form's values or
// the URL name (an agreement, parties, people, an outlet), by id, archived or not, so the page sends those few and
// never the whole list. What the analyst picks next comes from app/api/options/* as they type
// (lib/search/options.ts).
import { inIdOrder } from '../data/in-id-order.ts';
import { db } from '../db.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { AgreementPickOption, PartyPickOption, PersonPickOption } from './options.ts';

export type PickedAgreement = AgreementPickOption & { archived: boolean };
export type PickedParty = PartyPickOption & { archived: boolean };
export type PickedPerson = PersonPickOption & { archived: boolean };

/** The agreement with this id, archived or not, or null. */
export async function getPickedAgreement(
  id: number | null,
  client: PrismaClient = db,
): Promise<PickedAgreement | null> {
  if (id === null) return null;
  const row = await client.agreement.findUnique({
    where: { id },
    select: { id: true, title: true, archivedAt: true },
  });
  return row ? { id: row.id, title: row.title, archived: row.archivedAt !== null } : null;
}

export type PickedOutlet = { id: number; name: string; archived: boolean };

/** The outlet a list filter names in its URL (/evidence?outlet=12), archived or not, or null. */
export async function getPickedOutlet(
  id: number | null | undefined,
  client: PrismaClient = db,
): Promise<PickedOutlet | null> {
  if (id === null || id === undefined) return null;
  const row = await client.outlet.findUnique({
    where: { id },
    select: { id: true, name: true, archivedAt: true },
  });
  return row ? { id: row.id, name: row.name, archived: row.archivedAt !== null } : null;
}

/** The parties with these ids, archived or not, in the order of `ids` (unknown ids left out). */
export async function listPickedParties(
  ids: readonly number[],
  client: PrismaClient = db,
): Promise<PickedParty[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await client.party.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, shortName: true, archivedAt: true, parent: { select: { name: true } } },
  });
  return inIdOrder(
    unique,
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      shortName: row.shortName,
      parentName: row.parent?.name ?? null,
      archived: row.archivedAt !== null,
    })),
  );
}

/** The people with these ids, archived or not, in the order of `ids` (unknown ids left out). */
export async function listPickedPeople(
  ids: readonly number[],
  client: PrismaClient = db,
): Promise<PickedPerson[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await client.person.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, title: true, archivedAt: true, party: { select: { name: true } } },
  });
  return inIdOrder(
    unique,
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      title: row.title,
      partyName: row.party?.name ?? null,
      archived: row.archivedAt !== null,
    })),
  );
}

/**
 * The ids of the parties under `id` (its parts, their parts, ...): never offered as its parent, so the party form's
 * picker leaves them out of what it finds (the server refuses a cycle regardless).
 */
export async function listPartyDescendantIds(id: number, client: PrismaClient = db): Promise<number[]> {
  const rows = await client.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE below AS (
      SELECT p.id FROM "Party" p WHERE p."parentId" = ${id}
      UNION
      SELECT p.id FROM "Party" p JOIN below b ON p."parentId" = b.id
    )
    SELECT id FROM below ORDER BY id`;
  return rows.map((row) => row.id);
}
