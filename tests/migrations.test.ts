// The migrations must build exactly the database schema.prisma describes, and the runner that applies them must
// be safe to run at every start. Both run against the real test database, in schemas of their own.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError, checksumOf, migrate, readMigrations } from '../lib/migrations.ts';
import { diffSchemas } from '../lib/schema-engine.ts';
import { testDatabaseUrl } from './support/db.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';

type Catalog = {
  enums: Record<string, string[]>;
  sequences: Record<string, string>;
  tables: Record<
    string,
    { columns: Record<string, string>; constraints: Record<string, string>; indexes: Record<string, string> }
  >;
};

/**
 * A description of everything a migration can create in `schema`, with the schema's name removed so two
 * schemas built the same way describe the same. Columns are keyed by name: a column added by a later migration
 * lands last in the table, which is no difference that matters (Prisma's drift check ignores it too).
 */
async function describeCatalog(schema: ScratchSchema): Promise<Catalog> {
  const strip = (text: string) => text.replaceAll(`"${schema.name}".`, '').replaceAll(`${schema.name}.`, '');
  const catalog: Catalog = { enums: {}, sequences: {}, tables: {} };
  const tableOf = (name: string) => (catalog.tables[name] ??= { columns: {}, constraints: {}, indexes: {} });

  const columns = await schema.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    default: string | null;
    identity: string;
    generated: string;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
            a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname COLLATE "C", a.attname COLLATE "C"`,
    [schema.name],
  );
  for (const row of columns.rows) {
    const parts = [strip(row.type)];
    if (row.not_null) parts.push('NOT NULL');
    if (row.default !== null) parts.push(`DEFAULT ${strip(row.default)}`);
    if (row.identity) parts.push(`IDENTITY ${row.identity}`);
    if (row.generated) parts.push(`GENERATED ${row.generated}`);
    tableOf(row.table).columns[row.column] = parts.join(' ');
  }

  const constraints = await schema.query<{ table: string; name: string; definition: string }>(
    `SELECT cl.relname AS table, co.conname AS name, pg_get_constraintdef(co.oid) AS definition
       FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = co.connamespace
      WHERE n.nspname = $1
      ORDER BY cl.relname COLLATE "C", co.conname COLLATE "C"`,
    [schema.name],
  );
  for (const row of constraints.rows) tableOf(row.table).constraints[row.name] = strip(row.definition);

  const indexes = await schema.query<{ table: string; name: string; definition: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS definition
       FROM pg_indexes WHERE schemaname = $1
      ORDER BY tablename COLLATE "C", indexname COLLATE "C"`,
    [schema.name],
  );
  for (const row of indexes.rows) tableOf(row.table).indexes[row.name] = strip(row.definition);

  const enums = await schema.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = $1
      GROUP BY t.typname
      ORDER BY t.typname COLLATE "C"`,
    [schema.name],
  );
  for (const row of enums.rows) catalog.enums[row.name] = row.labels;

  const sequences = await schema.query<{ name: string; definition: string }>(
    `SELECT sequencename AS name,
            format('%s start %s increment %s', data_type, start_value, increment_by) AS definition
       FROM pg_sequences WHERE schemaname = $1
      ORDER BY sequencename COLLATE "C"`,
    [schema.name],
  );
  for (const row of sequences.rows) catalog.sequences[row.name] = row.definition;

  return catalog;
}

/**
 * What migrations add by hand that schema.prisma cannot describe (Prisma's schema has no generated columns), by
 * table. The migrated database must hold each exactly as written here; it is then left out of the comparison, so
 * everything else must still match schema.prisma, and a change to one of these needs a change here too.
 */
const BEYOND_SCHEMA: Record<
  string,
  { columns?: Record<string, string>; indexes?: Record<string, string>; constraints?: Record<string, string> }
> = {
  // 20261203065321_data_version: one row (docs/decisions/019-data-version.md).
  DataVersion: {
    constraints: { DataVersion_one_row: 'CHECK ((id = 1))' },
  },
  // The same migration: the deferred trigger that raises the version at commit.
  DataVersionBump: {
    constraints: { DataVersionBump_raise: 'TRIGGER DEFERRABLE INITIALLY DEFERRED' },
  },
  // 20261202165053_analyst_domain: parties without a parent are unique by name (NULL parents are distinct).
  Party: {
    indexes: {
      Party_top_level_name_key:
        'CREATE UNIQUE INDEX "Party_top_level_name_key" ON "Party" USING btree (name) WHERE ("parentId" IS NULL)',
    },
  },
  // 20261203224500_adoptions_index: the updates adopting a proposal, for compliance (lib/data/compliance-sql.ts).
  StatusUpdate: {
    indexes: {
      StatusUpdate_adoptions_idx:
        'CREATE INDEX "StatusUpdate_adoptions_idx" ON "StatusUpdate" USING btree ("commitmentId", "observedOn") WHERE "adoptsProposal"',
    },
  },
  // 20261202150000_evidence_url_identity: an article's identity (lib/domain/url.ts urlIdentity), one item each.
  Evidence: {
    columns: { urlKey: 'text NOT NULL DEFAULT pactwatch_url_identity(url) GENERATED s' },
    indexes: {
      Evidence_urlKey_key: 'CREATE UNIQUE INDEX "Evidence_urlKey_key" ON "Evidence" USING btree ("urlKey")',
    },
  },
  // 20261202202848_search: typo-tolerant matching over the title words; 20261203040500_search_speed: no pending
  // list, and each kind's own lexeme and trigram indexes (docs/decisions/014-search.md).
  SearchDocument: {
    indexes: {
      SearchDocument_fuzzy_idx:
        'CREATE INDEX "SearchDocument_fuzzy_idx" ON "SearchDocument" USING gin (fuzzy gin_trgm_ops) WITH (fastupdate=off)',
      SearchDocument_agreement_lexemes_idx:
        'CREATE INDEX "SearchDocument_agreement_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'agreement\'::"SearchKind")',
      SearchDocument_commitment_lexemes_idx:
        'CREATE INDEX "SearchDocument_commitment_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'commitment\'::"SearchKind")',
      SearchDocument_evidence_lexemes_idx:
        'CREATE INDEX "SearchDocument_evidence_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'evidence\'::"SearchKind")',
      SearchDocument_status_update_lexemes_idx:
        'CREATE INDEX "SearchDocument_status_update_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'status_update\'::"SearchKind")',
      SearchDocument_party_lexemes_idx:
        'CREATE INDEX "SearchDocument_party_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'party\'::"SearchKind")',
      SearchDocument_person_lexemes_idx:
        'CREATE INDEX "SearchDocument_person_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'person\'::"SearchKind")',
      SearchDocument_outlet_lexemes_idx:
        'CREATE INDEX "SearchDocument_outlet_lexemes_idx" ON "SearchDocument" USING gin (lexemes) WITH (fastupdate=off) WHERE (kind = \'outlet\'::"SearchKind")',
      SearchDocument_commitment_fuzzy_idx:
        'CREATE INDEX "SearchDocument_commitment_fuzzy_idx" ON "SearchDocument" USING gin (fuzzy gin_trgm_ops) WITH (fastupdate=off) WHERE (kind = \'commitment\'::"SearchKind")',
      SearchDocument_names_fuzzy_idx:
        'CREATE INDEX "SearchDocument_names_fuzzy_idx" ON "SearchDocument" USING gin (fuzzy gin_trgm_ops) WITH (fastupdate=off) WHERE (kind = ANY (ARRAY[\'agreement\'::"SearchKind", \'party\'::"SearchKind", \'person\'::"SearchKind", \'outlet\'::"SearchKind"]))',
    },
  },
  // 20261203022358_feeds_follows_review: a follow names exactly one commitment, agreement or party.
  Follow: {
    constraints: {
      Follow_one_target: 'CHECK ((num_nonnulls("commitmentId", "agreementId", "partyId") = 1))',
    },
  },
};

/**
 * A definition as it reads wherever its extension lives: pg_trgm is in the database's own schema (public), off the
 * scratch schema's search path, so PostgreSQL names it there with its schema.
 */
function withoutExtensionSchema(definition: string | undefined): string | undefined {
  return definition?.replace(/\b[\w"]+\.(gin_trgm_ops)\b/g, '$1');
}

/** The catalog without BEYOND_SCHEMA, after checking that each of those is there as described. */
function withoutBeyondSchema(catalog: Catalog): Catalog {
  const rest = structuredClone(catalog);
  for (const [table, kinds] of Object.entries(BEYOND_SCHEMA)) {
    for (const kind of ['columns', 'indexes', 'constraints'] as const) {
      for (const [name, definition] of Object.entries(kinds[kind] ?? {})) {
        expect(withoutExtensionSchema(rest.tables[table]?.[kind][name]), `${table} ${kind}: ${name}`).toBe(
          definition,
        );
        delete rest.tables[table][kind][name];
      }
    }
  }
  return rest;
}

describe('migrations', () => {
  const scratches: ScratchSchema[] = [];
  afterAll(async () => {
    for (const scratch of scratches) await scratch.drop();
  });

  it('build exactly the database schema.prisma describes', async () => {
    const schemaSource = await readFile('prisma/schema.prisma', 'utf8');
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    const migrated = await createScratchSchema('migrated');
    scratches.push(migrated);
    for (const migration of migrations) await migrated.query(migration.sql);

    const fromSchema = await createScratchSchema('fromschema');
    scratches.push(fromSchema);
    await fromSchema.query(await diffSchemas(null, schemaSource, testDatabaseUrl()));

    const expected = await describeCatalog(fromSchema);
    // Guards against a comparison of two empty descriptions passing for the wrong reason.
    const models = schemaSource.match(/^model \w+/gm) ?? [];
    expect(Object.keys(expected.tables)).toHaveLength(models.length);

    const actual = withoutBeyondSchema(await describeCatalog(migrated));
    // On a difference: a field or index in schema.prisma without a migration? Run `npm run db:diff -- --name x`.
    expect(actual).toEqual(expected);
  });
});

describe('migration runner', () => {
  let current: ScratchSchema | undefined;
  let dir: string;

  /** A schema migrate() can be pointed at. */
  async function freshSchema(label: string): Promise<ScratchSchema> {
    current = await createScratchSchema(label, { connectable: true });
    return current;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pactwatch-migrations-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  async function writeMigration(folder: string, name: string, sql: string): Promise<void> {
    await mkdir(path.join(folder, name), { recursive: true });
    await writeFile(path.join(folder, name, 'migration.sql'), sql);
  }

  async function appliedRows(schema: ScratchSchema) {
    const { rows } = await schema.query<{ migration_name: string; checksum: string; finished: boolean }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  }

  it('applies every migration once, with Prisma checksums, and nothing on a second run', async () => {
    const scratch = await freshSchema('twice');
    const migrations = await readMigrations();

    expect(await migrate(scratch.url)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(scratch.url)).toEqual([]);

    expect(await appliedRows(scratch)).toEqual(
      migrations.map((m) => ({ migration_name: m.name, checksum: checksumOf(m.sql), finished: true })),
    );
  });

  it('refuses to run when an applied migration file changed or went missing', async () => {
    const scratch = await freshSchema('changed');
    const folder = path.join(dir, 'changed');
    await writeMigration(
      folder,
      '20000101000000_first',
      'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);\n',
    );
    await writeMigration(
      folder,
      '20000102000000_second',
      'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\n',
    );
    expect(await migrate(scratch.url, { dir: folder })).toHaveLength(2);

    await writeMigration(
      folder,
      '20000101000000_first',
      'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY, "extra" TEXT);\n',
    );
    await writeMigration(
      folder,
      '20000103000000_third',
      'CREATE TABLE "Third" ("id" INTEGER PRIMARY KEY);\n',
    );
    const changed = migrate(scratch.url, { dir: folder });
    await expect(changed).rejects.toThrow(MigrationError);
    await expect(changed).rejects.toThrow(/20000101000000_first was changed after it was applied/);
    // The refusal comes before anything pending runs.
    const third = await scratch.query(`SELECT to_regclass('"Third"') AS oid`);
    expect(third.rows[0].oid).toBeNull();

    await rm(path.join(folder, '20000101000000_first'), { recursive: true });
    await expect(migrate(scratch.url, { dir: folder })).rejects.toThrow(
      /20000101000000_first is applied .* missing/,
    );
  });

  it('rolls a failing migration back completely: no row, no partial schema, and it can run once fixed', async () => {
    const scratch = await freshSchema('failing');
    const folder = path.join(dir, 'failing');
    await writeMigration(folder, '20000101000000_good', 'CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY);\n');
    await writeMigration(
      folder,
      '20000102000000_bad',
      'CREATE TABLE "Partial" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Missing" VALUES (1);\n',
    );

    await expect(migrate(scratch.url, { dir: folder })).rejects.toThrow(
      /20000102000000_bad failed and was rolled back: relation "Missing" does not exist/,
    );
    expect((await appliedRows(scratch)).map((row) => row.migration_name)).toEqual(['20000101000000_good']);
    const partial = await scratch.query(
      `SELECT to_regclass('"Partial"') AS oid, to_regclass('"Good"') AS good`,
    );
    expect(partial.rows[0]).toEqual({ oid: null, good: expect.anything() });

    await writeMigration(
      folder,
      '20000102000000_bad',
      'CREATE TABLE "Partial" ("id" INTEGER PRIMARY KEY);\n',
    );
    expect(await migrate(scratch.url, { dir: folder })).toEqual(['20000102000000_bad']);
  });

  it('lets two instances start at once: both succeed and each migration is applied once', async () => {
    const scratch = await freshSchema('concurrent');
    const folder = path.join(dir, 'concurrent');
    const names = ['20000101000000_a', '20000102000000_b', '20000103000000_c', '20000104000000_d'];
    for (const name of names) {
      // pg_sleep widens the window in which a second runner could slip in without the lock.
      await writeMigration(folder, name, `SELECT pg_sleep(0.05);\nCREATE TABLE "${name}" ("id" INTEGER);\n`);
    }

    // allSettled: waits for both, so a failure of one is reported with the other's outcome beside it.
    const results = await Promise.allSettled([
      migrate(scratch.url, { dir: folder }),
      migrate(scratch.url, { dir: folder }),
    ]);
    expect(
      results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])),
    ).toEqual([]);
    const applied = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    expect(applied.sort()).toEqual(names);
    expect((await appliedRows(scratch)).map((row) => row.migration_name)).toEqual(names);
  });
});
