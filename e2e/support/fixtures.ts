// Every spec imports `test` and `expect` from here rather than from @playwright/test:
// - a console error or an uncaught exception on any page fails the test (house style: it is usually a bug
//   nobody would otherwise notice);
// - `db` is a Prisma client on the app's database (E2E_DATABASE_URL), for checking what a flow wrote.
import { test as base, expect } from '@playwright/test';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import type { Role } from '../../lib/auth/permissions.ts';
import { createUser, signInRequest, type E2EUser } from './users.ts';

export { expect };

type TestFixtures = {
  pageErrors: string[];
  /** Who the test's browser context is signed in as (`test.use({ signedInAs: 'viewer' })`; null: nobody). */
  signedInAs: Role | null;
  /** The user it is signed in as, made fresh for the test. */
  user: E2EUser | null;
};
type WorkerFixtures = { db: PrismaClient };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  signedInAs: ['analyst', { option: true }],
  user: async ({ db, signedInAs }, use) => {
    await use(signedInAs ? await createUser(db, signedInAs) : null);
  },
  context: async ({ context, user }, use) => {
    if (user) await signInRequest(context.request, user);
    await use(context);
  },
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      // On the context, not the page: popups and pages a test opens itself are watched too.
      context.on('console', (message) => {
        if (message.type() === 'error')
          errors.push(`console.error on ${message.page()?.url()}: ${message.text()}`);
      });
      context.on('weberror', (error) =>
        errors.push(`uncaught on ${error.page()?.url()}: ${error.error().message}`),
      );
      await use(errors);
      expect(errors, 'the pages logged errors').toEqual([]);
    },
    { auto: true },
  ],

  db: [
    async ({}, use) => {
      const connectionString = process.env.E2E_DATABASE_URL;
      if (!connectionString) {
        throw new Error(
          'E2E_DATABASE_URL is not set: run the specs with `npm test -- --e2e` (scripts/test.ts).',
        );
      }
      // One connection: the embedded database allows few, and the app under test holds most of them.
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 1 }) });
      await use(db);
      await db.$disconnect();
    },
    { scope: 'worker' },
  ],
});
