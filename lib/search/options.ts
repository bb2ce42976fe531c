// What the pickers offer as the analyst types (components/ui/combobox.tsx through app/api/options/*): a page of at
// most OPTIONS_MAX options, never the whole list, so a form's page stays small however many records there are.
//
// A commitment is found by the words of its own title and text, of its agreement, or of any of its parties, each
// word as a prefix (the search documents of decision 014), by a piece of its title inside a word (the trigram
// index on the documents' ASCII words), or by its id typed as "#12" or "12". Agreements and parties are found
// the same way, by their own words or a piece of their title or name.
import { db } from '../db.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { commitmentOptionSelect, toCommitmentOption, type CommitmentOption } from '../data/evidence.ts';
import type { OutletOption } from '../data/outlets.ts';

/** The most options a picker shows at once. */
export const OPTIONS_MAX = 20;

/** `limit` kept within 1 and OPTIONS_MAX (a bad or missing one gives the most). */
export function optionsLimit(text: string | null): number {
  const limit = Number(text);
  return Number.isInteger(limit) && limit >= 1 ? Math.min(limit, OPTIONS_MAX) : OPTIONS_MAX;
}

/** "#12" or "12": the commitment id typed in, or null. */
function typedId(q: string): number | null {
  const match = /^#?\s*(\d{1,9})$/.exec(q);
  return match ? Number(match[1]) : null;
}

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Live commitments of live agreements matching `q`, best first: a match in the commitment's own words, then in
 * its agreement's or a party's, then inside a title word; ties newest agreement first, as the full list was. An
 * empty query offers the newest agreements' commitments.
 */
export async function searchCommitmentOptions(
  q: string,
  limit: number = OPTIONS_MAX,
  client: PrismaClient = db,
): Promise<CommitmentOption[]> {
  const text = q.trim();
  if (!text) {
    const newest = await client.commitment.findMany({
      where: { archivedAt: null, agreement: { archivedAt: null } },
      select: commitmentOptionSelect,
      orderBy: [
        { agreement: { concludedOn: { sort: 'desc', nulls: 'last' } } },
        { agreementId: 'desc' },
        { id: 'asc' },
      ],
      take: limit,
    });
    return newest.map(toCommitmentOption);
  }
  const id = typedId(text);
  const like = containing(text);
  const rows = await client.$queryRaw<{ id: number }[]>`
    WITH q AS (SELECT pactwatch_search_query(${text}) AS tsq),
    hits AS (
      SELECT c.id, 3.0::float8 AS score FROM "Commitment" c WHERE c.id = ${id}::int
      UNION ALL
      SELECT d."recordId", 2.0 + ts_rank(d.lexemes, q.tsq)
        FROM "SearchDocument" d, q WHERE d.kind = 'commitment' AND d.lexemes @@ q.tsq
      UNION ALL
      SELECT c.id, 1.0 + ts_rank(d.lexemes, q.tsq)
        FROM "SearchDocument" d, q, "Commitment" c
       WHERE d.kind = 'agreement' AND d.lexemes @@ q.tsq AND c."agreementId" = d."recordId"
      UNION ALL
      SELECT cp."commitmentId", 1.0 + ts_rank(d.lexemes, q.tsq)
        FROM "SearchDocument" d, q, "CommitmentParty" cp
       WHERE d.kind = 'party' AND d.lexemes @@ q.tsq AND cp."partyId" = d."recordId"
      UNION ALL
      -- Inside a word ("rain" in "training"): ASCII title words, through their trigram index.
      SELECT d."recordId", 0.0 FROM "SearchDocument" d
       WHERE length(${text}) >= 3 AND d.kind = 'commitment' AND d.fuzzy ILIKE ${like}
    )
    SELECT c.id
      FROM hits h
      JOIN "Commitment" c ON c.id = h.id
      JOIN "Agreement" a ON a.id = c."agreementId"
     WHERE c."archivedAt" IS NULL AND a."archivedAt" IS NULL
     GROUP BY c.id, a."concludedOn", a.id
     ORDER BY max(h.score) DESC, a."concludedOn" DESC NULLS LAST, a.id DESC, c.id ASC
     LIMIT ${limit}`;
  if (!rows.length) return [];
  const found = await client.commitment.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: commitmentOptionSelect,
  });
  const byId = new Map(found.map((row) => [row.id, toCommitmentOption(row)]));
  return rows.flatMap((row) => byId.get(row.id) ?? []);
}

/** Whether any commitment can be followed up (the form has nothing to offer otherwise). */
export async function hasCommitmentOptions(client: PrismaClient = db): Promise<boolean> {
  const row = await client.commitment.findFirst({
    where: { archivedAt: null, agreement: { archivedAt: null } },
    select: { id: true },
  });
  return row !== null;
}

/** Live outlets matching `q` (its words as prefixes, or a piece of its name), by name; all of them, by name, for ''. */
export async function searchOutletOptions(
  q: string,
  limit: number = OPTIONS_MAX,
  client: PrismaClient = db,
): Promise<OutletOption[]> {
  const text = q.trim();
  return client.$queryRaw<OutletOption[]>`
    SELECT o.id, o.name, o."defaultReliability"::text AS "defaultReliability"
      FROM "Outlet" o
     WHERE o."archivedAt" IS NULL
       AND (${text} = ''
         OR o.name ILIKE ${containing(text)}
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'outlet' AND d."recordId" = o.id
                       AND d.lexemes @@ pactwatch_search_query(${text})))
     ORDER BY o.name ASC, o.id ASC
     LIMIT ${limit}`;
}

/** Whether any live outlet is on file (without one, the form starts on "add a new outlet"). */
export async function hasOutletOptions(client: PrismaClient = db): Promise<boolean> {
  const row = await client.outlet.findFirst({ where: { archivedAt: null }, select: { id: true } });
  return row !== null;
}

export type AgreementPickOption = { id: number; title: string };

/**
 * Live agreements matching `q` (its words as prefixes, a piece of its title, or its id as "#12"), newest first;
 * the newest for ''.
 */
export async function searchAgreementOptions(
  q: string,
  limit: number = OPTIONS_MAX,
  client: PrismaClient = db,
): Promise<AgreementPickOption[]> {
  const text = q.trim();
  return client.$queryRaw<AgreementPickOption[]>`
    SELECT a.id, a.title
      FROM "Agreement" a
     WHERE a."archivedAt" IS NULL
       AND (${text} = ''
         OR a.id = ${typedId(text)}::int
         OR a.title ILIKE ${containing(text)}
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'agreement' AND d."recordId" = a.id
                       AND d.lexemes @@ pactwatch_search_query(${text})))
     ORDER BY a."concludedOn" DESC NULLS LAST, a.id DESC
     LIMIT ${limit}`;
}

/** A party as a picker offers it: its parent named, so two "Ministry of Interior"s can be told apart. */
export type PartyPickOption = {
  id: number;
  name: string;
  shortName: string | null;
  parentName: string | null;
};

/** Live parties matching `q` by name or short name (words as prefixes, or a piece of either), by name. */
export async function searchPartyOptions(
  q: string,
  limit: number = OPTIONS_MAX,
  client: PrismaClient = db,
): Promise<PartyPickOption[]> {
  const text = q.trim();
  const like = containing(text);
  return client.$queryRaw<PartyPickOption[]>`
    SELECT p.id, p.name, p."shortName", parent.name AS "parentName"
      FROM "Party" p
      LEFT JOIN "Party" parent ON parent.id = p."parentId"
     WHERE p."archivedAt" IS NULL
       AND (${text} = ''
         OR p.name ILIKE ${like}
         OR p."shortName" ILIKE ${like}
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'party' AND d."recordId" = p.id
                       AND d.lexemes @@ pactwatch_search_query(${text})))
     ORDER BY p.name ASC, p.id ASC
     LIMIT ${limit}`;
}

/** A reciprocal commitment as its picker shows it; an archived one only where already linked. */
export type ReciprocalOption = {
  id: number;
  title: string;
  status: CommitmentStatus;
  agreement: { id: number; title: string };
  archived?: boolean;
};

/** The commitment linked as a reciprocal, archived or not (the edit form shows it chosen), or null. */
export async function getReciprocalOption(
  id: number,
  client: PrismaClient = db,
): Promise<ReciprocalOption | null> {
  const row = await client.commitment.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      status: true,
      archivedAt: true,
      agreement: { select: { id: true, title: true } },
    },
  });
  if (!row) return null;
  const { archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}
