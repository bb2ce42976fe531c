// This database's data version (docs/decisions/019-data-version.md): a number that triggers raise at the commit of
// every transaction that wrote to it, whoever wrote (this server, another instance, an import, a script, psql).
// Equal versions mean the same committed data; writes to other databases on the same server do not move it.
// The page cache, the remembered session checks and the pickers' answers are kept under it.
import 'server-only';
import { dbPool } from './db.ts';

/**
 * The current version, read straight through pg (it runs on every cached request, and Prisma's query machinery
 * would cost more than the query). Null if the row is missing, which no migration leaves: then nothing is cached.
 */
export async function dataVersion(): Promise<string | null> {
  const result = await dbPool().query<{ version: string }>(
    'SELECT "version"::text AS version FROM "DataVersion" WHERE "id" = 1',
  );
  return result.rows[0]?.version ?? null;
}
