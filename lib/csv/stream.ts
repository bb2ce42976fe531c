// Rows to bytes: a web ReadableStream of RFC 4180 CSV, fed batch by batch from an async source.
//
// csv-stringify does the quoting (fields with a comma, quote, CR or LF are quoted, quotes doubled; records end with
// CRLF as RFC 4180 says). The stream is pull-based: a batch is read from the database only when the consumer has
// taken the previous one, and one batch is prefetched while the current one is being encoded, so memory holds at
// most two batches whatever the size of the report, and a slow or vanished client stops the queries.
import { stringify } from 'csv-stringify/sync';

export type CsvRow = string[];

/** The UTF-8 byte order mark, which Excel needs to recognise a CSV file as UTF-8. */
const UTF8_BOM = '\uFEFF';

const STRINGIFY_OPTIONS = {
  record_delimiter: '\r\n',
  // Quote fields holding a bare LF or CR too, not only the CRLF record delimiter: spreadsheets split on either.
  quote_record_delimiter: true,
} as const;

/** A cell RFC 4180 says must be quoted: it holds the delimiter, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;
/** A quoted cell whose quotes must be doubled or whose line breaks must be kept: left to csv-stringify. */
const NEEDS_ESCAPING = /["\r\n]/;

/**
 * A record none of whose cells needs more than quotes around it, as csv-stringify writes it: cells joined by
 * commas, a cell holding a comma (and no quote, CR or LF) in double quotes. Null for any other record.
 */
function plainRecord(row: CsvRow): string | null {
  let record = '';
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (i > 0) record += ',';
    if (!NEEDS_QUOTES.test(cell)) record += cell;
    else if (NEEDS_ESCAPING.test(cell)) return null;
    else record += `"${cell}"`;
  }
  return record;
}

/**
 * The CSV text of some rows, in pieces of whole records; with `header`, the header row first. Cells must already
 * be strings.
 *
 * csv-stringify writes every record with a cell whose quotes must be doubled or that holds a line break. Any
 * other record is, by RFC 4180 and in csv-stringify's output alike, its cells joined by commas, those holding a
 * comma in double quotes: that record is written here directly (plainRecord), several times cheaper per row,
 * which matters at a million rows (agreement titles such as "…, Berlin" hold commas, so most rows need quotes).
 * The output is byte-identical to csv-stringify's for any input: tests/csv-format.test.ts and
 * tests/csv-stream.test.ts check that on random cells.
 */
function csvPieces(rows: readonly CsvRow[], columns: readonly string[], header: boolean): string[] {
  const pieces = header ? [stringify([], { ...STRINGIFY_OPTIONS, header: true, columns: [...columns] })] : [];
  let escaped: CsvRow[] = [];
  for (const row of rows) {
    const record = plainRecord(row);
    if (record === null) {
      escaped.push(row);
      continue;
    }
    if (escaped.length) {
      pieces.push(stringify(escaped, STRINGIFY_OPTIONS));
      escaped = [];
    }
    pieces.push(`${record}\r\n`);
  }
  if (escaped.length) pieces.push(stringify(escaped, STRINGIFY_OPTIONS));
  return pieces;
}

/** The CSV text of some rows; with `header`, the header row first. Cells must already be strings. */
export function formatCsv(rows: readonly CsvRow[], columns: readonly string[], header: boolean): string {
  return csvPieces(rows, columns, header).join('');
}

/** Size of the byte chunks the stream hands out. */
const CHUNK_BYTES = 256 * 1024;

/**
 * formatCsv's text in UTF-8, as chunks of about CHUNK_BYTES. Each record is encoded into the chunk on its own:
 * V8 flattens and encodes many small strings far faster than one string of a whole batch (megabytes, often
 * two-byte for the scripts in titles), which cost more than everything else the export does per row.
 */
export function encodeCsv(rows: readonly CsvRow[], columns: readonly string[], header: boolean): Buffer[] {
  const chunks: Buffer[] = [];
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const piece of csvPieces(rows, columns, header)) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: a piece that might not fit starts a new chunk.
    const most = piece.length * 3;
    if (used + most > chunk.length) {
      if (used) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      used = 0;
    }
    used += chunk.write(piece, used, 'utf8');
  }
  if (used) chunks.push(chunk.subarray(0, used));
  return chunks;
}

/** csv-stringify alone, for checking formatCsv against it. */
export function stringifyCsv(rows: readonly CsvRow[], columns: readonly string[], header: boolean): string {
  return stringify(rows as CsvRow[], { ...STRINGIFY_OPTIONS, header, columns: [...columns] });
}

/**
 * A stream of the CSV file: header row, then every batch the source yields. With `bom`, the file starts with the
 * UTF-8 byte order mark. An error from the source after the first bytes aborts the stream (the client sees a
 * broken download rather than a file that looks complete).
 */
export function csvStream(
  source: AsyncIterable<readonly CsvRow[]>,
  columns: readonly string[],
  options: { bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let headerSent = false;
  let prefetched: Promise<IteratorResult<readonly CsvRow[]>> | null = null;

  const next = () => {
    const pending = prefetched ?? iterator.next();
    prefetched = null;
    return pending;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const result = await next();
        if (result.done) {
          if (!headerSent) controller.enqueue(csvHeader(columns, options.bom));
          controller.close();
          return;
        }
        // Start reading the next batch while this one is encoded and sent.
        prefetched = iterator.next();
        prefetched.catch(() => {}); // reported when awaited; never an unhandled rejection
        if (!headerSent) controller.enqueue(csvHeader(columns, options.bom));
        headerSent = true;
        for (const chunk of encodeCsv(result.value, columns, false)) controller.enqueue(chunk);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Pull only when the consumer asks: nothing is read ahead of a client that is not reading.
    { highWaterMark: 0 },
  );
}

/** The first bytes of the file: the byte order mark if asked for, and the header row. */
export function csvHeader(columns: readonly string[], bom = false): Buffer {
  return Buffer.from((bom ? UTF8_BOM : '') + formatCsv([], columns, true), 'utf8');
}

/** A stream of `first`, then everything `rest` gives (read only as the consumer asks). */
export function prepended(first: Uint8Array, rest: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = rest.getReader();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(first);
      },
      async pull(controller) {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** How a stream watched by idleLimited ended. */
export type StreamOutcome = 'done' | 'failed' | 'cancelled' | 'idle';

/**
 * `source`, aborted when its consumer asks for nothing for `idleMs`: a client that stops reading a download (its
 * socket's buffers full, the server's writes blocked) would otherwise keep the source, and whatever the source
 * holds (a database connection for the copy of updates.csv, an export slot), for as long as it likes. Time spent
 * waiting on the source does not count; only time during which the consumer has not asked for the next chunk.
 * On idleness the source is cancelled (releasing what it holds) and the stream errors with an AbortError, which
 * cuts the response off rather than ending it like a complete file. `onSettled` is called once, however it ends.
 */
export function idleLimited(
  source: ReadableStream<Uint8Array>,
  options: { idleMs: number; onSettled?: (outcome: StreamOutcome) => void },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;
  const settle = (outcome: StreamOutcome) => {
    clearTimeout(timer);
    if (settled) return;
    settled = true;
    options.onSettled?.(outcome);
  };
  const watch = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (settled) return;
      const reason = new DOMException(
        `the client read nothing for ${options.idleMs} ms; the download was aborted`,
        // Next treats an AbortError as the end of a response, not as an error of the app to log.
        'AbortError',
      );
      controller.error(reason);
      reader.cancel(reason).catch(() => {});
      settle('idle');
    }, options.idleMs);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The headers are out: a client that never reads the body at all is idle too.
        watch(controller);
      },
      async pull(controller) {
        clearTimeout(timer);
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          settle('failed');
          throw error;
        }
        if (settled) return;
        if (next.done) {
          controller.close();
          settle('done');
        } else {
          controller.enqueue(next.value);
          watch(controller);
        }
      },
      cancel(reason) {
        settle('cancelled');
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
