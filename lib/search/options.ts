// What the pickers offer as the analyst types (components/ui/combobox.tsx through app/api/options/*): a page of at
// most OPTIONS_MAX options, never the whole list, so a form's page stays small however many records there are.
//
// A commitment is found by the words of its own title and text, of its agreement, or of any of its parties, each
// word as a prefix (the search documents of decision 014), by a piece of its title inside a word (the trigram
// index on the documents' ASCII words), by its id typed as "#12" or "12", or, when those fill less than the page,
// by a close spelling of its title words ("protecton unit"). Agreements and parties are found the same way, by
// their own words or a piece of their title or name; people by theirs or their party's.
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import { commitmentOptionSelect, toCommitmentOption, type CommitmentOption } from '../data/evidence.ts';
import type { OutletOption } from '../data/outlets.ts';
import { searchUnits } from './normalise.ts';

/** The most options a picker shows at once. */
export const OPTIONS_MAX = 20;

/** The most matches of one kind a commitment search ranks (a common word matches thousands). */
const CANDIDATES_MAX = 500;
/** The most close spellings a commitment search ranks (each costs a similarity computation). */
const CLOSE_MAX = 100;
/** How like one of a title's words each query word must be in a typo-tolerant match (as lib/search/query.ts). */
const FUZZY_WORD_THRESHOLD = 0.6;

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
  // A close spelling of an all-ASCII query of four letters or more ("protecton unit"), as the search page does.
  const units = searchUnits(text);
  const fuzzy = units.every(({ unit }) => /^[a-z0-9]+$/.test(unit))
    ? units.map(({ unit }) => unit).join(' ')
    : '';
  const withTypos = fuzzy.replace(/ /g, '').length >= 4;
  const typos = Prisma.sql`UNION ALL
      (SELECT d."recordId", word_similarity(${fuzzy}, d.fuzzy) - 1.0 FROM "SearchDocument" d
        WHERE d.kind = 'commitment' AND d.fuzzy %> ${fuzzy}
          AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(${fuzzy}, ' ')) AS w(word)
                           WHERE word_similarity(w.word, d.fuzzy) < ${FUZZY_WORD_THRESHOLD})
        LIMIT ${CLOSE_MAX})`;
  // Close spellings only when the words fill less than the page: they would rank after every other option.
  const found = await commitmentOptionsMatching(client, text, id, like, limit, Prisma.empty);
  if (found.length >= limit || !withTypos) return found;
  return commitmentOptionsMatching(client, text, id, like, limit, typos);
}

function commitmentOptionsMatching(
  client: PrismaClient,
  text: string,
  id: number | null,
  like: string,
  limit: number,
  typos: Prisma.Sql,
): Promise<CommitmentOption[]> {
  // One statement: each kind's words through its own partial GIN index (migration 20261203040500_search_speed),
  // each branch stopped after CANDIDATES_MAX matches, and the options' agreement and responsible parties as JSON.
  return client.$queryRaw<CommitmentOption[]>`
    WITH q AS MATERIALIZED (SELECT pactwatch_search_query(${text}) AS tsq),
    hits AS (
      SELECT c.id, 3.0::float8 AS score FROM "Commitment" c WHERE c.id = ${id}::int
      UNION ALL
      (SELECT d."recordId", 2.0 + ts_rank(d.lexemes, q.tsq)
         FROM q, "SearchDocument" d WHERE d.kind = 'commitment' AND d.lexemes @@ q.tsq LIMIT ${CANDIDATES_MAX})
      UNION ALL
      (SELECT c.id, 1.0 + ts_rank(d.lexemes, q.tsq)
         FROM q, "SearchDocument" d JOIN "Commitment" c ON c."agreementId" = d."recordId"
        WHERE d.kind = 'agreement' AND d.lexemes @@ q.tsq LIMIT ${CANDIDATES_MAX})
      UNION ALL
      (SELECT cp."commitmentId", 1.0 + ts_rank(d.lexemes, q.tsq)
         FROM q, "SearchDocument" d JOIN "CommitmentParty" cp ON cp."partyId" = d."recordId"
        WHERE d.kind = 'party' AND d.lexemes @@ q.tsq LIMIT ${CANDIDATES_MAX})
      UNION ALL
      -- Inside a word ("rain" in "training"): ASCII title words, through their trigram index.
      (SELECT d."recordId", 0.0 FROM "SearchDocument" d
        WHERE length(${text}) >= 3 AND d.kind = 'commitment' AND d.fuzzy ILIKE ${like} LIMIT ${CANDIDATES_MAX})
      ${typos}
    ), best AS (
      SELECT id, max(score) AS score FROM hits GROUP BY id
    )
    SELECT c.id, c.title, c.status::text AS status, c.strength::text AS strength,
           json_build_object('id', a.id, 'title', a.title) AS agreement,
           coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name, p.id)
                       FROM "CommitmentParty" cp JOIN "Party" p ON p.id = cp."partyId"
                      WHERE cp."commitmentId" = c.id AND cp.role = 'responsible'), '[]') AS "responsibleParties"
      FROM best h
      JOIN "Commitment" c ON c.id = h.id
      JOIN "Agreement" a ON a.id = c."agreementId"
     WHERE c."archivedAt" IS NULL AND a."archivedAt" IS NULL
     ORDER BY h.score DESC, a."concludedOn" DESC NULLS LAST, a.id DESC, c.id ASC
     LIMIT ${limit}`;
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

/** Live parties matching `q` by name or short name (words as prefixes, or a piece of either) or id ("#12"), by name. */
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
         OR p.id = ${typedId(text)}::int
         OR p.name ILIKE ${like}
         OR p."shortName" ILIKE ${like}
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'party' AND d."recordId" = p.id
                       AND d.lexemes @@ pactwatch_search_query(${text})))
     ORDER BY p.name ASC, p.id ASC
     LIMIT ${limit}`;
}

/** A person as a picker offers them: their title and the party they speak for, so namesakes can be told apart. */
export type PersonPickOption = {
  id: number;
  name: string;
  title: string | null;
  partyName: string | null;
};

/**
 * Live people matching `q` by name or title, or by the name or short name of the party they speak for (words as
 * prefixes, or a piece of any of them), or by id ("#12"); A–Z by name, as the people screen lists them (a person
 * has no date to be newest by). An empty query offers the first page A–Z.
 */
export async function searchPersonOptions(
  q: string,
  limit: number = OPTIONS_MAX,
  client: PrismaClient = db,
): Promise<PersonPickOption[]> {
  const text = q.trim();
  const like = containing(text);
  return client.$queryRaw<PersonPickOption[]>`
    SELECT p.id, p.name, p.title, party.name AS "partyName"
      FROM "Person" p
      LEFT JOIN "Party" party ON party.id = p."partyId"
     WHERE p."archivedAt" IS NULL
       AND (${text} = ''
         OR p.id = ${typedId(text)}::int
         OR p.name ILIKE ${like}
         OR p.title ILIKE ${like}
         OR party.name ILIKE ${like}
         OR party."shortName" ILIKE ${like}
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'person' AND d."recordId" = p.id
                       AND d.lexemes @@ pactwatch_search_query(${text}))
         OR EXISTS (SELECT 1 FROM "SearchDocument" d
                     WHERE d.kind = 'party' AND d."recordId" = p."partyId"
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
