import 'server-only';
import type { PrismaClient } from './generated/prisma/client.ts';
import { databaseUrl, poolMax } from './config.ts';
import { exportLimits } from './csv/export-slots.ts';
import { createDatabaseClient, poolOf } from './db-client.ts';

// One client per server process, opened on first use so that `next build` never needs a database.
// In development Next reloads modules, so the client is kept on globalThis to avoid a new pool per edit.
// createDatabaseClient (lib/db-client.ts) logs slow queries and survives the database going away.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; exportPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createDatabaseClient({ connectionString: databaseUrl(), max: poolMax() });
  return globalForPrisma.prisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === 'function' ? value.bind(client()) : value;
  },
});

/** The pool under `db` (see poolOf in lib/db-client.ts). */
export function dbPool() {
  return poolOf(client());
}

/**
 * The CSV reports' own client: a pool of one connection per export slot (PACTWATCH_EXPORT_MAX,
 * lib/csv/export-slots.ts), so downloads, however slowly their clients read, never take a connection from `db`'s
 * pool, which pages, actions and the health check share (docs/decisions/007).
 */
export function exportDb(): PrismaClient {
  globalForPrisma.exportPrisma ??= createDatabaseClient({
    connectionString: databaseUrl(),
    max: exportLimits().perInstance,
  });
  return globalForPrisma.exportPrisma;
}

/** The pool under exportDb(), for updates.csv's COPY. */
export function exportDbPool() {
  return poolOf(exportDb());
}
