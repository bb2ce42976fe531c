// Structured logs (lib/log.ts) and the slow-query log of the app's database client (lib/db-client.ts): JSON lines,
// the request id on every line written for a request, secrets never in the output, SQL logged by its shape only.
import './next-runtime.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { createDatabaseClient, slowQueryMs } from '../../lib/db-client.ts';
import { createLogger, requestIdFrom, runWithRequestId, sqlShape } from '../../lib/log.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { testDatabaseUrl } from '../support/db.ts';

type Line = Record<string, unknown>;

function capture(level = 'info') {
  const lines: Line[] = [];
  const raw: string[] = [];
  const log = createLogger({
    level,
    destination: {
      write(chunk: string) {
        raw.push(chunk);
        for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      },
    },
  });
  return { log, lines, raw };
}

/** Runs `fn` the way Next runs a page, an action or a route handler: inside its request store. */
function asNextRequest<T>(headers: Record<string, string>, fn: () => T): T {
  const store = { type: 'request', phase: 'render', headers: new Headers(headers) };
  return workUnitAsyncStorage.run(store as unknown as Parameters<typeof workUnitAsyncStorage.run>[0], fn);
}

describe('lib/log.ts', () => {
  it('writes one JSON object per line, with level, time and message', () => {
    const { log, lines, raw } = capture();
    log.info({ commitmentId: 7 }, 'cache refreshed');
    expect(raw).toHaveLength(1);
    expect(raw[0].endsWith('\n')).toBe(true);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'cache refreshed',
      commitmentId: 7,
      service: 'pactwatch',
    });
    expect(Number.isNaN(Date.parse(String(lines[0].time)))).toBe(false);
  });

  it("puts the request's id on every line written for it, and only on those", async () => {
    const { log, lines } = capture();
    log.info('outside any request');
    await runWithRequestId('req-own', async () => {
      log.info('first');
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.warn('after an await');
    });
    asNextRequest({ 'x-request-id': 'req-from-proxy' }, () => log.info('inside a Next request'));
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        asNextRequest({ 'x-request-id': `req-${id}` }, async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
          log.info(`concurrent ${id}`);
        }),
      ),
    );
    const byMessage = Object.fromEntries(lines.map((line) => [line.msg, line.requestId]));
    expect(byMessage).toEqual({
      'outside any request': undefined,
      first: 'req-own',
      'after an await': 'req-own',
      'inside a Next request': 'req-from-proxy',
      'concurrent a': 'req-a',
      'concurrent b': 'req-b',
      'concurrent c': 'req-c',
    });
  });

  it('takes an acceptable x-request-id and replaces anything else with a fresh one', () => {
    expect(requestIdFrom('lb-1234.abcd:7')).toBe('lb-1234.abcd:7');
    for (const bad of [
      null,
      undefined,
      '',
      'a b',
      'id\n{"level":"fatal"}',
      'x'.repeat(129),
      'ïd',
      '<script>',
    ]) {
      const id = requestIdFrom(bad);
      expect(id, String(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });

  it('never writes a secret: by key at any depth, in connection strings, in messages and errors', () => {
    const { log, raw } = capture();
    const secrets = [
      'hunter2-password',
      'tok-123456',
      'sess-abcdef',
      'Bearer xyz',
      'pg-secret-pw',
      'api-key-1',
    ];
    log.info(
      {
        password: secrets[0],
        user: { email: 'a@b.c', passwordHash: 'scrypt$abc', session: { token: secrets[1] } },
        headers: { cookie: `pactwatch.session_token=${secrets[2]}`, authorization: secrets[3] },
        databaseUrl: `postgresql://app:${secrets[4]}@db:5432/pactwatch`,
        list: [{ apiKey: secrets[5] }],
      },
      `connecting to postgres://app:${secrets[4]}@db/pactwatch`,
    );
    log.error({ err: new Error(`could not connect to postgresql://app:${secrets[4]}@db/x`) }, 'failed');
    const output = raw.join('');
    for (const secret of [...secrets, 'scrypt$abc']) expect(output).not.toContain(secret);
    expect(output).toContain('a@b.c');
    expect(output).toContain('postgresql://app:[redacted]@db:5432/pactwatch');
    expect(output).toContain('"type":"Error"');
  });

  it('turns SQL into its shape: no literals, lists collapsed, whitespace tidied', () => {
    expect(
      sqlShape(`SELECT "id" FROM "User"
                 WHERE email = 'someone@example.com' AND "loginCount" > 42 AND note = E'it''s'
                   AND id IN ($1, $2, $3) AND x = $4 -- a comment with 'text'
                 LIMIT 10`),
    ).toBe(
      'SELECT "id" FROM "User" WHERE email = ? AND "loginCount" > ? AND note = ? AND id IN (?) AND x = $4 LIMIT ?',
    );
    expect(sqlShape("INSERT INTO t (a, b) VALUES ('x', 1), ('y', 2)")).toBe(
      'INSERT INTO t (a, b) VALUES (?), (?)',
    );
    expect(sqlShape('SELECT $body$ secret $body$')).toBe('SELECT ?');
    expect(sqlShape('SELECT "col1", t2.x FROM t2')).toBe('SELECT "col1", t2.x FROM t2');
    expect(sqlShape(`SELECT '${'x'.repeat(5000)}', ${'a, '.repeat(2000)}b`).length).toBeLessThanOrEqual(2001);
  });

  it('reads the slow-query threshold from PACTWATCH_SLOW_QUERY_MS (default 200)', () => {
    expect(slowQueryMs({})).toBe(200);
    expect(slowQueryMs({ PACTWATCH_SLOW_QUERY_MS: '50' })).toBe(50);
    expect(slowQueryMs({ PACTWATCH_SLOW_QUERY_MS: 'soon' })).toBe(200);
    expect(slowQueryMs({ PACTWATCH_SLOW_QUERY_MS: '' })).toBe(200);
  });
});

describe('the slow-query log', () => {
  const { log, lines } = capture('warn');
  const prisma: PrismaClient = createDatabaseClient({
    connectionString: testDatabaseUrl(),
    max: 2,
    log,
    slowQueryMs: 250,
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it('logs statements over the threshold with their shape and request id, never their values', async () => {
    const secret = 'secret-parameter-value';
    await runWithRequestId('req-slow', async () => {
      await prisma.$queryRaw`SELECT pg_sleep(0.5)::text AS slept, ${secret}::text AS value, 'inline-literal' AS lit`;
    });
    await asNextRequest({ 'x-request-id': 'req-next-tx' }, async () => {
      await prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_sleep(0.5)::text AS slept`;
        await tx.party.count();
      });
    });
    await runWithRequestId('req-fast', async () => {
      await prisma.$queryRaw`SELECT 1 AS one`;
    });

    // On a busy machine BEGIN or COMMIT may be slow too; the sleeps must be there, the fast query must not.
    const slow = lines.filter((line) => line.msg === 'slow query' && String(line.sql).includes('pg_sleep'));
    expect(lines.filter((line) => line.sql === 'SELECT ? AS one')).toEqual([]);
    expect(slow.map((line) => [line.requestId, line.sql])).toEqual([
      ['req-slow', 'SELECT pg_sleep(?)::text AS slept, $1::text AS value, ? AS lit'],
      ['req-next-tx', 'SELECT pg_sleep(?)::text AS slept'],
    ]);
    for (const line of slow) {
      expect(line.level).toBe('warn');
      expect(line.durationMs as number).toBeGreaterThanOrEqual(250);
    }
    const output = JSON.stringify(lines);
    expect(output).not.toContain(secret);
    expect(output).not.toContain('inline-literal');
  });
});
