// updates.csv written by PostgreSQL itself: `COPY (SELECT …) TO STDOUT WITH CSV`, streamed to the client.
//
// The report read row by row in the app (./updates-report.ts) spends most of its time turning each cell from the
// wire into a JavaScript string and back into UTF-8 (about 26,000 rows/s at a million rows, and hundreds of MB of
// short-lived strings). Here PostgreSQL writes the file's bytes and the app passes them on: it adds the header
// and the byte order mark, and turns each record's LF into CRLF (RFC 4180). The same rules, in SQL:
//
// - previous status (./previous-status.ts): for an update on the whole commitment, the status of the latest
//   counting update before it on that commitment; for one assessing a party, the status of the latest earlier
//   counting update on the whole commitment or on that party; no_evidence before any. Only counting rows
//   (countingUpdate in lib/data/sql.ts) set it; the others get it too; rows before `from` or filtered out by
//   status or party still count. Without `to` it is read from StatusUpdate.previousStatus, which refreshStatusCache
//   keeps in each write transaction (previousStatusRefresh in lib/data/status-cache.ts), so the full export is a
//   plain join; as of a day (`to`), rows after it must not count, so it is replayed by window functions over each
//   commitment's log in the report's order (observedFrom, observedOn, createdAt, id).
// - cells (./cells.ts): a text starting with = + - @ tab CR ＝ ＋ － ＠ or ' is prefixed with ', and an empty text is
//   written as NULL so that COPY leaves the field empty rather than writing "". COPY quotes a field holding a
//   comma, double quote, CR or LF and doubles its quotes, as csv-stringify does.
//
// tests/csv-export.test.ts checks that this file is byte for byte the file ./updates-report.ts writes.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Prisma } from '../generated/prisma/client.ts';
import { FORMULA_TRIGGERS } from './cells.ts';
import type { ReportFilters } from './filters.ts';
import {
  and,
  commitmentScope,
  day,
  inPartyTree,
  oldestFirst,
  partyTree,
  withPartyTree,
} from '../data/sql.ts';
import { previousStatusReplay } from '../data/status-cache.ts';
import { lastDay, UPDATE_JOINS } from './updates-report.ts';

/** neutraliseCell's trigger characters as SQL literals (tab and CR as escapes, a quote doubled). */
const TRIGGERS = Prisma.raw(
  FORMULA_TRIGGERS.map((char) =>
    char === '\t' ? "E'\\t'" : char === '\r' ? "E'\\r'" : `'${char.replaceAll("'", "''")}'`,
  ).join(', '),
);

/** textCell in SQL: neutralised, and NULL for an empty text (COPY writes NULL as an empty field). */
function text(column: string): Prisma.Sql {
  const value = Prisma.raw(column);
  return Prisma.sql`NULLIF(CASE WHEN left(${value}, 1) IN (${TRIGGERS}) THEN '''' || ${value} ELSE ${value} END, '')`;
}

/**
 * The SELECT whose CSV is the body of updates.csv (after the header). A previous status is the last earlier
 * counting update's: found by position (zero-padded, so that text order is number order) with the status written
 * after it, the greatest of those before the row. A party's is the newer of the last whole-commitment one and the
 * party's own last one.
 */
export function updatesCopySelect(filters: ReportFilters, now?: Date): Prisma.Sql {
  const conditions = commitmentScope(filters, { dueWindow: false });
  conditions.push(Prisma.sql`su."observedOn" <= ${day(lastDay(filters, now))}`);
  const shown: Prisma.Sql[] = [];
  if (filters.from) shown.push(Prisma.sql`su."observedOn" >= ${day(filters.from)}`);
  if (filters.status) shown.push(Prisma.sql`su.status = ${filters.status}::"CommitmentStatus"`);
  if (filters.party !== undefined) {
    shown.push(Prisma.sql`(su."partyId" IS NULL OR ${inPartyTree(Prisma.sql`su."partyId"`)})`);
  }
  if (!filters.to) {
    // Every row of each commitment up to today is in the window (no fact date lies ahead of today), so the cached
    // previous status (StatusUpdate.previousStatus, kept by refreshStatusCache over each whole history) is the
    // replay's answer: no window functions, the report is a join.
    const report = reportSelect(Prisma.sql`su."previousStatus"::text`, Prisma.sql`"StatusUpdate" su`, [
      ...conditions,
      ...shown,
    ]);
    return Prisma.sql`${withPartyTree(filters.party)} ${report}`;
  }
  return Prisma.sql`
    WITH RECURSIVE ${filters.party !== undefined ? Prisma.sql`${partyTree(filters.party)},` : Prisma.empty}
    ${previousStatusReplay(Prisma.sql`"StatusUpdate" su JOIN "Commitment" c ON c.id = su."commitmentId"`, and(conditions))}
    ${reportSelect(
      Prisma.sql`r.previous`,
      Prisma.sql`replayed r JOIN "StatusUpdate" su ON su.id = r.id`,
      shown,
    )}`;
}

/** The report's columns, each row's previous status from `previous`, over the rows `from` and `where` give. */
function reportSelect(previous: Prisma.Sql, from: Prisma.Sql, where: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(su."observedOn", 'YYYY-MM-DD'),
           to_char(su."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           ${text('u.name')}, ${text('a.title')}, ${text('c.title')}, ${text('p.name')},
           su.status::text, ${previous},
           ${text('su.reason')}, ${text('e.url')}, ${text('o.name')},
           e.reliability::text, e.credibility::int, e.type::text,
           ${text('e.language')}, ${text('e.title')}, ${text('e."originalTitle"')},
           su."observedPrecision"::text,
           su.kind::text, su."evidenceType"::text,
           CASE WHEN su."adoptsProposal" THEN 'true' ELSE 'false' END,
           to_char(su."withdrawnAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           ${text('wu.name')}, ${text('su."withdrawnReason"')}, corr.id
      FROM ${from}
      ${UPDATE_JOINS}
     WHERE ${and(where)}
     ORDER BY ${oldestFirst('su')}`;
}

/**
 * The SELECT with its parameters written in: COPY takes no bind parameters. The values are the report's own
 * (days it formatted, ids and a status the filters validated), written as quoted literals all the same.
 */
export function inlineParameters(query: Prisma.Sql, escapeLiteral: (value: string) => string): string {
  return query.text.replace(/\$(\d+)/g, (_, index: string) => {
    const value: unknown = query.values[Number(index) - 1];
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    if (typeof value === 'string') return escapeLiteral(value);
    throw new Error(`updates.csv: unexpected parameter ${index} (${typeof value})`);
  });
}

/**
 * LF → CRLF at the end of each record (outside quotes; a quoted field keeps its line breaks as they are, as
 * csv-stringify does). Quotes toggle the state, so a doubled quote inside a field leaves it as it was.
 */
function crlfRecords(): (chunk: Uint8Array) => Uint8Array {
  let quoted = false;
  return (chunk) => {
    const quotedAtStart = quoted;
    let breaks = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) breaks++;
    }
    if (!breaks) return chunk;
    const out = new Uint8Array(chunk.length + breaks);
    let inside = quotedAtStart;
    let to = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) inside = !inside;
      else if (byte === 0x0a && !inside) out[to++] = 0x0d;
      out[to++] = byte;
    }
    return out;
  };
}

/**
 * The rows of updates.csv as CSV bytes (no header), streamed from PostgreSQL: pulled as the client reads, on a
 * connection of the pool held for the copy. A client that goes away ends the copy and drops that connection.
 */
export async function updatesCopyStream(
  pool: pg.Pool,
  filters: ReportFilters,
  now?: Date,
): Promise<ReadableStream<Uint8Array>> {
  const connection = await pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    connection.release(error);
  };
  try {
    const sql = inlineParameters(updatesCopySelect(filters, now), (value) => connection.escapeLiteral(value));
    const copy = connection.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
    const toCrlf = crlfRecords();
    const chunks = copy[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // The first bytes (or the failure of the query) before the response is sent: a bad query is a 500, not a
    // cut-off file.
    const first = await chunks.next();
    return new ReadableStream<Uint8Array>(
      {
        start(controller) {
          if (first.done) {
            release();
            controller.close();
          } else controller.enqueue(toCrlf(first.value));
        },
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) {
              release();
              controller.close();
            } else controller.enqueue(toCrlf(next.value));
          } catch (error) {
            release(error instanceof Error ? error : new Error(String(error)));
            controller.error(error);
          }
        },
        cancel() {
          copy.destroy();
          release(new Error('the client stopped reading updates.csv'));
        },
      },
      { highWaterMark: 0 },
    );
  } catch (error) {
    release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
