// Prisma's own schema engine (the WebAssembly build shipped inside prisma 7.10.0), used to write migration
// SQL. The Prisma CLI's native engine cannot be downloaded on our machines; see docs/decisions/001.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type SchemaFile = { path: string; content: string };
type DiffTarget = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: SchemaFile[] };
type Engine = {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function loadEngineModule() {
  const dir = path.join(process.cwd(), 'node_modules/@prisma/schema-engine-wasm');
  const bg = await import(path.join(dir, 'schema_engine_bg.js'));
  const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg as { SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } };
}

/**
 * SQL that turns a database shaped like `fromSchema` (null: an empty database) into one shaped like
 * `toSchema`. The engine insists on a reachable database even for a schema-to-schema diff; it reads nothing.
 */
export async function diffSchemas(
  fromSchema: string | null,
  toSchema: string,
  databaseUrl: string,
): Promise<string> {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPg({ connectionString: databaseUrl, max: 1 }),
  );
  const target = (content: string): DiffTarget => ({
    tag: 'schemaDatamodel',
    files: [{ path: 'schema.prisma', content }],
  });
  const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', toSchema]] }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: fromSchema === null ? { tag: 'empty' } : target(fromSchema),
      to: target(toSchema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/** True when a diff script contains no statement (the engine says so in a comment). */
export function isEmptyDiff(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
