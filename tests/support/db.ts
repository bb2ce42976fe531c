// Integration tests talk to a real PostgreSQL database made for this test run by scripts/test.ts
// (migrated by the project's own runner). Each test creates the rows it needs.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (scripts/test.ts).');
  return url;
}

let client: PrismaClient | undefined;

/** A Prisma client on the test database, shared by the tests of one file. */
export function testPrisma(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 2 }) });
  return client;
}

/** A short unique suffix, so rows made by one test never collide with another's. */
export function unique(label = 'x'): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
