// Reading an uploaded file of follow-ups: the checks that refuse the file as a whole, before any row is looked at.
// The file must be UTF-8 text (a BOM is fine), no larger than the configured limit, valid CSV (RFC 4180; CRLF, LF
// or CR line ends), and carry exactly the header of updates.csv (columns in any order; a column appended to the
// report later, such as observed_precision, may be missing, as in a file exported before it existed). The `review`
// column of updates.csv?proposed=1 may be there too: a row marked in it is a proposal waiting for review, not a
// row of the log, and the file is refused until such rows are removed (docs/decisions/018-review.md).
//
// Row numbers are those a spreadsheet shows: the header is row 1, the first record row 2, and a cell holding a
// line break does not add a row. Rows whose cells are all empty (blank lines, trailing ",,,") are ignored.
import { parse } from 'csv-parse/sync';
import { OPTIONAL_UPDATE_COLUMNS, REVIEW_COLUMN, UPDATE_COLUMNS, type UpdateColumn } from './columns.ts';
import { importMaxBytes, tooLargeMessage } from './import-limits.ts';

/** The whole file is refused; the message says why in words the user can act on. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export type ImportRecord = {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Cells by column name, as in the file (neutralised cells not yet restored). */
  cells: Record<UpdateColumn, string>;
  /** Set when the record has a different number of cells than the header. */
  cellCount: number;
};

export type ParsedImport = { columnCount: number; records: ImportRecord[] };

function listNames(names: string[]): string {
  return names.map((name) => (name ? `“${name}”` : 'an unnamed column')).join(', ');
}

/** Compares a header row with updates.csv's; null when it matches (in any order). */
export function headerProblem(header: readonly string[]): string | null {
  const names = header.map((name) => name.trim());
  const expected = new Set<string>([...UPDATE_COLUMNS, REVIEW_COLUMN]);
  const missing = UPDATE_COLUMNS.filter(
    (column) => !names.includes(column) && !OPTIONAL_UPDATE_COLUMNS.includes(column),
  );
  const extra = names.filter((name) => !expected.has(name));
  const repeated = [
    ...new Set(names.filter((name, index) => expected.has(name) && names.indexOf(name) !== index)),
  ];
  if (!missing.length && !extra.length && !repeated.length) return null;
  const parts = ['The columns do not match those of updates.csv.'];
  if (missing.length) parts.push(`Missing: ${listNames(missing)}.`);
  if (extra.length) parts.push(`Not expected: ${listNames(extra)}.`);
  if (repeated.length) parts.push(`More than once: ${listNames(repeated)}.`);
  parts.push('Start from a downloaded updates.csv and keep its header row.');
  return parts.join(' ');
}

/** Decodes and parses the file; throws ImportFileError when it cannot be imported at all. */
export function parseImportFile(bytes: Uint8Array, maxBytes = importMaxBytes()): ParsedImport {
  if (bytes.byteLength > maxBytes) {
    throw new ImportFileError(tooLargeMessage(bytes.byteLength, maxBytes));
  }
  if (bytes.byteLength === 0) throw new ImportFileError('The file is empty.');

  let text: string;
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD, which would corrupt titles.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and try again.',
    );
  }
  if (text.includes('\u0000')) {
    throw new ImportFileError(
      'The file is not a CSV text file (is it a spreadsheet workbook?). Save it as CSV.',
    );
  }

  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(`The file is not valid CSV: ${detail}`);
  }

  const [header, ...body] = rows;
  if (!header) throw new ImportFileError('The file is empty.');
  const problem = headerProblem(header);
  if (problem) throw new ImportFileError(problem);

  const positions = header.map((name) => name.trim() as UpdateColumn);
  const records: ImportRecord[] = [];
  const proposals: number[] = [];
  body.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const byColumn = Object.fromEntries(UPDATE_COLUMNS.map((column) => [column, ''])) as Record<
      UpdateColumn,
      string
    >;
    positions.forEach((column, position) => {
      if ((column as string) === REVIEW_COLUMN) {
        if ((cells[position] ?? '').trim()) proposals.push(index + 2);
      } else byColumn[column] = cells[position] ?? '';
    });
    records.push({ row: index + 2, cells: byColumn, cellCount: cells.length });
  });
  if (proposals.length) {
    const rows = proposals.length > 10 ? `${proposals.slice(0, 10).join(', ')}, …` : proposals.join(', ');
    throw new ImportFileError(
      `${proposals.length === 1 ? `Row ${rows} is a proposed update` : `Rows ${rows} are proposed updates`} ` +
        'waiting for review (the “review” column), not rows of the log: delete them, or download updates.csv ' +
        'without proposed=1.',
    );
  }
  if (!records.length) throw new ImportFileError('The file has a header row but no rows to import.');
  return { columnCount: header.length, records };
}
