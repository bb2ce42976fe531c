// The fast path of the CSV export: the bytes the stream sends (record-by-record UTF-8, records quoted without
// csv-stringify) against csv-stringify's, for any cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvStream, encodeCsv, formatCsv, stringifyCsv } from '../lib/csv/stream.ts';

const cell = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ',',
    '"',
    '\r',
    '\n',
    '\r\n',
    'a,b',
    'Berlin, Muscat',
    ',,',
    'پاکستان, چین',
    '🎉,🤝',
    'plain',
  ),
);

describe('CSV bytes', () => {
  it('are csv-stringify’s text in UTF-8, for any cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 12 }),
        fc.boolean(),
        (rows, header) => {
          const columns = ['a', 'b', 'c', 'd'];
          const expected = stringifyCsv(rows, columns, header);
          return (
            formatCsv(rows, columns, header) === expected &&
            Buffer.concat(encodeCsv(rows, columns, header)).equals(Buffer.from(expected, 'utf8'))
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('come in chunks of whole records, however large the batch', () => {
    const long = 'ü'.repeat(100_000); // 200 KB in UTF-8: a few of them overflow a chunk
    const rows = Array.from({ length: 8 }, (_, i) => [String(i), `${long}, ${i}`]);
    const chunks = encodeCsv(rows, ['n', 'x'], false);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(stringifyCsv(rows, ['n', 'x'], false));
    for (const chunk of chunks) expect(chunk.subarray(-2).toString()).toBe('\r\n');
  });

  it('stream to the same file as formatCsv, BOM first when asked', async () => {
    const batches = [
      [['1', 'a,b']],
      [
        ['2', 'say "hi"'],
        ['3', 'line\nbreak'],
      ],
    ];
    async function* source() {
      yield* batches;
    }
    const bytes = new Uint8Array(
      await new Response(csvStream(source(), ['n', 'x'], { bom: true })).arrayBuffer(),
    );
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      '\uFEFF' + formatCsv(batches.flat(), ['n', 'x'], true),
    );
  });
});
