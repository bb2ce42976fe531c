// Rows to bytes: a web ReadableStream of RFC 4180 CSV, fed batch by batch from an async source.
//
// csv-stringify does the quoting (fields with a comma, quote, CR or LF are quoted, quotes doubled; records end with
// CRLF as RFC 4180 says). The stream is pull-based: a batch is read from the database only when the consumer has
// taken the previous one, and one batch is prefetched while the current one is being encoded, so memory holds at
// most two batches whatever the size of the report, and a slow or vanished client stops the queries.
import { stringify } from 'csv-stringify/sync';

export type CsvRow = string[];

/** The UTF-8 byte order mark, which Excel needs to recognise a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

const STRINGIFY_OPTIONS = {
  record_delimiter: '\r\n',
  // Quote fields holding a bare LF or CR too, not only the CRLF record delimiter: spreadsheets split on either.
  quote_record_delimiter: true,
} as const;

/** A cell RFC 4180 says must be quoted: it holds the delimiter, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The CSV text of some rows; with `header`, the header row first. Cells must already be strings.
 *
 * csv-stringify writes every row that needs quoting. A row none of whose cells does is, by RFC 4180 and in
 * csv-stringify's output alike, its cells joined by commas: that row is joined here directly, which is several
 * times cheaper per row and matters at a million rows (the output is byte-identical to csv-stringify's for any
 * input; tests/csv-format.test.ts checks that on random cells).
 */
export function formatCsv(rows: readonly CsvRow[], columns: readonly string[], header: boolean): string {
  let text = header ? stringify([], { ...STRINGIFY_OPTIONS, header: true, columns: [...columns] }) : '';
  let quoted: CsvRow[] = [];
  for (const row of rows) {
    if (row.some((cell) => NEEDS_QUOTES.test(cell))) {
      quoted.push(row);
      continue;
    }
    if (quoted.length) {
      text += stringify(quoted, STRINGIFY_OPTIONS);
      quoted = [];
    }
    text += `${row.join(',')}\r\n`;
  }
  if (quoted.length) text += stringify(quoted, STRINGIFY_OPTIONS);
  return text;
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
  const encoder = new TextEncoder();
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
          if (!headerSent) controller.enqueue(encoder.encode(start(columns, options.bom)));
          controller.close();
          return;
        }
        // Start reading the next batch while this one is encoded and sent.
        prefetched = iterator.next();
        prefetched.catch(() => {}); // reported when awaited; never an unhandled rejection
        const text = formatCsv(result.value, columns, false);
        controller.enqueue(encoder.encode(headerSent ? text : start(columns, options.bom) + text));
        headerSent = true;
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Pull only when the consumer asks: nothing is read ahead of a client that is not reading.
    { highWaterMark: 0 },
  );
}

function start(columns: readonly string[], bom = false): string {
  return (bom ? UTF8_BOM : '') + formatCsv([], columns, true);
}
