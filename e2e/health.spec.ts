import { expect, test } from './support/fixtures.ts';

test('the health check reports a reachable database', async ({ request, db }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
  // The app and the specs look at the same database: the one scripts/test.ts migrated for this run.
  const [{ count }] = await db.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS count FROM "_prisma_migrations"`;
  expect(Number(count)).toBeGreaterThan(0);
});
