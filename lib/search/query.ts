// Search over every record's words (docs/decisions/014-search.md). PostgreSQL keeps one document per record
// ("SearchDocument", by triggers) and turns the query into a tsquery (pactwatch_search_query); this module asks for
// the ranked page, filtered and paginated in SQL, then loads the hits' context and marks the matched words.
//
// Cost of a search: one statement for the query's lexemes, one for the ranked hits and the count per kind, and one
// per kind on the page for its hits' context.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus, DatePrecision, PartyKind, SearchKind } from '../generated/prisma/enums.ts';
import { and, day, inPartyTree, partyTree } from '../data/sql.ts';
import { highlight, snippet, termsOfQuery, type HighlightTerms, type Segment } from './highlight.ts';
import { SEARCH_KINDS, type SearchFilters } from './params.ts';

/** Hits per kind on the page of all kinds; the page of one kind shows SEARCH_PAGE_SIZE. */
const GROUP_SIZE = 5;
const SEARCH_PAGE_SIZE = 20;
/** How like one of a record's title words each query word must be in a typo-tolerant match (pg_trgm's default). */
const FUZZY_WORD_THRESHOLD = 0.6;

type HitBase = {
  id: number;
  /** Found only by similarity to a mistyped query, ranked after every exact match. */
  approximate: boolean;
  title: Segment[];
  /** Where a longer text matched, with its matched words. */
  snippet: Segment[] | null;
};

export type SearchHit =
  | (HitBase & {
      kind: 'commitment';
      status: CommitmentStatus;
      agreement: { id: number; title: string };
    })
  | (HitBase & {
      kind: 'agreement';
      concludedOn: Date | null;
      concludedPrecision: DatePrecision;
      place: string | null;
    })
  | (HitBase & {
      kind: 'evidence';
      outlet: { id: number; name: string };
      publishedOn: Date | null;
      commitments: { id: number; title: string }[];
    })
  | (HitBase & {
      kind: 'status_update';
      status: CommitmentStatus;
      observedOn: Date;
      observedPrecision: DatePrecision;
      withdrawn: boolean;
      commitment: { id: number; title: string };
    })
  | (HitBase & { kind: 'party'; partyKind: PartyKind; parent: string | null })
  | (HitBase & { kind: 'person'; party: { id: number; name: string } | null })
  | (HitBase & { kind: 'outlet'; website: string | null });

type SearchGroup = { kind: SearchKind; total: number; hits: SearchHit[] };

export type SearchResults = {
  /** Hits per kind (every kind, whichever is shown). */
  counts: Record<SearchKind, number>;
  /** The groups shown: every kind with hits, or the one asked for (with its page). */
  groups: SearchGroup[];
  page: number;
  pageCount: number;
  pageSize: number;
};

type RankedRow = { kind: SearchKind; id: number; exact: boolean; n: bigint; total: bigint };

/** The conditions a hit of `kind` must meet (`x` is its record), or null when the filters leave that kind out. */
function kindConditions(kind: SearchKind, filters: SearchFilters): Prisma.Sql[] | null {
  const { agreement, party, status, from, to } = filters;
  const conditions: Prisma.Sql[] = [];
  const within = (column: Prisma.Sql) => {
    if (from) conditions.push(Prisma.sql`${column} >= ${day(from)}`);
    if (to) conditions.push(Prisma.sql`${column} <= ${day(to)}`);
  };
  // Parties, people and outlets have no status and no date: a status or date filter leaves them out.
  const undated = status !== undefined || from !== undefined || to !== undefined;
  switch (kind) {
    case 'agreement':
      if (status !== undefined) return null;
      conditions.push(Prisma.sql`x."archivedAt" IS NULL`);
      if (agreement !== undefined) conditions.push(Prisma.sql`x.id = ${agreement}::int`);
      if (party !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "AgreementParty" ap
          WHERE ap."agreementId" = x.id AND ${inPartyTree(Prisma.sql`ap."partyId"`)})`);
      within(Prisma.sql`x."concludedOn"`);
      return conditions;
    case 'commitment':
      conditions.push(Prisma.sql`x."archivedAt" IS NULL`);
      if (agreement !== undefined) conditions.push(Prisma.sql`x."agreementId" = ${agreement}::int`);
      if (party !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "CommitmentParty" cp
          WHERE cp."commitmentId" = x.id AND ${inPartyTree(Prisma.sql`cp."partyId"`)})`);
      if (status !== undefined) conditions.push(Prisma.sql`x.status = ${status}::"CommitmentStatus"`);
      within(Prisma.sql`x."dueOn"`);
      return conditions;
    case 'evidence':
      if (status !== undefined) return null;
      if (agreement !== undefined)
        conditions.push(Prisma.sql`(EXISTS (SELECT 1 FROM "AgreementSource" s
            WHERE s."evidenceId" = x.id AND s."agreementId" = ${agreement}::int)
          OR EXISTS (SELECT 1 FROM "StatusUpdate" u JOIN "Commitment" c ON c.id = u."commitmentId"
            WHERE u."evidenceId" = x.id AND c."agreementId" = ${agreement}::int))`);
      if (party !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "StatusUpdate" u
          JOIN "CommitmentParty" cp ON cp."commitmentId" = u."commitmentId"
          WHERE u."evidenceId" = x.id AND ${inPartyTree(Prisma.sql`cp."partyId"`)})`);
      within(Prisma.sql`x."publishedOn"`);
      return conditions;
    case 'status_update':
      if (agreement !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Commitment" c
          WHERE c.id = x."commitmentId" AND c."agreementId" = ${agreement}::int)`);
      if (party !== undefined)
        conditions.push(Prisma.sql`(${inPartyTree(Prisma.sql`x."partyId"`)} OR EXISTS (SELECT 1 FROM "CommitmentParty" cp
          WHERE cp."commitmentId" = x."commitmentId" AND ${inPartyTree(Prisma.sql`cp."partyId"`)}))`);
      if (status !== undefined) conditions.push(Prisma.sql`x.status = ${status}::"CommitmentStatus"`);
      within(Prisma.sql`x."observedOn"`);
      return conditions;
    case 'party':
      if (undated) return null;
      conditions.push(Prisma.sql`x."archivedAt" IS NULL`);
      if (agreement !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "AgreementParty" ap
          WHERE ap."partyId" = x.id AND ap."agreementId" = ${agreement}::int)`);
      if (party !== undefined) conditions.push(inPartyTree(Prisma.sql`x.id`));
      return conditions;
    case 'person':
      if (undated) return null;
      conditions.push(Prisma.sql`x."archivedAt" IS NULL`);
      if (agreement !== undefined)
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "AgreementPerson" ap
          WHERE ap."personId" = x.id AND ap."agreementId" = ${agreement}::int)`);
      if (party !== undefined) conditions.push(inPartyTree(Prisma.sql`x."partyId"`));
      return conditions;
    case 'outlet':
      if (undated || agreement !== undefined || party !== undefined) return null;
      conditions.push(Prisma.sql`x."archivedAt" IS NULL`);
      return conditions;
  }
}

const TABLES: Record<SearchKind, string> = {
  agreement: 'Agreement',
  commitment: 'Commitment',
  evidence: 'Evidence',
  status_update: 'StatusUpdate',
  party: 'Party',
  person: 'Person',
  outlet: 'Outlet',
};

/** The query's lexemes as PostgreSQL reads them, and its ASCII words for typo-tolerant matching. */
async function parseQuery(q: string): Promise<{ tsquery: string | null; fuzzy: string }> {
  // A query with a word in another script is matched exactly: its ASCII words alone are not what was asked for.
  const [row] = await db.$queryRaw<{ tsquery: string | null; fuzzy: string }[]>`
    SELECT pactwatch_search_query(${q})::text AS tsquery,
           CASE WHEN NOT EXISTS (SELECT 1 FROM pactwatch_search_units(${q}) WHERE unit !~ '^[a-z0-9]+$')
                THEN pactwatch_search_fuzzy(${q}) ELSE '' END AS fuzzy`;
  return row;
}

/** The ranked hits: `n` is the rank within the kind, `total` the kind's count. */
async function rankedHits(
  tsquery: string,
  fuzzy: string,
  filters: SearchFilters,
  pageSize: number,
): Promise<RankedRow[]> {
  const branches = SEARCH_KINDS.flatMap((kind) => {
    const conditions = kindConditions(kind, filters);
    if (!conditions) return [];
    return [
      Prisma.sql`SELECT m.kind, m.id, m.exact, m.score
        FROM matched m JOIN ${Prisma.raw(`"${TABLES[kind]}"`)} x ON x.id = m.id
       WHERE m.kind = ${kind}::"SearchKind" AND ${and(conditions)}`,
    ];
  });
  if (!branches.length) return [];
  // Typos: the query's words together like a stretch of the record's title words (the trigram index finds the
  // candidates), and each word on its own too, so one long word matching exactly cannot carry another that
  // matches nothing. Words shorter than four letters in all say too little for a similarity match.
  const typos =
    fuzzy.replace(/ /g, '').length >= 4
      ? Prisma.sql`OR (d.fuzzy %> ${fuzzy} AND NOT EXISTS (
          SELECT 1 FROM unnest(string_to_array(${fuzzy}, ' ')) AS w(word)
           WHERE word_similarity(w.word, d.fuzzy) < ${FUZZY_WORD_THRESHOLD}))`
      : Prisma.empty;
  const shown = filters.kind
    ? Prisma.sql`kind = ${filters.kind}::"SearchKind" AND n > ${(filters.page - 1) * pageSize} AND n <= ${filters.page * pageSize}`
    : Prisma.sql`n <= ${GROUP_SIZE}`;
  return db.$queryRaw<RankedRow[]>`
    WITH RECURSIVE ${filters.party !== undefined ? Prisma.sql`${partyTree(filters.party)},` : Prisma.empty}
    matched AS MATERIALIZED (
      SELECT d.kind, d."recordId" AS id, d.lexemes @@ q.tsq AS exact,
             CASE WHEN d.lexemes @@ q.tsq THEN ts_rank(d.lexemes, q.tsq) ELSE word_similarity(${fuzzy}, d.fuzzy) END
               AS score
        FROM "SearchDocument" d, (SELECT ${tsquery}::tsquery AS tsq) q
       WHERE d.lexemes @@ q.tsq ${typos}
    ), hits AS (
      ${Prisma.join(branches, ' UNION ALL ')}
    ), ranked AS (
      SELECT kind, id, exact,
             row_number() OVER (PARTITION BY kind ORDER BY exact DESC, score DESC, id DESC) AS n,
             count(*) OVER (PARTITION BY kind) AS total
        FROM hits
    )
    SELECT kind, id, exact, n, total FROM ranked WHERE n = 1 OR (${shown}) ORDER BY kind, n`;
}

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/** The shown hits' records with their context, highlighted; keyed by kind, then id. */
async function loadHits(
  wanted: Map<SearchKind, Map<number, boolean>>,
  terms: HighlightTerms,
): Promise<Map<string, SearchHit>> {
  const ids = (kind: SearchKind) => [...(wanted.get(kind)?.keys() ?? [])];
  const base = (kind: SearchKind, id: number, title: string, ...bodies: (string | null)[]) => {
    const approximate = !wanted.get(kind)?.get(id);
    const hitTerms = approximate ? terms : { ...terms, fuzzy: [] };
    let found: Segment[] | null = null;
    for (const body of bodies) {
      if (found || !body) continue;
      found = snippet(body, hitTerms);
    }
    return { id, approximate, title: highlight(title, hitTerms), snippet: found };
  };
  const [commitments, agreements, evidence, updates, parties, people, outlets] = await Promise.all([
    ids('commitment').length
      ? db.commitment.findMany({
          where: { id: { in: ids('commitment') } },
          select: {
            id: true,
            title: true,
            description: true,
            status: true,
            agreement: { select: { id: true, title: true } },
          },
        })
      : [],
    ids('agreement').length
      ? db.agreement.findMany({
          where: { id: { in: ids('agreement') } },
          select: {
            id: true,
            title: true,
            summary: true,
            place: true,
            concludedOn: true,
            concludedPrecision: true,
          },
        })
      : [],
    ids('evidence').length
      ? db.evidence.findMany({
          where: { id: { in: ids('evidence') } },
          select: {
            id: true,
            title: true,
            originalTitle: true,
            excerpt: true,
            url: true,
            publishedOn: true,
            outlet: { select: { id: true, name: true } },
            statusUpdates: {
              select: { commitment: { select: { id: true, title: true } } },
              where: { commitment: { archivedAt: null } },
              orderBy: { id: 'asc' },
              take: 20,
            },
          },
        })
      : [],
    ids('status_update').length
      ? db.statusUpdate.findMany({
          where: { id: { in: ids('status_update') } },
          select: {
            id: true,
            reason: true,
            status: true,
            observedOn: true,
            observedPrecision: true,
            withdrawnAt: true,
            commitment: { select: { id: true, title: true } },
          },
        })
      : [],
    ids('party').length
      ? db.party.findMany({
          where: { id: { in: ids('party') } },
          select: { id: true, name: true, shortName: true, kind: true, parent: { select: { name: true } } },
        })
      : [],
    ids('person').length
      ? db.person.findMany({
          where: { id: { in: ids('person') } },
          select: { id: true, name: true, title: true, party: { select: { id: true, name: true } } },
        })
      : [],
    ids('outlet').length
      ? db.outlet.findMany({
          where: { id: { in: ids('outlet') } },
          select: { id: true, name: true, website: true },
        })
      : [],
  ]);

  const hits = new Map<string, SearchHit>();
  const put = (hit: SearchHit) => hits.set(`${hit.kind}:${hit.id}`, hit);
  for (const c of commitments)
    put({
      ...base('commitment', c.id, c.title, c.description),
      kind: 'commitment',
      status: c.status,
      agreement: c.agreement,
    });
  for (const a of agreements)
    put({
      ...base('agreement', a.id, a.title, a.summary, a.place),
      kind: 'agreement',
      concludedOn: a.concludedOn,
      concludedPrecision: a.concludedPrecision,
      place: a.place,
    });
  for (const e of evidence) {
    const commitmentsOf = [...byId(e.statusUpdates.map((u) => u.commitment)).values()].slice(0, 3);
    put({
      ...base('evidence', e.id, e.title, e.originalTitle, e.excerpt, e.url),
      kind: 'evidence',
      outlet: e.outlet,
      publishedOn: e.publishedOn,
      commitments: commitmentsOf,
    });
  }
  for (const u of updates)
    put({
      ...base('status_update', u.id, u.commitment.title, u.reason),
      kind: 'status_update',
      status: u.status,
      observedOn: u.observedOn,
      observedPrecision: u.observedPrecision,
      withdrawn: u.withdrawnAt !== null,
      commitment: u.commitment,
    });
  for (const p of parties)
    put({
      ...base('party', p.id, p.name, p.shortName),
      kind: 'party',
      partyKind: p.kind,
      parent: p.parent?.name ?? null,
    });
  for (const p of people) put({ ...base('person', p.id, p.name, p.title), kind: 'person', party: p.party });
  for (const o of outlets)
    put({ ...base('outlet', o.id, o.name, o.website), kind: 'outlet', website: o.website });
  return hits;
}

const NO_COUNTS = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;

/** The search page's results for `filters` (an empty query finds nothing). */
export async function searchRecords(filters: SearchFilters): Promise<SearchResults> {
  const pageSize = filters.kind ? SEARCH_PAGE_SIZE : GROUP_SIZE;
  const empty: SearchResults = { counts: { ...NO_COUNTS }, groups: [], page: 1, pageCount: 1, pageSize };
  if (!filters.q) return empty;
  const { tsquery, fuzzy } = await parseQuery(filters.q);
  if (tsquery === null) return empty;

  const rows = await rankedHits(tsquery, fuzzy, filters, pageSize);
  const counts = { ...NO_COUNTS };
  const shown = new Map<SearchKind, Map<number, boolean>>();
  for (const row of rows) {
    counts[row.kind] = Number(row.total);
    const n = Number(row.n);
    const isShown = filters.kind
      ? row.kind === filters.kind && n > (filters.page - 1) * pageSize
      : n <= GROUP_SIZE;
    if (!isShown) continue;
    if (!shown.has(row.kind)) shown.set(row.kind, new Map());
    shown.get(row.kind)!.set(row.id, row.exact);
  }
  const hits = await loadHits(shown, termsOfQuery(tsquery, fuzzy));
  const kinds = filters.kind ? [filters.kind] : SEARCH_KINDS.filter((kind) => counts[kind] > 0);
  const groups = kinds.map((kind) => ({
    kind,
    total: counts[kind],
    // In rank order (the rows came sorted by kind, then rank).
    hits: [...(shown.get(kind)?.keys() ?? [])].flatMap((id) => hits.get(`${kind}:${id}`) ?? []),
  }));
  const total = filters.kind ? counts[filters.kind] : 0;
  return {
    counts,
    groups,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
  };
}

/** The title of the agreement a search is restricted to, for its filter chip (null when there is none). */
export async function getAgreementTitle(id: number | undefined): Promise<string | null> {
  if (id === undefined) return null;
  const agreement = await db.agreement.findUnique({ where: { id }, select: { title: true } });
  return agreement?.title ?? null;
}
