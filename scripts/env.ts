import path from 'node:path';

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL is not set. `npm start` runs an embedded database; other commands need DATABASE_URL.',
    );
    process.exit(2);
  }
  return url;
}

/**
 * For commands an analyst runs beside `npm start` (user:create, token:create): DATABASE_URL, else the embedded
 * database `npm start` runs (`PACTWATCH_DATA_DIR`, default .data; `PACTWATCH_DB_PORT`, default 54329), which must
 * be running.
 */
export async function scriptDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dataDir = path.resolve(process.env.PACTWATCH_DATA_DIR ?? '.data');
  const { embeddedDatabaseUrlFor } = await import('./lib/embedded-db.ts');
  try {
    return await embeddedDatabaseUrlFor(
      path.join(dataDir, 'postgres'),
      Number(process.env.PACTWATCH_DB_PORT ?? 54329),
      path.join(dataDir, 'db-password'),
    );
  } catch {
    console.error(
      `DATABASE_URL is not set and ${dataDir} holds no embedded database: run \`npm start\` first (it makes one and keeps it running), or set DATABASE_URL.`,
    );
    process.exit(2);
  }
}
