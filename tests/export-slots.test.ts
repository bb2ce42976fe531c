// The CSV downloads' own budget (lib/csv/export-slots.ts): slots per user and per server, refused at once over
// either cap; a download whose reader asks for nothing for the idle time is aborted, and gives back its database
// connection and its slot. Real PostgreSQL, the reports' real streams (COPY for updates.csv), a short idle time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import {
  EXPORT_RETRY_AFTER_SECONDS,
  ExportSlots,
  exportLimits,
  exportRefusedResponse,
  inExportSlot,
} from '../lib/csv/export-slots.ts';
import { csvReportResponse } from '../lib/csv/response.ts';
import { idleLimited } from '../lib/csv/stream.ts';
import { createDatabaseClient, poolOf } from '../lib/db-client.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { createLogger } from '../lib/log.ts';
import { createCsvFixture } from './support/csv-fixtures.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { waitFor } from './faults/processes.ts';

const IDLE_MS = 400;
/** For the test that checks a few things while downloads are stalled: long enough on a loaded machine. */
const STALL_IDLE_MS = 5_000;
/** Updates of the big agreement: about 40 MB of CSV, far more than the socket buffers between PostgreSQL and us. */
const BIG_UPDATES = 40_000;
/** Backends of this file's export pool carry this application_name. */
const APP_NAME = unique('export_slots').replace(/-/g, '_');

const prisma = testPrisma();
let exportClient: PrismaClient;
let pool: pg.Pool;
let big: number;
let small: number;
const logged: Record<string, unknown>[] = [];
const log = createLogger({
  level: 'info',
  destination: {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean))
        logged.push(JSON.parse(line) as Record<string, unknown>);
    },
  },
});

beforeAll(async () => {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('application_name', APP_NAME);
  exportClient = createDatabaseClient({ connectionString: url.toString(), max: 2 });
  pool = poolOf(exportClient);

  const bigFixture = await createCsvFixture(prisma, {
    commitments: [{ title: 'Corridor, phase one' }, { title: 'Corridor, phase two' }],
  });
  big = bigFixture.agreement.id;
  // Long reasons, written by PostgreSQL: quick to make, slow to download. One long word each rather than prose: the
  // search triggers (decision 014) index every word, which is the write's cost, not this test's subject.
  await prisma.$executeRaw`
    INSERT INTO "StatusUpdate" ("commitmentId", status, reason, "observedOn")
    SELECT (${[...bigFixture.commitments.values()]}::int[])[1 + g % 2],
           (ARRAY['in_progress', 'stalled', 'fulfilled']::"CommitmentStatus"[])[1 + g % 3],
           'Reason ' || g || ': ' || repeat(md5(g::text), 32),
           date '2021-01-01' + g % 1000
      FROM generate_series(1, ${BIG_UPDATES}) g`;
  const smallFixture = await createCsvFixture(prisma, { commitments: [{ title: 'Small one' }] });
  small = smallFixture.agreement.id;
  await prisma.$executeRaw`
    INSERT INTO "StatusUpdate" ("commitmentId", status, "observedOn")
    SELECT ${smallFixture.commitments.get('Small one')!}, 'in_progress', date '2024-01-01' + g
      FROM generate_series(1, 20) g`;
}, 120_000);

afterAll(async () => {
  await exportClient?.$disconnect();
  await prisma.$disconnect();
});

function request(report: 'updates' | 'commitments', agreement: number, requestId: string): Request {
  return new Request(`http://localhost/reports/${report}.csv?agreement=${agreement}`, {
    headers: { 'x-request-id': requestId },
  });
}

/** The export of `report` as the route runs it, in `slots`, on this file's export pool. */
function download(
  slots: ExportSlots,
  userId: string,
  report: 'updates' | 'commitments',
  agreement: number,
  idleMs = IDLE_MS,
) {
  const req = request(report, agreement, `${userId}-${report}`);
  return inExportSlot(
    req,
    userId,
    () => csvReportResponse(report, req, exportClient, { pool: report === 'updates' ? pool : undefined }),
    { slots, idleMs, log },
  );
}

/** This file's backends that are running a statement (the COPY of a download). */
async function busyBackends(): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM pg_stat_activity
     WHERE application_name = ${APP_NAME} AND state = 'active'`;
  return row.count;
}

/** Reads `body` to its end or its failure. */
async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<{ bytes: number; error?: unknown }> {
  let bytes = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return { bytes };
      bytes += next.value.length;
    }
  } catch (error) {
    return { bytes, error };
  }
}

describe('export limits', () => {
  it('are read from the environment, with defaults for anything unset or not a positive integer', () => {
    expect(exportLimits({})).toEqual({ perInstance: 3, perUser: 2, idleMs: 30_000 });
    expect(
      exportLimits({
        PACTWATCH_EXPORT_MAX: '8',
        PACTWATCH_EXPORT_USER_MAX: '1',
        PACTWATCH_EXPORT_IDLE_MS: '5000',
      }),
    ).toEqual({ perInstance: 8, perUser: 1, idleMs: 5_000 });
    for (const bad of ['', ' ', '0', '-1', '2.5', 'ten'])
      expect(exportLimits({ PACTWATCH_EXPORT_MAX: bad, PACTWATCH_EXPORT_IDLE_MS: bad })).toMatchObject({
        perInstance: 3,
        idleMs: 30_000,
      });
  });
});

describe('export slots', () => {
  it('grant up to the caps per user and per server, and refuse the next one without waiting', () => {
    const slots = new ExportSlots({ perInstance: 3, perUser: 2 });
    const a1 = slots.tryAcquire('a');
    const a2 = slots.tryAcquire('a');
    expect([a1.ok, a2.ok]).toEqual([true, true]);
    expect(slots.tryAcquire('a')).toEqual({ ok: false, refusal: 'user' });
    const b1 = slots.tryAcquire('b');
    expect(b1.ok).toBe(true);
    expect(slots.tryAcquire('c')).toEqual({ ok: false, refusal: 'instance' });
    // Over both caps, the user's own is the one named.
    expect(slots.tryAcquire('a')).toEqual({ ok: false, refusal: 'user' });
    expect([slots.active(), slots.active('a'), slots.active('b')]).toEqual([3, 2, 1]);

    if (!a1.ok) throw new Error('unreachable');
    a1.slot.release();
    a1.slot.release(); // a second release gives nothing back twice
    expect([slots.active(), slots.active('a')]).toEqual([2, 1]);
    expect(slots.tryAcquire('c').ok).toBe(true);
    expect(slots.tryAcquire('a')).toEqual({ ok: false, refusal: 'instance' });
  });

  it('refuse in plain words, 429 for the user’s cap and 503 for the server’s, with Retry-After', async () => {
    for (const [refusal, status] of [
      ['user', 429],
      ['instance', 503],
    ] as const) {
      const response = exportRefusedResponse(refusal, { perUser: 2 });
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe(String(EXPORT_RETRY_AFTER_SECONDS));
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toMatch(/try again/i);
    }
    expect(await exportRefusedResponse('user', { perUser: 2 }).text()).toContain('2 exports');
  });
});

describe('a download nobody reads', () => {
  it(
    'holds its slot and connection only until the idle time, then is aborted and gives both back',
    { timeout: 120_000 },
    async () => {
      const slots = new ExportSlots({ perInstance: 2, perUser: 1 });
      logged.length = 0;

      // Two downloads of the big report, each read as far as its first chunk (the header) and no further. The
      // idle time here is long enough for the checks below to run while they are stalled.
      const [first, second] = await Promise.all([
        download(slots, 'reader-1', 'updates', big, STALL_IDLE_MS),
        download(slots, 'reader-2', 'updates', big, STALL_IDLE_MS),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const firstReader = first.body!.getReader();
      const secondReader = second.body!.getReader();
      expect(new TextDecoder().decode((await firstReader.read()).value)).toMatch(/^observed_on,/);
      await secondReader.read();
      const stalledAt = Date.now();

      expect((await download(slots, 'reader-1', 'updates', small)).status, 'over the user’s cap').toBe(429);
      const refused = await download(slots, 'reader-3', 'commitments', small);
      expect(refused.status, 'over the server’s cap').toBe(503);
      expect(refused.headers.get('retry-after')).toBe(String(EXPORT_RETRY_AFTER_SECONDS));

      // Both copies hold a connection of the export pool, neither has been read to its end.
      expect(slots.active()).toBe(2);
      expect(pool.totalCount - pool.idleCount, 'connections checked out').toBe(2);
      expect(await busyBackends(), 'COPYs running').toBe(2);
      expect(Date.now() - stalledAt, 'the checks above ran within the idle time').toBeLessThan(STALL_IDLE_MS);

      // The idle time passes: both are aborted, their connections released and their backends gone.
      await waitFor(
        'the stalled downloads to give their slots back',
        async () => slots.active() === 0,
        30_000,
        50,
      );
      expect(pool.totalCount - pool.idleCount, 'connections checked out').toBe(0);
      await waitFor('their COPYs to end', async () => (await busyBackends()) === 0, 30_000, 100);
      for (const reader of [firstReader, secondReader]) {
        const rest = await drain(reader);
        expect((rest.error as Error | undefined)?.name, 'what the reader sees next').toBe('AbortError');
      }
      expect(
        logged
          .filter((line) => line.msg === 'export aborted: the client read nothing')
          .map((line) => line.requestId)
          .sort(),
        'one line per aborted download, with its request id',
      ).toEqual(['reader-1-updates', 'reader-2-updates']);

      // Slots and connections work again: a reader that keeps reading gets the whole file, however long it is.
      const again = await download(slots, 'reader-3', 'updates', big);
      expect(again.status).toBe(200);
      const whole = await drain(again.body!.getReader());
      expect(whole.error).toBeUndefined();
      expect(whole.bytes).toBeGreaterThan(BIG_UPDATES * 1_000);
      expect(slots.active()).toBe(0);
    },
  );

  it('is aborted for commitments.csv too, even when not a byte of the body was asked for', async () => {
    const slots = new ExportSlots({ perInstance: 2, perUser: 1 });
    const response = await download(slots, 'reader-c', 'commitments', big);
    expect(response.status).toBe(200);
    expect(slots.active('reader-c')).toBe(1);
    await waitFor('the unread download to give its slot back', async () => slots.active() === 0, 30_000, 50);
    const rest = await drain(response.body!.getReader());
    expect((rest.error as Error | undefined)?.name).toBe('AbortError');
  });

  it('gives its slot back when the client goes away, after a refusal and after a complete read', async () => {
    const slots = new ExportSlots({ perInstance: 2, perUser: 1 });
    const cancelled = await download(slots, 'reader-d', 'updates', big);
    const reader = cancelled.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(slots.active()).toBe(0);
    await waitFor('the cancelled COPY to end', async () => (await busyBackends()) === 0, 30_000, 100);

    const badFilter = await inExportSlot(
      new Request('http://localhost/reports/updates.csv?status=nonsense'),
      'reader-d',
      () =>
        csvReportResponse(
          'updates',
          new Request('http://localhost/reports/updates.csv?status=nonsense'),
          exportClient,
          { pool },
        ),
      { slots, idleMs: IDLE_MS, log },
    );
    expect(badFilter.status).toBe(400);
    expect(slots.active(), 'a refused report holds no slot while its body goes out').toBe(0);

    const complete = await download(slots, 'reader-d', 'commitments', small);
    const text = await complete.text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(2); // header and the one commitment
    expect(slots.active()).toBe(0);
  });
});

describe('an export that cannot get a database connection', () => {
  it('is answered with the app’s 503 after the pool wait, and gives its slot back', async () => {
    const crowded = createDatabaseClient({ connectionString: testDatabaseUrl(), max: 1, poolWaitMs: 300 });
    const held = await poolOf(crowded).connect();
    try {
      const slots = new ExportSlots({ perInstance: 2, perUser: 2 });
      const req = new Request(`http://localhost/reports/updates.csv?agreement=${small}`, {
        headers: { accept: 'text/csv' },
      });
      const started = Date.now();
      const response = await inExportSlot(
        req,
        'waiting',
        () => csvReportResponse('updates', req, crowded, { pool: poolOf(crowded) }),
        { slots, idleMs: IDLE_MS, log },
      );
      expect(Date.now() - started, 'bounded by the pool wait, not by the held connection').toBeLessThan(
        20_000,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect(await response.json()).toMatchObject({ error: 'database_unavailable' });
      expect(slots.active()).toBe(0);
    } finally {
      held.release();
      await crowded.$disconnect();
    }
  });
});

describe('idleLimited', () => {
  it('does not count the time spent waiting on the source, only the time the reader asks for nothing', async () => {
    let pulls = 0;
    const slow = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          pulls++;
          // Each chunk takes longer than the idle time to come: a slow database is not an idle client.
          await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
          if (pulls > 3) controller.close();
          else controller.enqueue(new Uint8Array([pulls]));
        },
      },
      { highWaterMark: 0 },
    );
    const outcomes: string[] = [];
    const watched = idleLimited(slow, { idleMs: IDLE_MS, onSettled: (outcome) => outcomes.push(outcome) });
    expect(await drain(watched.getReader())).toEqual({ bytes: 3 });
    expect(outcomes).toEqual(['done']);
  });
});
