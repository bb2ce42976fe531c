// The pieces of a CSV report that need no database: the injection guard and its inverse, RFC 4180 output,
// report URLs, file names, and the previous-status replay against the status rules.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, partialDateCell, restoreCell } from '../lib/csv/cells.ts';
import { COMMITMENT_COLUMNS, UPDATE_COLUMNS } from '../lib/csv/columns.ts';
import { asciiSlug, contentDisposition, reportFilename, unicodeSlug } from '../lib/csv/filename.ts';
import { parseReportParams, reportQueryString } from '../lib/csv/filters.ts';
import { headerProblem, parseImportFile, ImportFileError } from '../lib/csv/import-parse.ts';
import { StatusReplay } from '../lib/csv/previous-status.ts';
import { factFrom, type DatePrecision } from '../lib/domain/dates.ts';
import { csvStream, formatCsv, stringifyCsv } from '../lib/csv/stream.ts';
import {
  currentStatus,
  sortUpdates,
  STATUSES,
  updatesForParty,
  type StatusUpdateLike,
} from '../lib/domain/status.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('the CSV-injection guard', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rreturn', "'\rreturn"],
    ["'quoted", "''quoted"],
    ['＝1+1', "'＝1+1"],
    ['plain', 'plain'],
    ['', ''],
    ['a=b', 'a=b'],
  ])('writes %j as %j', (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
  });

  it('is undone exactly by restoreCell, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => restoreCell(neutraliseCell(text)) === text),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r'), fc.string(), (head, tail) => {
        return (
          restoreCell(neutraliseCell(head + tail)) === head + tail &&
          neutraliseCell(head + tail).startsWith("'")
        );
      }),
    );
  });

  it('writes dates known only to a month or a year in ISO 8601 reduced precision', () => {
    expect(partialDateCell(day('2025-06-14'), 'day')).toBe('2025-06-14');
    expect(partialDateCell(day('2025-06-01'), 'month')).toBe('2025-06');
    expect(partialDateCell(day('2025-01-01'), 'year')).toBe('2025');
    expect(partialDateCell(day('2025-01-01'), 'unknown')).toBe('');
  });
});

describe('RFC 4180 output', () => {
  it('quotes commas, quotes, CR and LF, ends records with CRLF, and parses back to the same cells', () => {
    const rows = [['a,b', 'say "hi"', 'line\nbreak', 'car\rriage', 'both\r\n', 'plain', '']];
    const text = formatCsv(rows, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'], true);
    expect(text).toBe(
      'c1,c2,c3,c4,c5,c6,c7\r\n"a,b","say ""hi""","line\nbreak","car\rriage","both\r\n",plain,\r\n',
    );
    expect(parse(text)).toEqual([['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'], ...rows]);
  });

  it('round-trips any cells through csv-parse', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 3, maxLength: 3 }), { maxLength: 5 }),
        (rows) => {
          const text = formatCsv(rows, ['a', 'b', 'c'], true);
          return JSON.stringify(parse(text, { relax_column_count: true }).slice(1)) === JSON.stringify(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes exactly what csv-stringify writes, for any cells (rows needing no quotes take a shortcut)', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('', ',', '"', '\r', '\n', '\r\n', ' x ', "'=1", 'a,b', 'plain'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        fc.boolean(),
        (rows, header) =>
          formatCsv(rows, ['a', 'b', 'c'], header) === stringifyCsv(rows, ['a', 'b', 'c'], header),
      ),
      { numRuns: 1000 },
    );
  });

  it('streams the header, then each batch, with a BOM only when asked', async () => {
    async function* batches() {
      yield [['1', 'a']];
      yield [['2', 'b']];
    }
    const read = async (stream: ReadableStream<Uint8Array>) =>
      new Uint8Array(await new Response(stream).arrayBuffer());
    const withBom = await read(csvStream(batches(), ['n', 'x'], { bom: true }));
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(withBom)).toBe('n,x\r\n1,a\r\n2,b\r\n');
    const empty = await read(csvStream((async function* () {})(), ['n', 'x']));
    expect(new TextDecoder().decode(empty)).toBe('n,x\r\n');
  });

  it('keeps header names stable (snake_case, unique)', () => {
    for (const columns of [COMMITMENT_COLUMNS, UPDATE_COLUMNS]) {
      expect(new Set(columns).size).toBe(columns.length);
      for (const column of columns) expect(column).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});

describe('report URLs', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('parses the filters and writes them back canonically', () => {
    const parsed = parseReportParams(
      new URLSearchParams(
        'bom=1&asOf=2026-01-31&status=stalled&agreement=3&party=&category=2&from=2025-01-01',
      ),
      now,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.request.bom).toBe(true);
    expect(parsed.request.filters).toMatchObject({ agreement: 3, status: 'stalled', category: 2 });
    expect(parsed.request.filters.party).toBeUndefined();
    expect(reportQueryString(parsed.request)).toBe(
      'agreement=3&status=stalled&category=2&from=2025-01-01&asOf=2026-01-31&bom=1',
    );
  });

  it('refuses malformed filters instead of ignoring them', () => {
    const parsed = parseReportParams(
      new URLSearchParams('status=done&agreement=x&asOf=2026-03-11&from=2025-02-30&bom=yes'),
      now,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['agreement', 'bom', 'from', 'status']);
    const future = parseReportParams(new URLSearchParams('asOf=2026-03-11'), now);
    expect(future).toMatchObject({ ok: false, errors: { asOf: expect.stringMatching(/after today/) } });
    const backwards = parseReportParams(new URLSearchParams('from=2025-02-01&to=2025-01-01'), now);
    expect(backwards).toMatchObject({ ok: false, errors: { to: expect.any(String) } });
  });
});

describe('file names', () => {
  it('name the report, the filters and the day, ASCII-safe with a UTF-8 variant', () => {
    const name = reportFilename(
      'commitments',
      { agreement: 7, status: 'stalled', asOf: day('2025-06-01') },
      { agreement: 'Naqvi–Wang Xiaohong meeting, Beijing 北京' },
      day('2025-06-01'),
    );
    expect(name.ascii).toBe(
      'pactwatch-commitments_agreement-naqvi-wang-xiaohong-meeting-beijing_status-stalled_as-of-2025-06-01.csv',
    );
    expect(name.unicode).toBe(
      'pactwatch-commitments_agreement-naqvi-wang-xiaohong-meeting-beijing-北京_status-stalled_as-of-2025-06-01.csv',
    );
    expect(contentDisposition(name)).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
    );
    expect(asciiSlug('北京')).toBe('');
    expect(unicodeSlug('北京 会谈')).toBe('北京-会谈');
    const chinese = reportFilename('updates', { party: 4 }, { party: '中国' }, day('2026-03-10'));
    expect(chinese.ascii).toBe('pactwatch-updates_party-4_2026-03-10.csv');
    expect(decodeURIComponent(contentDisposition(chinese).split("UTF-8''")[1])).toBe(
      'pactwatch-updates_party-中国_2026-03-10.csv',
    );
  });
});

describe('the import header check', () => {
  it('names missing, unexpected and repeated columns', () => {
    expect(headerProblem([...UPDATE_COLUMNS].reverse())).toBeNull();
    const problem = headerProblem([
      ...UPDATE_COLUMNS.filter((c) => c !== 'reason' && c !== 'title'),
      'notes',
      'status',
    ]);
    expect(problem).toContain('Missing: “reason”, “title”.');
    expect(problem).toContain('Not expected: “notes”.');
    expect(problem).toContain('More than once: “status”.');
  });

  it('refuses files too large, empty, not UTF-8 or not CSV', () => {
    const header = UPDATE_COLUMNS.join(',');
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(() => parseImportFile(bytes(`${header}\r\n`.padEnd(2000, ' ')), 1000)).toThrow(
      /more than the 1000 bytes/,
    );
    expect(() => parseImportFile(bytes(''), 1000)).toThrow(ImportFileError);
    expect(() => parseImportFile(new Uint8Array([0x6f, 0x62, 0x73, 0xe9, 0x0a]), 1000)).toThrow(/not UTF-8/);
    expect(() => parseImportFile(bytes(`${header}\r\n"unclosed,x\r\n`), 10_000)).toThrow(/not valid CSV/);
    expect(() => parseImportFile(bytes(`${header}\r\n`), 10_000)).toThrow(/no rows/);
  });

  it('numbers rows as a spreadsheet does and ignores blank rows', () => {
    const header = UPDATE_COLUMNS.join(',');
    const blank = ','.repeat(UPDATE_COLUMNS.length - 1);
    const text = `\uFEFF${header}\r\n2025-01-01${blank.slice(1)}\r\n\r\n"a\nb"${blank.slice(1)}\r\n${blank}\r\nx\r\n`;
    const parsed = parseImportFile(new TextEncoder().encode(text), 10_000);
    expect(parsed.records.map((record) => record.row)).toEqual([2, 4, 6]);
    expect(parsed.records[1].cells.observed_on).toBe('a\nb');
    expect(parsed.records[2].cellCount).toBe(1);
  });
});

describe('previous status (StatusReplay)', () => {
  const update = fc.record({
    status: fc.constantFrom(...STATUSES),
    observedOn: fc.integer({ min: 0, max: 6 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n))),
    createdAt: fc.integer({ min: 0, max: 3 }).map((n) => new Date(Date.UTC(2025, 5, 1, n))),
    partyId: fc.constantFrom(null, 1, 2),
    precision: fc.constantFrom<DatePrecision>('day', 'day', 'month', 'unknown'),
  });

  it('agrees with the status rules: the scope’s status just before each update', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 25 }), (drawn) => {
        const updates: StatusUpdateLike[] = drawn.map(({ precision, ...u }, id) => ({
          ...u,
          observedFrom: factFrom(u.observedOn, precision),
          id: id + 1,
        }));
        const ordered = sortUpdates(updates);
        const replay = new StatusReplay();
        return ordered.every((u, index) => {
          const before = ordered.slice(0, index);
          const expected =
            u.partyId == null ? currentStatus(before) : currentStatus(updatesForParty(before, u.partyId));
          const previous = replay.previous(u.partyId ?? null);
          replay.record(u.partyId ?? null, u.status);
          return previous === expected;
        });
      }),
      { numRuns: 500 },
    );
  });
});
