// "Database unavailable" versus every other failure (lib/db-errors.ts), and the 503 the proxy answers with.
import { describe, expect, it } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client.ts';
import {
  DATABASE_UNAVAILABLE,
  databaseUnavailableResponse,
  isDatabaseUnavailable,
} from '../../lib/db-errors.ts';
import { testPrisma } from '../support/db.ts';
import { freePort } from './processes.ts';

describe('isDatabaseUnavailable', () => {
  it('recognises what Prisma, the pg driver and Node say when the database cannot be reached', async () => {
    // Nothing listens on this port: the real error of a query through the app's stack.
    const port = await freePort();
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${port}/none`, max: 1 }),
    });
    const real = await prisma.$queryRaw`SELECT 1`.then(
      () => null,
      (error: unknown) => error,
    );
    const inTransaction = await prisma
      .$transaction((tx) => tx.$queryRaw`SELECT 1`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    await prisma.$disconnect();
    expect(isDatabaseUnavailable(real)).toBe(true);
    expect(isDatabaseUnavailable(inTransaction)).toBe(true);

    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    for (const error of [
      socket,
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('x'), { code: 'P1017' }),
      Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), {
        code: 'P2028',
      }),
      // Better Auth wraps the Prisma error as the cause of its own.
      Object.assign(new Error('Failed to get session'), { cause: real }),
      new AggregateError([socket], 'all connection attempts failed'),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('leaves every other failure alone', async () => {
    const prisma = testPrisma();
    const syntax = await prisma.$queryRawUnsafe('SELEC 1').then(
      () => null,
      (error: unknown) => error,
    );
    const missing = await prisma.commitment.findUniqueOrThrow({ where: { id: -1 } }).then(
      () => null,
      (error: unknown) => error,
    );
    await prisma.$disconnect();
    for (const error of [
      syntax,
      missing,
      new Error('boom'),
      Object.assign(new Error('duplicate key'), { code: 'P2002' }),
      Object.assign(new Error('Transaction already closed: the timeout for this transaction was exceeded'), {
        code: 'P2028',
      }),
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      null,
      undefined,
      'a string',
      42,
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
    // A cause chain that loops ends.
    const a: { cause?: unknown; message: string } = { message: 'a' };
    a.cause = { message: 'b', cause: a };
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('databaseUnavailableResponse', () => {
  it('is a 503 page for a navigation and 503 JSON for an API call or the client router, never cached', async () => {
    const page = databaseUnavailableResponse(
      new Request('http://localhost/agreements', { headers: { accept: 'text/html' } }),
      'req-1',
    );
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-request-id')).toBe('req-1');
    const html = await page.text();
    expect(html).toContain(`<h1>${DATABASE_UNAVAILABLE.title}</h1>`);
    expect(html).toContain('Pactwatch can&#39;t reach its database right now');
    expect(html).not.toContain('<script');

    for (const request of [
      new Request('http://localhost/api/anything'),
      new Request('http://localhost/agreements', { headers: { rsc: '1' } }),
      new Request('http://localhost/agreements', { method: 'POST', headers: { 'next-action': 'abc' } }),
    ]) {
      const response = databaseUnavailableResponse(request);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: 'database_unavailable',
        message: DATABASE_UNAVAILABLE.message,
      });
    }
  });
});
