import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDate, formatPartialDate, isoDate, isoPartialDate } from './date.ts';

// A DATE column as Prisma returns it: midnight UTC.
const day = new Date('2026-11-27T00:00:00.000Z');

describe('date formatting', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // West of Greenwich, UTC midnight is the previous local day; east, it is the same day but later hours.
  for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Karachi', 'Pacific/Kiritimati']) {
    describe(`with the server in ${tz}`, () => {
      beforeEach(() => {
        process.env.TZ = tz;
      });

      it('prints the stored calendar day', () => {
        expect(formatDate(day)).toBe('27 Nov 2026');
        expect(formatDate(new Date('2026-01-01T00:00:00.000Z'))).toBe('1 Jan 2026');
        expect(isoDate(day)).toBe('2026-11-27');
      });

      it('formats by precision', () => {
        expect(formatPartialDate(day, 'day')).toBe('27 Nov 2026');
        expect(formatPartialDate(new Date('2026-01-01T00:00:00.000Z'), 'month')).toBe('Jan 2026');
        expect(formatPartialDate(new Date('2026-01-01T00:00:00.000Z'), 'year')).toBe('2026');
        expect(isoPartialDate(day, 'month')).toBe('2026-11');
        expect(isoPartialDate(day, 'year')).toBe('2026');
      });
    });
  }

  it('says so when the date is unknown, whatever is stored', () => {
    expect(formatPartialDate(null, 'unknown')).toBe('Date unknown');
    expect(formatPartialDate(day, 'unknown')).toBe('Date unknown');
    expect(formatPartialDate(null, 'day')).toBe('Date unknown');
  });
});
