// `npm run db:diff -- --name <name> [--from <git-rev>]`: writes the next migration, its SQL made by Prisma's
// own schema engine from the difference between schema.prisma at <git-rev> (default HEAD) and the working copy.
// With no migrations yet, the diff starts from an empty database.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffSchemas, isEmptyDiff } from '../lib/schema-engine.ts';
import { MIGRATIONS_DIR, readMigrations } from '../lib/migrations.ts';

const { values } = parseArgs({
  options: { name: { type: 'string' }, from: { type: 'string', default: 'HEAD' } },
});
if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
  console.error('usage: npm run db:diff -- --name <snake_case_name> [--from <git-rev>]');
  process.exit(2);
}

const toSchema = await readFile('prisma/schema.prisma', 'utf8');
const existing = await readMigrations();
const fromSchema = existing.length
  ? execFileSync('git', ['show', `${values.from}:prisma/schema.prisma`], { encoding: 'utf8' })
  : null;

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const sql = await diffSchemas(fromSchema, toSchema, databaseUrl);
if (isEmptyDiff(sql)) {
  console.log(
    `schema.prisma matches ${fromSchema === null ? 'an empty database' : values.from}: no migration written`,
  );
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = path.join(MIGRATIONS_DIR, `${stamp}_${values.name}`);
await mkdir(folder, { recursive: true });
await writeFile(path.join(folder, 'migration.sql'), sql);
console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
