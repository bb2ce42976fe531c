import { describe, expect, it } from 'vitest';
import {
  addDays,
  describeFactDate,
  factBy,
  factFrom,
  formatFactDate,
  UNDATED_FROM,
  compareDays,
  daysBetween,
  formatDay,
  parseDay,
  parseDayOrNull,
  toDay,
  today,
} from './dates.ts';

describe('calendar days', () => {
  it('parses YYYY-MM-DD to UTC midnight, as Prisma returns @db.Date', () => {
    expect(parseDay('2025-09-03').toISOString()).toBe('2025-09-03T00:00:00.000Z');
    expect(formatDay(parseDay('2024-02-29'))).toBe('2024-02-29');
  });

  it('rejects what is not a real day', () => {
    for (const text of [
      '2025-02-30',
      '2025-13-01',
      '2025-9-3',
      '03/09/2025',
      '',
      '0050-01-01',
      '2025-09-03T00:00',
    ]) {
      expect(parseDayOrNull(text), text).toBeNull();
    }
    expect(() => parseDay('2023-02-29')).toThrow(RangeError);
  });

  it('ignores the time of day when comparing and truncating', () => {
    expect(compareDays(new Date('2025-01-01T23:59:59Z'), parseDay('2025-01-01'))).toBe(0);
    expect(compareDays(parseDay('2025-01-01'), parseDay('2025-01-02'))).toBeLessThan(0);
    expect(toDay(new Date('2025-01-01T23:59:59Z'))).toEqual(parseDay('2025-01-01'));
    expect(today(new Date('2025-06-30T23:30:00Z'))).toEqual(parseDay('2025-06-30'));
  });

  it('counts whole days across months and leap years', () => {
    expect(addDays(parseDay('2024-02-28'), 1)).toEqual(parseDay('2024-02-29'));
    expect(addDays(parseDay('2025-03-01'), -1)).toEqual(parseDay('2025-02-28'));
    expect(daysBetween(parseDay('2024-12-31'), parseDay('2025-03-31'))).toBe(90);
  });
});

describe('fact dates with a precision', () => {
  it('spans a day, a month, a year, or everything up to a "no later than" day', () => {
    const by = (text: string, precision: Parameters<typeof factBy>[1], knownBy?: string) =>
      formatDay(factBy(parseDay(text), precision, knownBy ? parseDay(knownBy) : undefined));
    expect(by('2025-06-14', 'day')).toBe('2025-06-14');
    expect(by('2025-06-01', 'month')).toBe('2025-06-30');
    expect(by('2024-02-10', 'month')).toBe('2024-02-29');
    expect(by('2025-01-01', 'year')).toBe('2025-12-31');
    // A month or year still running is known only up to the day it was reported.
    expect(by('2026-12-01', 'month', '2026-12-02')).toBe('2026-12-02');
    expect(by('2026-01-01', 'year', '2026-12-02')).toBe('2026-12-02');
    expect(by('2025-05-20', 'unknown')).toBe('2025-05-20');

    expect(formatDay(factFrom(parseDay('2025-06-14'), 'day'))).toBe('2025-06-14');
    expect(formatDay(factFrom(parseDay('2025-06-30'), 'month'))).toBe('2025-06-01');
    expect(formatDay(factFrom(parseDay('2026-12-02'), 'year'))).toBe('2026-01-01');
    expect(factFrom(parseDay('2025-05-20'), 'unknown')).toEqual(UNDATED_FROM);
    expect(formatDay(UNDATED_FROM)).toBe('0001-01-01');
  });

  it('says a fact date as people do', () => {
    expect(describeFactDate(parseDay('2025-06-30'), 'month')).toBe('June 2025');
    expect(describeFactDate(parseDay('2025-12-31'), 'year')).toBe('2025');
    expect(describeFactDate(parseDay('2026-12-02'), 'unknown')).toBe('undated, by 2 Dec 2026');
    expect(describeFactDate(parseDay('2025-09-04'), 'day')).toBe('4 Sep 2025');
  });

  it('writes ISO 8601 reduced forms', () => {
    expect(formatFactDate(parseDay('2025-06-30'), 'month')).toBe('2025-06');
    expect(formatFactDate(parseDay('2025-12-31'), 'year')).toBe('2025');
    expect(formatFactDate(parseDay('2025-06-30'), 'day')).toBe('2025-06-30');
  });
});
