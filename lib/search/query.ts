// Search over every record's words (docs/decisions/014-search.md). PostgreSQL keeps one document per record
// ("SearchDocument", by triggers) and turns the query into a tsquery (pactwatch_search_query); this module asks for
// the ranked page, filtered and paginated in SQL, then loads the hits' context and marks the matched words.
//
// Cost of a search: one statement for the query's lexemes, one for the ranked hits and the count per kind (a second
// with typo-tolerant matches when the words find few records), and one for the shown hits' context.
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
/** The most hits of one kind that are ranked and counted; a kind with more shows "1,000+" (decision 014). */
export const SEARCH_COUNT_CAP = 1_000;
/** Typo-tolerant matches are looked for when the exact words find fewer hits than this, in all kinds. */
const TYPOS_BELOW = 20;
/** The most typo-tolerant matches of one kind that are ranked and counted (each costs a similarity computation). */
const TYPO_CAP = 100;

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

/** `total` is at most SEARCH_COUNT_CAP; `capped` says there are more. */
type SearchGroup = { kind: SearchKind; total: number; capped: boolean; hits: SearchHit[] };

export type SearchResults = {
  /** Hits per kind (every kind, whichever is shown). */
  counts: Record<SearchKind, number>;
  /** The kinds with more hits than SEARCH_COUNT_CAP, whose count is the cap ("1,000+"). */
  capped: Partial<Record<SearchKind, true>>;
  /** The groups shown: every kind with hits, or the one asked for (with its page). */
  groups: SearchGroup[];
  page: number;
  pageCount: number;
  pageSize: number;
};

type RankedRow = { kind: SearchKind; id: number; exact: boolean; n: bigint; total: bigint };
type Ranked = { kind: SearchKind; id: number; exact: boolean; n: number; total: number };

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

/** Whether a filter besides the kind narrows the search. */
function isFiltered(filters: SearchFilters): boolean {
  return [filters.agreement, filters.party, filters.status, filters.from, filters.to].some(
    (value) => value !== undefined,
  );
}

/** The tsquery with its prefixes as whole words ('protect':* → 'protect'). */
function wholeWords(tsquery: string): string {
  return tsquery.replace(/'((?:[^'\\]|''|\\.)*)':\*/g, "'$1'");
}

/**
 * The ranked hits: `n` is the rank within the kind, `total` the kind's count (at most SEARCH_COUNT_CAP + 1).
 *
 * Each kind is one branch over its own partial GIN index (migration 20261203040500_search_speed), stopped after
 * SEARCH_COUNT_CAP + 1 matches: a common word ("police", 反恐) matches thousands of records, and reading every one
 * to rank and count it cost 100-600 ms at scale 100. Only those first matches (in the table's order, roughly oldest
 * first) are ranked; a kind with more is counted as "1,000+".
 */
async function rankedHits(tsquery: string, filters: SearchFilters, pageSize: number): Promise<Ranked[]> {
  const whole = wholeWords(tsquery);
  // With a filter, the whole words rarely fill the cap: both lookups would run, each reading every match to test
  // the filter on it. The prefixes alone then.
  const prefixes = whole !== tsquery && !isFiltered(filters);
  const ctes: Prisma.Sql[] = [];
  const branches = SEARCH_KINDS.flatMap((kind) => {
    const conditions = kindConditions(kind, filters);
    if (!conditions) return [];
    // The kind as a literal, so the planner picks its partial index (the value comes from SEARCH_KINDS).
    const literal = Prisma.raw(`'${kind}'::"SearchKind"`);
    const from = Prisma.sql`FROM q, "SearchDocument" d JOIN ${Prisma.raw(`"${TABLES[kind]}"`)} x ON x.id = d."recordId"`;
    const exact = (tsq: Prisma.Sql, gate: Prisma.Sql) => Prisma.sql`
      SELECT ${literal} AS kind, d."recordId" AS id, true AS exact, ts_rank(d.lexemes, q.tsq) AS score
        ${from}
       WHERE ${gate} d.kind = ${literal} AND d.lexemes @@ ${tsq} AND ${and(conditions)}
       LIMIT ${SEARCH_COUNT_CAP + 1}`;
    const branch: Prisma.Sql[] = [];
    if (!prefixes) branch.push(Prisma.sql`(${exact(Prisma.sql`q.tsq`, Prisma.empty)})`);
    else {
      // Whole words first: GIN intersects the posting lists of whole lexemes quickly, while a prefix ('police':*)
      // makes it read every posting of every word so starting (20-30 ms for common words at scale 100). When the
      // whole words fill the cap, the kind's first matches are those; otherwise the prefixes are looked up too.
      const byWholeWords = Prisma.raw(`"whole_${kind}"`);
      ctes.push(Prisma.sql`${byWholeWords} AS MATERIALIZED (${exact(Prisma.sql`q.whole`, Prisma.empty)})`);
      branch.push(
        Prisma.sql`(SELECT * FROM ${byWholeWords} WHERE (SELECT count(*) FROM ${byWholeWords}) > ${SEARCH_COUNT_CAP})`,
        Prisma.sql`(${exact(Prisma.sql`q.tsq`, Prisma.sql`(SELECT count(*) FROM ${byWholeWords}) <= ${SEARCH_COUNT_CAP} AND`)})`,
      );
    }
    return branch;
  });
  if (!branches.length) return [];
  const shown = filters.kind
    ? Prisma.sql`kind = ${filters.kind}::"SearchKind" AND n > ${(filters.page - 1) * pageSize} AND n <= ${filters.page * pageSize}`
    : Prisma.sql`n <= ${GROUP_SIZE}`;
  const rows = await db.$queryRaw<RankedRow[]>`
    WITH RECURSIVE ${filters.party !== undefined ? Prisma.sql`${partyTree(filters.party)},` : Prisma.empty}
    q AS MATERIALIZED (SELECT ${tsquery}::tsquery AS tsq, ${whole}::tsquery AS whole),
    ${ctes.length ? Prisma.sql`${Prisma.join(ctes, ', ')},` : Prisma.empty}
    hits AS (
      ${Prisma.join(branches, ' UNION ALL ')}
    ), ranked AS (
      SELECT kind, id, exact,
             row_number() OVER (PARTITION BY kind ORDER BY exact DESC, score DESC, id DESC) AS n,
             count(*) OVER (PARTITION BY kind) AS total
        FROM hits
    )
    SELECT kind, id, exact, n, total FROM ranked WHERE n = 1 OR (${shown}) ORDER BY kind, n`;
  return rows.map(numbers);
}

function numbers(row: RankedRow): Ranked {
  return { ...row, n: Number(row.n), total: Number(row.total) };
}

/**
 * The typo-tolerant matches that are not exact ones, ranked by similarity: `n` within the kind, those up to `upTo`
 * (and each kind's first, for its count). The query's words together like a stretch of the record's title words
 * (a trigram index finds the candidates), and each word on its own too, so one long word matching exactly cannot
 * carry another that matches nothing. Follow-ups have no fuzzy text.
 */
async function typoHits(
  tsquery: string,
  fuzzy: string,
  filters: SearchFilters,
  upTo: number,
): Promise<Ranked[]> {
  // One word alone is its own stretch: the check of each word is then the same as the first.
  const eachWord = fuzzy.includes(' ')
    ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(${fuzzy}, ' ')) AS w(word)
                                  WHERE word_similarity(w.word, d.fuzzy) < ${FUZZY_WORD_THRESHOLD})`
    : Prisma.empty;
  const branches = SEARCH_KINDS.flatMap((kind) => {
    const conditions = kind === 'status_update' ? null : kindConditions(kind, filters);
    if (!conditions) return [];
    const literal = Prisma.raw(`'${kind}'::"SearchKind"`);
    return [
      Prisma.sql`(SELECT ${literal} AS kind, d."recordId" AS id, word_similarity(${fuzzy}, d.fuzzy) AS score
        FROM q, "SearchDocument" d JOIN ${Prisma.raw(`"${TABLES[kind]}"`)} x ON x.id = d."recordId"
       WHERE d.kind = ${literal} AND d.fuzzy %> ${fuzzy} AND NOT d.lexemes @@ q.tsq
         ${eachWord} AND ${and(conditions)}
       LIMIT ${TYPO_CAP + 1})`,
    ];
  });
  if (!branches.length) return [];
  const rows = await db.$queryRaw<RankedRow[]>`
    WITH RECURSIVE ${filters.party !== undefined ? Prisma.sql`${partyTree(filters.party)},` : Prisma.empty}
    q AS MATERIALIZED (SELECT ${tsquery}::tsquery AS tsq),
    hits AS (
      ${Prisma.join(branches, ' UNION ALL ')}
    ), ranked AS (
      SELECT kind, id, false AS exact, row_number() OVER (PARTITION BY kind ORDER BY score DESC, id DESC) AS n,
             count(*) OVER (PARTITION BY kind) AS total
        FROM hits
    )
    SELECT kind, id, exact, n, total FROM ranked WHERE n = 1 OR n <= ${upTo} ORDER BY kind, n`;
  return rows.map(numbers);
}

/** A date column as milliseconds since the epoch (JSON has no dates; a DATE is its UTC midnight). */
function epochMs(column: string): Prisma.Sql {
  return Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::float8`);
}

type Loaded =
  | {
      kind: 'commitment';
      id: number;
      data: {
        title: string;
        description: string | null;
        status: CommitmentStatus;
        agreement: { id: number; title: string };
      };
    }
  | {
      kind: 'agreement';
      id: number;
      data: {
        title: string;
        summary: string | null;
        place: string | null;
        concludedOn: number | null;
        concludedPrecision: DatePrecision;
      };
    }
  | {
      kind: 'evidence';
      id: number;
      data: {
        title: string;
        originalTitle: string | null;
        excerpt: string | null;
        url: string;
        publishedOn: number | null;
        outlet: { id: number; name: string };
        commitments: { id: number; title: string }[];
      };
    }
  | {
      kind: 'status_update';
      id: number;
      data: {
        reason: string | null;
        status: CommitmentStatus;
        observedOn: number;
        observedPrecision: DatePrecision;
        withdrawn: boolean;
        commitment: { id: number; title: string };
      };
    }
  | {
      kind: 'party';
      id: number;
      data: { name: string; shortName: string | null; partyKind: PartyKind; parent: string | null };
    }
  | {
      kind: 'person';
      id: number;
      data: { name: string; title: string | null; party: { id: number; name: string } | null };
    }
  | { kind: 'outlet'; id: number; data: { name: string; website: string | null } };

/** Each kind's records with their context, as JSON, one SELECT per kind asked for. */
const LOAD: Record<SearchKind, (ids: number[]) => Prisma.Sql> = {
  commitment: (ids) => Prisma.sql`
    SELECT 'commitment' AS kind, c.id, json_build_object('title', c.title, 'description', c.description,
             'status', c.status, 'agreement', json_build_object('id', a.id, 'title', a.title)) AS data
      FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId" WHERE c.id = ANY(${ids}::int[])`,
  agreement: (ids) => Prisma.sql`
    SELECT 'agreement' AS kind, a.id, json_build_object('title', a.title, 'summary', a.summary, 'place', a.place,
             'concludedOn', ${epochMs('a."concludedOn"')}, 'concludedPrecision', a."concludedPrecision") AS data
      FROM "Agreement" a WHERE a.id = ANY(${ids}::int[])`,
  // The commitments an item bears on: the first three live ones it was cited for, in the order of citation.
  evidence: (ids) => Prisma.sql`
    SELECT 'evidence' AS kind, e.id, json_build_object('title', e.title, 'originalTitle', e."originalTitle",
             'excerpt', e.excerpt, 'url', e.url, 'publishedOn', ${epochMs('e."publishedOn"')},
             'outlet', json_build_object('id', o.id, 'name', o.name),
             'commitments', coalesce((
               SELECT json_agg(json_build_object('id', cited.id, 'title', cited.title) ORDER BY cited.first)
                 FROM (SELECT c.id, c.title, min(u.id) AS first
                         FROM "StatusUpdate" u JOIN "Commitment" c ON c.id = u."commitmentId"
                        WHERE u."evidenceId" = e.id AND c."archivedAt" IS NULL
                        GROUP BY c.id, c.title ORDER BY first LIMIT 3) AS cited), '[]')) AS data
      FROM "Evidence" e JOIN "Outlet" o ON o.id = e."outletId" WHERE e.id = ANY(${ids}::int[])`,
  status_update: (ids) => Prisma.sql`
    SELECT 'status_update' AS kind, u.id, json_build_object('reason', u.reason, 'status', u.status,
             'observedOn', ${epochMs('u."observedOn"')}, 'observedPrecision', u."observedPrecision",
             'withdrawn', u."withdrawnAt" IS NOT NULL, 'commitment', json_build_object('id', c.id, 'title', c.title)) AS data
      FROM "StatusUpdate" u JOIN "Commitment" c ON c.id = u."commitmentId" WHERE u.id = ANY(${ids}::int[])`,
  party: (ids) => Prisma.sql`
    SELECT 'party' AS kind, p.id, json_build_object('name', p.name, 'shortName', p."shortName", 'partyKind', p.kind,
             'parent', parent.name) AS data
      FROM "Party" p LEFT JOIN "Party" parent ON parent.id = p."parentId" WHERE p.id = ANY(${ids}::int[])`,
  person: (ids) => Prisma.sql`
    SELECT 'person' AS kind, p.id, json_build_object('name', p.name, 'title', p.title,
             'party', CASE WHEN party.id IS NOT NULL THEN json_build_object('id', party.id, 'name', party.name) END) AS data
      FROM "Person" p LEFT JOIN "Party" party ON party.id = p."partyId" WHERE p.id = ANY(${ids}::int[])`,
  outlet: (ids) => Prisma.sql`
    SELECT 'outlet' AS kind, o.id, json_build_object('name', o.name, 'website', o.website) AS data
      FROM "Outlet" o WHERE o.id = ANY(${ids}::int[])`,
};

/** The shown hits' records with their context, highlighted, in one statement; keyed by kind, then id. */
async function loadHits(
  wanted: Map<SearchKind, Map<number, boolean>>,
  terms: HighlightTerms,
): Promise<Map<string, SearchHit>> {
  const parts = [...wanted].map(([kind, ids]) => LOAD[kind]([...ids.keys()]));
  const rows = parts.length ? await db.$queryRaw<Loaded[]>`${Prisma.join(parts, ' UNION ALL ')}` : [];
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
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const hits = new Map<string, SearchHit>();
  for (const row of rows) {
    const { id } = row;
    let hit: SearchHit;
    switch (row.kind) {
      case 'commitment': {
        const c = row.data;
        hit = {
          ...base('commitment', id, c.title, c.description),
          kind: 'commitment',
          status: c.status,
          agreement: c.agreement,
        };
        break;
      }
      case 'agreement': {
        const a = row.data;
        hit = {
          ...base('agreement', id, a.title, a.summary, a.place),
          kind: 'agreement',
          concludedOn: date(a.concludedOn),
          concludedPrecision: a.concludedPrecision,
          place: a.place,
        };
        break;
      }
      case 'evidence': {
        const e = row.data;
        hit = {
          ...base('evidence', id, e.title, e.originalTitle, e.excerpt, e.url),
          kind: 'evidence',
          outlet: e.outlet,
          publishedOn: date(e.publishedOn),
          commitments: e.commitments,
        };
        break;
      }
      case 'status_update': {
        const u = row.data;
        hit = {
          ...base('status_update', id, u.commitment.title, u.reason),
          kind: 'status_update',
          status: u.status,
          observedOn: new Date(u.observedOn),
          observedPrecision: u.observedPrecision,
          withdrawn: u.withdrawn,
          commitment: u.commitment,
        };
        break;
      }
      case 'party': {
        const p = row.data;
        hit = {
          ...base('party', id, p.name, p.shortName),
          kind: 'party',
          partyKind: p.partyKind,
          parent: p.parent,
        };
        break;
      }
      case 'person': {
        const p = row.data;
        hit = { ...base('person', id, p.name, p.title), kind: 'person', party: p.party };
        break;
      }
      case 'outlet': {
        const o = row.data;
        hit = { ...base('outlet', id, o.name, o.website), kind: 'outlet', website: o.website };
        break;
      }
    }
    hits.set(`${hit.kind}:${id}`, hit);
  }
  return hits;
}

const NO_COUNTS = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;

/** The search page's results for `filters` (an empty query finds nothing). */
export async function searchRecords(filters: SearchFilters): Promise<SearchResults> {
  const pageSize = filters.kind ? SEARCH_PAGE_SIZE : GROUP_SIZE;
  const empty: SearchResults = {
    counts: { ...NO_COUNTS },
    capped: {},
    groups: [],
    page: 1,
    pageCount: 1,
    pageSize,
  };
  if (!filters.q) return empty;
  const { tsquery, fuzzy } = await parseQuery(filters.q);
  if (tsquery === null) return empty;

  // Close spellings are looked for only when the words themselves find few records: they rank after every exact
  // hit, so behind dozens of those they would never be seen, and the trigram scan of common words is the
  // costliest part of a search.
  let rows = await rankedHits(tsquery, filters, pageSize);
  const exactCount = new Map(rows.filter((row) => row.n === 1).map((row) => [row.kind, row.total]));
  const exactHits = [...exactCount.values()].reduce((sum, count) => sum + count, 0);
  const moreClose = new Set<SearchKind>();
  // Within a filter, only when nothing exact is found: a filter passes few of a common word's close spellings, and
  // testing it on each costs as much as the search itself.
  if (fuzzy.replace(/ /g, '').length >= 4 && exactHits < (isFiltered(filters) ? 1 : TYPOS_BELOW)) {
    // Words shorter than four letters in all say too little for a similarity match. Close matches rank after
    // every exact one of their kind.
    const upTo = filters.kind ? filters.page * pageSize : GROUP_SIZE;
    const typos = await typoHits(tsquery, fuzzy, filters, upTo);
    const typoCount = new Map(typos.filter((row) => row.n === 1).map((row) => [row.kind, row.total]));
    // A kind with more close matches than TYPO_CAP counts that many, and says there are more.
    for (const [kind, close] of typoCount) if (close > TYPO_CAP) moreClose.add(kind);
    const totalOf = (kind: SearchKind) =>
      (exactCount.get(kind) ?? 0) + Math.min(typoCount.get(kind) ?? 0, TYPO_CAP);
    rows = [
      ...rows.map((row) => ({ ...row, total: totalOf(row.kind) })),
      ...typos.map((row) => ({
        ...row,
        n: row.n + (exactCount.get(row.kind) ?? 0),
        total: totalOf(row.kind),
      })),
    ];
  }

  const counts = { ...NO_COUNTS };
  const capped: SearchResults['capped'] = {};
  const shown = new Map<SearchKind, Map<number, boolean>>();
  for (const row of rows) {
    const { total, n } = row;
    counts[row.kind] = Math.min(total, SEARCH_COUNT_CAP);
    if (total > SEARCH_COUNT_CAP || moreClose.has(row.kind)) capped[row.kind] = true;
    const isShown = filters.kind
      ? row.kind === filters.kind &&
        n > (filters.page - 1) * pageSize &&
        n <= Math.min(filters.page * pageSize, SEARCH_COUNT_CAP)
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
    capped: capped[kind] ?? false,
    // In rank order (the rows came sorted by kind, then rank).
    hits: [...(shown.get(kind)?.keys() ?? [])].flatMap((id) => hits.get(`${kind}:${id}`) ?? []),
  }));
  const total = filters.kind ? counts[filters.kind] : 0;
  return {
    counts,
    capped,
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
