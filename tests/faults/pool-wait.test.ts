// Every connection of the app's pool busy (held by whatever): a request that needs one waits PACTWATCH_POOL_WAIT_MS
// at most, then fails as "database unavailable" (the 503 the proxy answers, the health check's 503) instead of
// waiting with no answer; once a connection is free again, requests are served as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { poolWaitMs } from '../../lib/db-client.ts';
import { isDatabaseUnavailable } from '../../lib/db-errors.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { testDatabaseUrl } from '../support/db.ts';

const WAIT_MS = 500;

let health: () => Promise<Response>;
let pool: pg.Pool;
let db: PrismaClient;

beforeAll(async () => {
  // lib/db.ts reads these on first use.
  if ((globalThis as { prisma?: unknown }).prisma)
    throw new Error('lib/db.ts was used before this test set it up');
  Object.assign(process.env, {
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_POOL_MAX: '1',
    PACTWATCH_POOL_WAIT_MS: String(WAIT_MS),
  });
  const route = await import('../../app/api/health/route.ts');
  health = () => route.GET();
  const app = await import('../../lib/db.ts');
  pool = app.dbPool();
  db = app.db;
});

afterAll(async () => {
  await (globalThis as { prisma?: PrismaClient }).prisma?.$disconnect();
});

describe('the pool wait', () => {
  it('is read from PACTWATCH_POOL_WAIT_MS, a few seconds by default', () => {
    expect(poolWaitMs({})).toBe(5_000);
    expect(poolWaitMs({ PACTWATCH_POOL_WAIT_MS: '1500' })).toBe(1_500);
    for (const bad of ['', '0', '-5', '1.5', 'soon'])
      expect(poolWaitMs({ PACTWATCH_POOL_WAIT_MS: bad })).toBe(5_000);
  });

  it('turns a full pool into "database unavailable" after the wait, and serves again once it frees up', async () => {
    expect((await health()).status).toBe(200);
    const held = await pool.connect();
    try {
      const started = Date.now();
      const error = await db.commitment.count().then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(error, 'a query while every connection is held').not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(true);
      const response = await health();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable' });
      // Two waits of WAIT_MS; generous for a loaded machine, and far from "no answer".
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      held.release();
    }
    expect((await health()).status).toBe(200);
    expect(await db.commitment.count()).toBeGreaterThanOrEqual(0);
  });
});
