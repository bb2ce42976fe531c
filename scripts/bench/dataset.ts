// The synthetic dataset of `npm run bench -- --scale N`, generated from a fixed seed (scripts/bench/prng.ts) and
// loaded with batched `INSERT … SELECT FROM unnest(…)` (one round trip per 10,000 rows; pg cannot stream COPY
// FROM STDIN without pg-copy-streams).
//
// Scale 1 is the seed alone (prisma/seed.ts). Scale N ≥ 2 adds, on top of the seed, 10·N agreements, 100·N
// commitments, 2,000·N evidence items and 10,000·N status updates (N = 100: 1,000 / 10,000 / 200,000 /
// 1,000,000), with parties, categories, outlets, people, analysts and one audit event per created row, as the
// app would have written them. Dates span five years (2021-11-01 to 2026-10-31, fixed so every run loads the same
// rows). Rows are inserted in the order they would have been created (ids grow with createdAt), so a
// commitment's updates are spread over the table as in a real database, not stored side by side.
//
// Distributions: PK and CN take part in most agreements (the tracker's focus), other states now and then; ten
// commitments per agreement on average; updates per commitment log-normal (a few commitments carry several
// times the average, 3 % have none); statuses follow a Markov chain (not started → in progress → partially
// fulfilled / stalled → fulfilled / broken, with repeats); 7 % of evidence contradicts; 45 % of commitments
// have a due date; 40 % of evidence is in a language other than English, with its original title.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { apportion, Rng, Weighted } from './prng.ts';
import {
  AGENCIES,
  AGREEMENT_KIND_WORDS,
  AGREEMENT_SUBJECTS,
  COMMITMENT_TOPICS,
  EXCERPT_SENTENCES,
  EXTRA_CATEGORIES,
  FIRST_NAMES,
  HEADLINE_SUBJECTS,
  HEADLINE_VERBS,
  LANGUAGES,
  LAST_NAMES,
  MINISTRIES,
  NATIVE_TITLES,
  ORGANISATIONS,
  OUTLET_CITY_WORDS,
  OUTLET_MEDIA_WORDS,
  OUTLET_NAMES,
  PROJECTS,
  REASON_FACTS,
  REASON_OPENERS,
  SEED_CAPITALS,
  STATES,
  TECHNOLOGIES,
  TITLE_TRANSLATIONS,
} from './vocabulary.ts';

/** Bump whenever the generated rows change: a loaded database of another version is rebuilt, not reused. */
export const GENERATOR_VERSION = 1;
const SEED_LABEL = `pactwatch-bench-v${GENERATOR_VERSION}`;

const BATCH_ROWS = 10_000;
const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const START_DAY = dayOf('2021-11-01');
const END_DAY = dayOf('2026-10-31');

export type Counts = { agreements: number; commitments: number; evidence: number; updates: number };

/** What scale N adds to the seed (nothing at scale 1). */
export function countsFor(scale: number): Counts {
  if (scale <= 1) return { agreements: 0, commitments: 0, evidence: 0, updates: 0 };
  return {
    agreements: 10 * scale,
    commitments: 100 * scale,
    evidence: 2_000 * scale,
    updates: 10_000 * scale,
  };
}

// ---- loading ---------------------------------------------------------------------------------------------

type ColumnType = 'int' | 'text' | 'float8' | 'bool';
type Column = {
  name: string;
  type: ColumnType;
  /** SQL over `v` (this column's unnested value); default `v` itself. */
  sql?: string;
};

const DATE = (v: string) => `DATE '1970-01-01' + ${v}`;
const TIMESTAMP = (v: string) => `to_timestamp(${v} / 1000.0)`;
const ENUM = (type: string) => (v: string) => `${v}::"${type}"`;

function column(name: string, type: ColumnType, sql?: (v: string) => string): Column {
  return { name, type, sql: sql?.(`t."${name}"`) };
}

/** Buffers rows column by column and inserts them a batch at a time. */
class TableWriter {
  private readonly data: unknown[][];
  private readonly statement: string;
  rows = 0;

  constructor(
    private readonly client: pg.Client,
    readonly table: string,
    private readonly columns: Column[],
  ) {
    this.data = columns.map(() => []);
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const select = columns.map((c) => c.sql ?? `t."${c.name}"`).join(', ');
    this.statement = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS t(${names})`;
  }

  add(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.data[i].push(values[i]);
  }

  async flushIfFull(): Promise<void> {
    if (this.data[0].length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.data[0].length) return;
    const values = this.data.map((values) => values.splice(0));
    this.rows += values[0].length;
    await this.client.query(this.statement, values);
  }
}

// ---- generation ------------------------------------------------------------------------------------------

type Party = {
  id: number;
  name: string;
  kind: 'state' | 'ministry' | 'agency' | 'organisation';
  state: number; // index into states, -1 for organisations
};

type State = {
  partyId: number;
  name: string;
  code: string;
  capital: string;
  ministries: Party[];
  agencies: Party[];
  people: { id: number; ministry: number }[];
};

type Agreement = {
  id: number;
  day: number;
  kind: string;
  states: number[];
  ministries: Party[];
  createdMs: number;
};

type Commitment = {
  id: number;
  agreement: Agreement;
  createdDay: number;
  responsible: number[];
};

type Evidence = {
  outlet: number;
  published: number; // day, or -1 when undated
  createdMs: number;
  language: string;
  type: 'announcement' | 'concrete_action' | 'contradiction';
  seed: number;
  reliability: string;
  credibility: number;
  id: number;
};

const STATUS_NAMES = [
  'no_evidence',
  'not_started',
  'in_progress',
  'stalled',
  'partially_fulfilled',
  'fulfilled',
  'broken',
] as const;
type Status = (typeof STATUS_NAMES)[number];
const STATUS_INDEX = Object.fromEntries(STATUS_NAMES.map((s, i) => [s, i])) as Record<Status, number>;

const FIRST_STATUS = new Weighted<Status>([
  ['not_started', 55],
  ['in_progress', 35],
  ['partially_fulfilled', 5],
  ['stalled', 5],
]);
// Tuned so that after a few dozen updates (contradictions included) about 42 % of commitments are in progress,
// 17 % stalled, 15 % partially fulfilled, 14 % fulfilled and 9 % broken; end states are sticky, not final.
const NEXT_STATUS: Record<Status, Weighted<Status>> = {
  no_evidence: FIRST_STATUS,
  not_started: new Weighted<Status>([
    ['not_started', 60],
    ['in_progress', 34],
    ['stalled', 5],
    ['broken', 1],
  ]),
  in_progress: new Weighted<Status>([
    ['in_progress', 74],
    ['partially_fulfilled', 10],
    ['stalled', 9],
    ['fulfilled', 5],
    ['broken', 2],
  ]),
  partially_fulfilled: new Weighted<Status>([
    ['partially_fulfilled', 66],
    ['in_progress', 18],
    ['fulfilled', 9],
    ['stalled', 7],
  ]),
  stalled: new Weighted<Status>([
    ['stalled', 50],
    ['in_progress', 38],
    ['broken', 8],
    ['not_started', 4],
  ]),
  fulfilled: new Weighted<Status>([
    ['fulfilled', 80],
    ['partially_fulfilled', 12],
    ['in_progress', 8],
  ]),
  broken: new Weighted<Status>([
    ['broken', 70],
    ['in_progress', 20],
    ['stalled', 10],
  ]),
};

const RELIABILITY = new Weighted<string>([
  ['A', 5],
  ['B', 35],
  ['C', 35],
  ['D', 15],
  ['E', 5],
  ['F', 5],
]);
const CREDIBILITY = new Weighted<number>([
  [1, 10],
  [2, 35],
  [3, 30],
  [4, 12],
  [5, 5],
  [6, 8],
]);
const EVIDENCE_TYPE = new Weighted<Evidence['type']>([
  ['announcement', 55],
  ['concrete_action', 38],
  ['contradiction', 7],
]);
const AGREEMENT_KIND = new Weighted<string>([
  ['meeting_outcome', 45],
  ['mou', 25],
  ['joint_statement', 20],
  ['treaty', 5],
  ['other', 5],
]);
const PRECISION = new Weighted<string>([
  ['day', 80],
  ['month', 10],
  ['year', 5],
  ['unknown', 5],
]);

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

/** The first index in `sorted` whose value is ≥ `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Deterministic choice from a 32-bit seed, without an Rng per row (for the million status-update reasons). */
function hashPick<T>(items: readonly T[], seed: number, salt: number): T {
  const mixed = Math.imul(seed ^ (salt * 0x9e3779b1), 0x85ebca6b) >>> 0;
  return items[((mixed ^ (mixed >>> 13)) >>> 0) % items.length];
}

function reasonFor(status: Status, seed: number): string | null {
  const required = status === 'stalled' || status === 'broken';
  if (!required && seed % 10 >= 6) return null;
  let text = `${hashPick(REASON_OPENERS, seed, 1)} ${hashPick(REASON_FACTS[status], seed, 2)}.`;
  if (seed % 23 === 0) text += ` Original wording: “${hashPick(NATIVE_TITLES.zh, seed, 3)}”.`;
  else if (seed % 29 === 0) text += ` Original wording: “${hashPick(NATIVE_TITLES.ur, seed, 4)}”.`;
  return text;
}

type SeedIds = {
  parties: Map<string, number>;
  people: Map<string, { id: number; partyId: number | null }>;
  categories: { id: number; slug: string }[];
  outlets: { id: number; name: string; reliability: string }[];
  maxId: Record<string, number>;
};

async function readSeed(client: pg.Client): Promise<SeedIds> {
  const parties = new Map<string, number>();
  for (const row of (await client.query<{ id: number; name: string }>('SELECT id, name FROM "Party"')).rows)
    parties.set(row.name, row.id);
  const people = new Map<string, { id: number; partyId: number | null }>();
  for (const row of (
    await client.query<{ id: number; name: string; partyId: number | null }>(
      'SELECT id, name, "partyId" FROM "Person"',
    )
  ).rows)
    people.set(row.name, { id: row.id, partyId: row.partyId });
  const categories = (await client.query<{ id: number; slug: string }>('SELECT id, slug FROM "Category"'))
    .rows;
  const outlets = (
    await client.query<{ id: number; name: string; reliability: string }>(
      'SELECT id, name, "defaultReliability"::text AS reliability FROM "Outlet" ORDER BY id',
    )
  ).rows;
  const maxId: Record<string, number> = {};
  for (const table of [
    'Party',
    'Person',
    'Agreement',
    'Category',
    'Commitment',
    'Outlet',
    'Evidence',
    'StatusUpdate',
  ]) {
    const { rows } = await client.query<{ max: number }>(
      `SELECT coalesce(max(id), 0)::int AS max FROM "${table}"`,
    );
    maxId[table] = rows[0].max;
  }
  return { parties, people, categories, outlets, maxId };
}

/**
 * Generates and inserts the synthetic rows for `scale` into a migrated, seeded database. Deterministic: the
 * same scale and generator version always produce the same rows (and ids, since the seed's ids are fixed).
 */
export async function loadSynthetic(
  client: pg.Client,
  scale: number,
  log: (line: string) => void,
): Promise<Counts> {
  const counts = countsFor(scale);
  if (!counts.agreements) return counts;
  const root = new Rng(SEED_LABEL);
  const seedIds = await readSeed(client);
  const nextId = { ...seedIds.maxId };
  const newId = (table: string) => ++nextId[table];
  const epochMs = (day: number, rng: Rng) => day * DAY_MS + rng.int(7 * 3_600_000, 19 * 3_600_000);
  const started = Date.now();
  const done = (what: string, rows: number) =>
    log(`  ${what}: ${rows.toLocaleString('en')} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  await client.query('SET synchronous_commit = off');
  await client.query(`SET maintenance_work_mem = '256MB'`);
  // The rows are consistent by construction: skip the per-row foreign-key triggers while loading (superuser
  // only; without it the load is just slower) and build the big tables' secondary indexes once at the end
  // instead of maintaining them row by row. The result is the same database, several times faster.
  await client
    .query(`SET session_replication_role = replica`)
    .catch(() => log('  (foreign keys checked row by row)'));
  const deferredIndexes = await dropSecondaryIndexes(client, ['StatusUpdate', 'Evidence', 'AuditEvent']);

  // ---- analysts (authors of the follow-ups; they never sign in, so no credential account) ----
  const analysts: string[] = [];
  {
    const users = new TableWriter(client, 'User', [
      column('id', 'text'),
      column('name', 'text'),
      column('email', 'text'),
      column('emailVerified', 'bool'),
      column('role', 'text', ENUM('Role')),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const rng = root.fork('users');
    const count = 4 + Math.ceil(scale / 10);
    for (let i = 1; i <= count; i++) {
      const id = `bench-analyst-${String(i).padStart(3, '0')}`;
      const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      const created = epochMs(START_DAY - 30, rng);
      users.add(
        id,
        `${name} (analyst ${i})`,
        `analyst${i}@bench.pactwatch.local`,
        true,
        'analyst',
        created,
        created,
      );
      analysts.push(id);
    }
    await users.flush();
    done('User (analysts)', users.rows);
  }

  // ---- parties: states, their ministries and agencies, a few organisations ----
  const states: State[] = [];
  const partyRows: Party[] = [];
  {
    const writer = new TableWriter(client, 'Party', [
      column('id', 'int'),
      column('name', 'text'),
      column('shortName', 'text'),
      column('kind', 'text', ENUM('PartyKind')),
      column('countryCode', 'text'),
      column('parentId', 'int'),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const rng = root.fork('parties');
    const created = epochMs(START_DAY - 30, rng);
    const ensure = (
      name: string,
      short: string | null,
      kind: Party['kind'],
      code: string | null,
      parent: number | null,
    ) => {
      const existing = seedIds.parties.get(name);
      if (existing) return existing;
      const id = newId('Party');
      writer.add(id, name, short, kind, code, parent, created, created);
      return id;
    };
    const stateCount = Math.min(STATES.length, 4 + Math.ceil(scale / 3));
    const list = [
      { name: 'Pakistan', code: 'PK', capital: SEED_CAPITALS.PK },
      { name: 'China', code: 'CN', capital: SEED_CAPITALS.CN },
      ...STATES.slice(0, stateCount),
    ];
    for (const [index, item] of list.entries()) {
      const partyId = ensure(item.name, null, 'state', item.code, null);
      const state: State = { partyId, ...item, ministries: [], agencies: [], people: [] };
      partyRows.push({ id: partyId, name: item.name, kind: 'state', state: index });
      // Seed ministries first (Interior for PK, Public Security for CN), then a few more.
      const seedMinistry = item.code === 'PK' ? 'Interior' : item.code === 'CN' ? 'Public Security' : null;
      const others = rng.sample(
        MINISTRIES.filter(
          (m) => m.name !== seedMinistry && (m.name !== 'Public Security' || item.code === 'CN'),
        ),
        rng.int(2, 4),
      );
      const chosen = [...MINISTRIES.filter((m) => m.name === seedMinistry), ...others];
      for (const ministry of chosen) {
        const name = `${item.name}'s Ministry of ${ministry.name}`;
        const party: Party = {
          id: ensure(name, ministry.short, 'ministry', item.code, partyId),
          name,
          kind: 'ministry',
          state: index,
        };
        state.ministries.push(party);
        partyRows.push(party);
      }
      if (item.code === 'PK') {
        const nccia = seedIds.parties.get('National Cyber Crimes Investigation Agency');
        if (nccia)
          state.agencies.push({
            id: nccia,
            name: 'National Cyber Crimes Investigation Agency',
            kind: 'agency',
            state: index,
          });
      }
      for (const agency of rng.sample(AGENCIES, rng.int(1, 3))) {
        const name = `${item.name} ${agency.name}`;
        const parent = rng.chance(0.5) ? partyId : rng.pick(state.ministries).id;
        const party: Party = {
          id: ensure(name, agency.short, 'agency', item.code, parent),
          name,
          kind: 'agency',
          state: index,
        };
        state.agencies.push(party);
        partyRows.push(party);
      }
      states.push(state);
    }
    for (const org of ORGANISATIONS) {
      const id = ensure(org.name, org.short, 'organisation', null, null);
      partyRows.push({ id, name: org.name, kind: 'organisation', state: -1 });
    }
    await writer.flush();
    done('Party', writer.rows);
  }

  // ---- people: one or two per ministry (the seed's two ministers kept) ----
  {
    const writer = new TableWriter(client, 'Person', [
      column('id', 'int'),
      column('name', 'text'),
      column('title', 'text'),
      column('partyId', 'int'),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const rng = root.fork('people');
    const used = new Set(seedIds.people.keys());
    const created = epochMs(START_DAY - 30, rng);
    for (const state of states) {
      for (const [index, ministry] of state.ministries.entries()) {
        for (const seeded of seedIds.people.values()) {
          if (seeded.partyId === ministry.id) state.people.push({ id: seeded.id, ministry: index });
        }
        const count = rng.int(1, 2);
        for (let i = 0; i < count; i++) {
          let name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
          for (let n = 2; used.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
          used.add(name);
          const id = newId('Person');
          const title = `${i === 0 ? 'Minister' : 'Secretary'} of ${ministry.name.replace(/^.*Ministry of /, '')}`;
          writer.add(id, name, title, ministry.id, created, created);
          state.people.push({ id, ministry: index });
        }
      }
    }
    await writer.flush();
    done('Person', writer.rows);
  }

  // ---- categories and outlets ----
  const categories = [...seedIds.categories];
  {
    const writer = new TableWriter(client, 'Category', [
      column('id', 'int'),
      column('slug', 'text'),
      column('name', 'text'),
      column('position', 'int'),
    ]);
    const known = new Set(categories.map((c) => c.slug));
    for (const [index, category] of EXTRA_CATEGORIES.entries()) {
      if (known.has(category.slug)) continue;
      const id = newId('Category');
      writer.add(id, category.slug, category.name, 100 + index * 10);
      categories.push({ id, slug: category.slug });
    }
    await writer.flush();
    done('Category', writer.rows);
  }
  const categoryWeights = new Weighted(
    categories.map(
      (c) =>
        [
          c,
          ['rapid-response', 'training-exchange', 'information-exchange', 'protection-unit'].includes(c.slug)
            ? 3
            : 1,
        ] as const,
    ),
  );

  const outlets = seedIds.outlets.map((o) => ({ ...o, domain: slugify(o.name) }));
  {
    const writer = new TableWriter(client, 'Outlet', [
      column('id', 'int'),
      column('name', 'text'),
      column('website', 'text'),
      column('defaultReliability', 'text', ENUM('Reliability')),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const rng = root.fork('outlets');
    const used = new Set(outlets.map((o) => o.name));
    const target = 12 + scale;
    const created = epochMs(START_DAY - 30, rng);
    for (let i = 0; outlets.length < target; i++) {
      let name =
        i < OUTLET_NAMES.length
          ? OUTLET_NAMES[i]
          : `${rng.pick(OUTLET_CITY_WORDS)} ${rng.pick(OUTLET_MEDIA_WORDS)}`;
      for (let n = 2; used.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      used.add(name);
      const id = newId('Outlet');
      const reliability = RELIABILITY.draw(rng);
      const domain = `${slugify(name)}.example`;
      writer.add(id, name, `https://${domain}`, reliability, created, created);
      outlets.push({ id, name, reliability, domain });
    }
    await writer.flush();
    done('Outlet', writer.rows);
  }
  // A few outlets publish most of the news (Zipf-like).
  const outletWeights = new Weighted(
    outlets.map((_, index) => [index, 1 / Math.pow(index + 1, 0.8)] as const),
  );

  // ---- evidence: generated with its dates, then numbered in creation order ----
  const evidence: Evidence[] = [];
  {
    const rng = root.fork('evidence');
    const languages = new Weighted(LANGUAGES);
    for (let i = 0; i < counts.evidence; i++) {
      const outlet = outletWeights.draw(rng);
      const published = rng.chance(0.03) ? -1 : rng.int(START_DAY, END_DAY);
      const createdDay = Math.min(
        END_DAY,
        (published < 0 ? rng.int(START_DAY, END_DAY) : published) + rng.int(0, 3),
      );
      evidence.push({
        outlet,
        published,
        createdMs: epochMs(createdDay, rng),
        language: languages.draw(rng),
        type: EVIDENCE_TYPE.draw(rng),
        seed: rng.int(0, 2 ** 31 - 1),
        reliability: rng.chance(0.7) ? outlets[outlet].reliability : RELIABILITY.draw(rng),
        credibility: CREDIBILITY.draw(rng),
        id: 0,
      });
    }
    evidence.sort((a, b) => a.createdMs - b.createdMs);
    for (const item of evidence) item.id = newId('Evidence');
  }
  // Dated evidence by published day, for "an item published shortly before this update".
  const dated = evidence
    .filter((e) => e.published >= 0)
    .sort((a, b) => a.published - b.published || a.id - b.id);
  const datedDays = Int32Array.from(dated, (e) => e.published);
  const evidenceNear = (rng: Rng, from: number, to: number): Evidence => {
    const lo = lowerBound(datedDays, from);
    const hi = lowerBound(datedDays, to + 1);
    return hi > lo ? dated[rng.int(lo, hi - 1)] : dated[Math.min(lo, dated.length - 1)];
  };

  // ---- evidence rows (before agreements: agreement sources cite them) ----
  {
    const writer = new TableWriter(client, 'Evidence', [
      column('id', 'int'),
      column('url', 'text'),
      column('outletId', 'int'),
      column('title', 'text'),
      column('originalTitle', 'text'),
      column('language', 'text'),
      column('publishedOn', 'int', DATE),
      column('excerpt', 'text'),
      column('excerptHash', 'text'),
      column('reliability', 'text', ENUM('Reliability')),
      column('credibility', 'int', (v) => `${v}::smallint`),
      column('type', 'text', ENUM('EvidenceType')),
      column('createdAt', 'float8', TIMESTAMP),
    ]);
    for (const item of evidence) {
      const seed = item.seed;
      const outlet = outlets[item.outlet];
      const topic = hashPick(AGREEMENT_SUBJECTS, seed, 5);
      const verb = item.type === 'contradiction' ? 'denies progress on' : hashPick(HEADLINE_VERBS, seed, 6);
      const title = `${hashPick(HEADLINE_SUBJECTS, seed, 7)} ${verb} ${topic} in ${hashPick(OUTLET_CITY_WORDS, seed, 8)}`;
      const originalTitle = item.language === 'en' ? null : hashPick(NATIVE_TITLES[item.language], seed, 9);
      const excerpt =
        seed % 100 < 85
          ? [10, 11, 12]
              .slice(0, 1 + (seed % 3))
              .map((salt) => hashPick(EXCERPT_SENTENCES, seed, salt))
              .join(' ')
          : null;
      const hash = excerpt ? createHash('sha256').update(excerpt).digest('hex') : null;
      const path = item.published >= 0 ? `${isoDay(item.published).slice(0, 7).replace('-', '/')}/` : '';
      const url = `https://${outlet.domain}/news/${path}${item.id}-${slugify(title)}`;
      writer.add(
        item.id,
        url,
        outlet.id,
        title,
        originalTitle,
        item.language,
        item.published >= 0 ? item.published : null,
        excerpt,
        hash,
        item.reliability,
        item.credibility,
        item.type,
        item.createdMs,
      );
      await writer.flushIfFull();
    }
    await writer.flush();
    done('Evidence', writer.rows);
  }

  // ---- agreements with their parties, people and a source ----
  const agreements: Agreement[] = [];
  {
    const rng = root.fork('agreements');
    const stateWeights = new Weighted(
      states.map((s, index) => [index, s.code === 'PK' || s.code === 'CN' ? 8 : 1] as const),
    );
    const hidden: { day: number; rng: number }[] = [];
    for (let i = 0; i < counts.agreements; i++)
      hidden.push({ day: rng.int(START_DAY, START_DAY + 1500), rng: i });
    hidden.sort((a, b) => a.day - b.day || a.rng - b.rng);

    const agreementWriter = new TableWriter(client, 'Agreement', [
      column('id', 'int'),
      column('title', 'text'),
      column('kind', 'text', ENUM('AgreementKind')),
      column('concludedOn', 'int', DATE),
      column('concludedPrecision', 'text', ENUM('DatePrecision')),
      column('place', 'text'),
      column('summary', 'text'),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const partyWriter = new TableWriter(client, 'AgreementParty', [
      column('agreementId', 'int'),
      column('partyId', 'int'),
      column('role', 'text', ENUM('AgreementPartyRole')),
    ]);
    const personWriter = new TableWriter(client, 'AgreementPerson', [
      column('agreementId', 'int'),
      column('personId', 'int'),
      column('role', 'text'),
    ]);
    const sourceWriter = new TableWriter(client, 'AgreementSource', [
      column('agreementId', 'int'),
      column('evidenceId', 'int'),
    ]);
    for (const { day } of hidden) {
      const id = newId('Agreement');
      const kind = AGREEMENT_KIND.draw(rng);
      const first = stateWeights.draw(rng);
      let second = stateWeights.draw(rng);
      while (second === first) second = stateWeights.draw(rng);
      const involved = [first, second];
      if (rng.chance(0.1)) {
        const third = stateWeights.draw(rng);
        if (!involved.includes(third)) involved.push(third);
      }
      const host = states[first];
      const subject = rng.pick(AGREEMENT_SUBJECTS);
      const names = involved.map((s) => states[s].name);
      let title = `${names.join('–')} ${AGREEMENT_KIND_WORDS[kind]} ${subject}, ${host.capital}`;
      if (rng.chance(0.08)) title += ` (${rng.pick(TITLE_TRANSLATIONS)})`;
      const precision = PRECISION.draw(rng);
      const concluded =
        precision === 'unknown'
          ? null
          : precision === 'month'
            ? day - (new Date(day * DAY_MS).getUTCDate() - 1)
            : precision === 'year'
              ? dayOf(`${new Date(day * DAY_MS).getUTCFullYear()}-01-01`)
              : day;
      const createdMs = epochMs(day + rng.int(0, 3), rng);
      const summary = `${names.join(' and ')} met in ${host.capital} and agreed on ${subject}. ${rng.pick(EXCERPT_SENTENCES)}`;
      agreementWriter.add(
        id,
        title,
        kind,
        concluded,
        precision,
        `${host.capital}`,
        summary,
        createdMs,
        createdMs,
      );

      const ministries: Party[] = [];
      for (const [position, stateIndex] of involved.entries()) {
        const state = states[stateIndex];
        const role =
          kind === 'mou' || kind === 'treaty' ? 'signatory' : position === 0 ? 'host' : 'participant';
        partyWriter.add(id, state.partyId, role);
        const picked = rng.sample(state.ministries, rng.int(1, 2));
        for (const ministry of picked) {
          partyWriter.add(id, ministry.id, role);
          ministries.push(ministry);
          const ministryIndex = state.ministries.indexOf(ministry);
          const person = state.people.find((p) => p.ministry === ministryIndex);
          if (person && rng.chance(0.6))
            personWriter.add(id, person.id, `${state.name} (${position === 0 ? 'host' : 'visiting'})`);
        }
      }
      sourceWriter.add(id, evidenceNear(rng, day, day + 20).id);
      agreements.push({ id, day, kind, states: involved, ministries, createdMs });
      await agreementWriter.flushIfFull();
      await partyWriter.flushIfFull();
    }
    for (const writer of [agreementWriter, partyWriter, personWriter, sourceWriter]) {
      await writer.flush();
      done(writer.table, writer.rows);
    }
  }

  // ---- commitments with their responsible and beneficiary parties ----
  const commitments: Commitment[] = [];
  {
    const rng = root.fork('commitments');
    const perAgreement = apportion(
      counts.commitments,
      agreements.map(() => 0.4 + rng.next() * 1.2),
    );
    const writer = new TableWriter(client, 'Commitment', [
      column('id', 'int'),
      column('agreementId', 'int'),
      column('title', 'text'),
      column('description', 'text'),
      column('categoryId', 'int'),
      column('dueOn', 'int', DATE),
      column('reciprocalOfId', 'int'),
      column('archivedAt', 'float8', TIMESTAMP),
      column('createdAt', 'float8', TIMESTAMP),
      column('updatedAt', 'float8', TIMESTAMP),
    ]);
    const partyWriter = new TableWriter(client, 'CommitmentParty', [
      column('commitmentId', 'int'),
      column('partyId', 'int'),
      column('role', 'text', ENUM('CommitmentPartyRole')),
    ]);
    for (const [index, agreement] of agreements.entries()) {
      let previous: number | null = null;
      for (let j = 0; j < perAgreement[index]; j++) {
        const id = newId('Commitment');
        const category = categoryWeights.draw(rng);
        const side = rng.chance(0.6) ? 0 : 1;
        const a = states[agreement.states[side]];
        const b = states[agreement.states[1 - side]];
        const topics = COMMITMENT_TOPICS[category.slug] ?? COMMITMENT_TOPICS.other;
        let title = fill(rng.pick(topics), {
          a: a.name,
          b: b.name,
          city: rng.chance(0.5) ? a.capital : b.capital,
          n: String(rng.int(2, 60) * 10),
          project: rng.pick(PROJECTS),
          tech: rng.pick(TECHNOLOGIES),
        });
        if (rng.chance(0.1)) title += ` / ${rng.pick(TITLE_TRANSLATIONS)}`;
        const description = rng.chance(0.85)
          ? `${a.name} undertakes: ${title.charAt(0).toLowerCase()}${title.slice(1)}. ${rng.pick(EXCERPT_SENTENCES)}`
          : null;
        const createdDay = agreement.day + rng.int(0, 7);
        const createdMs = Math.max(agreement.createdMs, epochMs(createdDay, rng));
        const dueOn = rng.chance(0.45) ? agreement.day + rng.int(90, 1200) : null;
        const reciprocal = previous !== null && j % 2 === 1 && rng.chance(0.1) ? previous : null;
        const archivedAt = rng.chance(0.01) ? createdMs + rng.int(30, 400) * DAY_MS : null;
        writer.add(
          id,
          agreement.id,
          title,
          description,
          category.id,
          dueOn,
          reciprocal,
          archivedAt,
          createdMs,
          createdMs,
        );

        // Responsible: a ministry of the promising side (sometimes one of each side, sometimes an agency too).
        const own = agreement.ministries.filter((m) => m.state === agreement.states[side]);
        const theirs = agreement.ministries.filter((m) => m.state === agreement.states[1 - side]);
        const responsible = new Set<number>([own.length ? rng.pick(own).id : a.partyId]);
        if (rng.chance(0.35) && theirs.length) responsible.add(rng.pick(theirs).id);
        if (rng.chance(0.1) && a.agencies.length) responsible.add(rng.pick(a.agencies).id);
        const beneficiary = new Set<number>([
          rng.chance(0.7) ? b.partyId : theirs.length ? rng.pick(theirs).id : b.partyId,
        ]);
        if (rng.chance(0.2)) beneficiary.add(rng.chance(0.5) ? a.partyId : b.partyId);
        for (const partyId of responsible) {
          partyWriter.add(id, partyId, 'responsible');
          beneficiary.delete(partyId);
        }
        for (const partyId of beneficiary) partyWriter.add(id, partyId, 'beneficiary');
        commitments.push({ id, agreement, createdDay, responsible: [...responsible] });
        previous = j % 2 === 0 ? id : null;
        await writer.flushIfFull();
        await partyWriter.flushIfFull();
      }
    }
    await writer.flush();
    done('Commitment', writer.rows);
    await partyWriter.flush();
    done('CommitmentParty', partyWriter.rows);
  }

  // ---- status updates: generated per commitment, inserted in creation order ----
  {
    const rng = root.fork('updates');
    const weights = commitments.map(() => (rng.chance(0.03) ? 0 : Math.min(6, Math.exp(0.7 * rng.normal()))));
    const perCommitment = apportion(counts.updates, weights);
    const total = counts.updates;
    const commitmentId = new Int32Array(total);
    const partyId = new Int32Array(total); // 0: the commitment as a whole
    const status = new Uint8Array(total);
    const evidenceId = new Int32Array(total); // 0: none
    const observed = new Int32Array(total);
    const author = new Int16Array(total); // -1: none (imported by the system)
    const createdMs = new Float64Array(total);
    const reasonSeed = new Uint32Array(total);
    let n = 0;
    for (const [index, commitment] of commitments.entries()) {
      const k = perCommitment[index];
      if (!k) continue;
      const days = Array.from({ length: k }, () => rng.int(commitment.createdDay, END_DAY)).sort(
        (a, b) => a - b,
      );
      let current: Status = 'no_evidence';
      for (const day of days) {
        const cites = rng.chance(0.92) ? evidenceNear(rng, day - 45, day) : null;
        let next: Status = NEXT_STATUS[current].draw(rng);
        if (cites?.type === 'contradiction')
          next = rng.chance(0.5) ? 'stalled' : rng.chance(0.3) ? 'broken' : next;
        current = next;
        commitmentId[n] = commitment.id;
        partyId[n] =
          commitment.responsible.length > 1 && rng.chance(0.3) ? rng.pick(commitment.responsible) : 0;
        status[n] = STATUS_INDEX[next];
        evidenceId[n] = cites?.id ?? 0;
        observed[n] = day;
        author[n] = rng.chance(0.03) ? -1 : rng.int(0, analysts.length - 1);
        // Logged a few days after the fact (exponential, mean 3 days), during working hours.
        const lag = Math.min(60, Math.floor(-Math.log(1 - rng.next()) * 3));
        createdMs[n] = epochMs(Math.min(END_DAY, day + lag), rng);
        reasonSeed[n] = rng.int(0, 2 ** 31 - 1);
        n++;
      }
    }
    const order = Uint32Array.from({ length: total }, (_, i) => i).sort(
      (a, b) => createdMs[a] - createdMs[b] || a - b,
    );
    const writer = new TableWriter(client, 'StatusUpdate', [
      column('id', 'int'),
      column('commitmentId', 'int'),
      column('partyId', 'int'),
      column('status', 'text', ENUM('CommitmentStatus')),
      column('reason', 'text'),
      column('evidenceId', 'int'),
      column('observedOn', 'int', DATE),
      column('authorId', 'text'),
      column('createdAt', 'float8', TIMESTAMP),
    ]);
    // `writer.rows` counts flushed rows, so it rests on a multiple between flushes: say each one once.
    let reported = 0;
    for (const i of order) {
      const name = STATUS_NAMES[status[i]];
      writer.add(
        newId('StatusUpdate'),
        commitmentId[i],
        partyId[i] || null,
        name,
        reasonFor(name, reasonSeed[i]),
        evidenceId[i] || null,
        observed[i],
        author[i] >= 0 ? analysts[author[i]] : null,
        createdMs[i],
      );
      await writer.flushIfFull();
      if (writer.rows >= reported + 200_000) {
        reported = writer.rows - (writer.rows % 200_000);
        done('StatusUpdate (so far)', writer.rows);
      }
    }
    await writer.flush();
    done('StatusUpdate', writer.rows);
  }

  // ---- sequences past the explicit ids, then one audit event per created row, as the app writes them ----
  for (const table of Object.keys(nextId)) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), greatest(coalesce(max(id), 0), 1)) FROM "${table}"`,
    );
  }
  for (const table of ['Party', 'Person', 'Outlet', 'Agreement', 'Commitment', 'Evidence', 'StatusUpdate']) {
    const actor = table === 'StatusUpdate' ? 'r."authorId"' : 'NULL';
    const result = await client.query(
      `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", before, after, "createdAt")
       SELECT ${actor}, 'create', '${table}', r.id::text, NULL, to_jsonb(r), r."createdAt"
         FROM "${table}" r WHERE r.id > $1 ORDER BY r.id`,
      [seedIds.maxId[table]],
    );
    done(`AuditEvent (${table})`, result.rowCount ?? 0);
  }
  for (const definition of deferredIndexes) await client.query(definition);
  done(`indexes rebuilt (${deferredIndexes.length})`, 0);
  await client.query('RESET session_replication_role').catch(() => {});
  // The loader wrote with triggers off: the search documents (decision 014) are built once, in bulk.
  await client.query('SELECT pactwatch_search_rebuild()');
  done('search documents', 0);
  return counts;
}

/** Drops the secondary indexes (not those behind a primary key or constraint) of `tables`; returns their definitions. */
async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
      ORDER BY i.indexname`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((row) => row.definition);
}
