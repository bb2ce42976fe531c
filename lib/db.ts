import 'server-only';
import type { PrismaClient } from './generated/prisma/client.ts';
import { databaseUrl, poolMax } from './config.ts';
import { createDatabaseClient, poolOf } from './db-client.ts';

// One client per server process, opened on first use so that `next build` never needs a database.
// In development Next reloads modules, so the client is kept on globalThis to avoid a new pool per edit.
// createDatabaseClient (lib/db-client.ts) logs slow queries and survives the database going away.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

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
