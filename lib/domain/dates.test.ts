import { describe, expect, it } from 'vitest';
import {
  addDays,
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
