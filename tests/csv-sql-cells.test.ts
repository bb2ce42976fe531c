// The CSV cells PostgreSQL writes for updates.csv (lib/csv/sql-cells.ts) against the app's own: neutraliseCell
// and the quoting of lib/csv/stream.ts (itself proven equal to csv-stringify), for any text, through a real
// PostgreSQL. A difference would change the bytes of the export and break its round trip through the import.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { textCell } from '../lib/csv/cells.ts';
import { csvFields, plainField, textField } from '../lib/csv/sql-cells.ts';
import { formatCsv } from '../lib/csv/stream.ts';
import { testDatabaseUrl } from './support/db.ts';

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
afterAll(() => pool.end());

/** What the app writes for one text cell (the record without its line break). */
function appCell(value: string | null): string {
  return formatCsv([[textCell(value)]], ['cell'], false).replace(/\r\n$/, '');
}

async function sqlCells(values: (string | null)[]): Promise<string[]> {
  const { rows } = await pool.query<{ cell: string }>(
    `SELECT ${textField('t.v')} AS cell FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY t.i`,
    [values],
  );
  return rows.map((row) => row.cell);
}

// PostgreSQL text cannot hold NUL; everything else goes.
const text = fc
  .oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '\t',
        '\r',
        '\n',
        '"',
        ',',
        "'",
        'a',
        ' ',
        '＝',
        '＋',
        '－',
        '＠',
        'ش',
        '中',
        '🎉',
      ),
    }),
    fc.constantFrom(
      '',
      '=1+1',
      "'quoted",
      '"',
      '""',
      'a,b',
      'line\nbreak',
      'cr\rlf\r\n',
      '\t',
      '-5',
      '@x',
      '＝SUM(A1)',
      'پاکستان, چین',
    ),
  )
  .map((value) => value.replaceAll('\u0000', ''));

describe('textField', () => {
  it('writes what the app writes, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(text, { nil: null }), { minLength: 1, maxLength: 40 }),
        async (values) => {
          expect(await sqlCells(values)).toEqual(values.map(appCell));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('joins fields into a record as the app does', async () => {
    const values = ['=HYPERLINK("http://x","y")', 'plain', null, 'a,b', 'two\nlines'];
    const { rows } = await pool.query<{ record: string }>(
      `SELECT ${csvFields([textField('$1::text'), textField('$2::text'), textField('$3::text'), plainField('$4::int'), textField('$5::text'), textField('$6::text')]).sql} AS record`,
      [values[0], values[1], values[2], 7, values[3], values[4]],
    );
    const expected = formatCsv(
      [
        [
          textCell(values[0]),
          textCell(values[1]),
          textCell(values[2]),
          '7',
          textCell(values[3]),
          textCell(values[4]),
        ],
      ],
      ['a', 'b', 'c', 'd', 'e', 'f'],
      false,
    ).replace(/\r\n$/, '');
    expect(rows[0].record).toBe(expected);
  });
});
