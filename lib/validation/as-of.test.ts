import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/dates.ts';
import { asOfQuery, parseDashboardAsOf } from './as-of.ts';

const today = parseDay('2026-12-02');

describe('parseDashboardAsOf', () => {
  it('reads a past day or today, and nothing as today', () => {
    expect(parseDashboardAsOf({ asOf: '2025-03-01' }, today)).toEqual({
      asOf: parseDay('2025-03-01'),
      notice: null,
      today,
    });
    expect(parseDashboardAsOf({ asOf: '2026-12-02' }, today).asOf).toEqual(today);
    expect(parseDashboardAsOf({}, today)).toEqual({ asOf: null, notice: null, today });
    expect(parseDashboardAsOf({ asOf: '  ' }, today)).toEqual({ asOf: null, notice: null, today });
    expect(parseDashboardAsOf({ asOf: ['2025-03-01', 'x'] }, today).asOf).toEqual(parseDay('2025-03-01'));
  });

  it('shows today with a notice for what is not a day, or a day to come', () => {
    for (const bad of ['garbage', '2025-02-30', '0999-01-01', '2025-3-1']) {
      const parsed = parseDashboardAsOf({ asOf: bad }, today);
      expect(parsed.asOf).toBeNull();
      expect(parsed.notice).toMatch(/is not a day \(YYYY-MM-DD\)/);
    }
    expect(parseDashboardAsOf({ asOf: '2026-12-03' }, today)).toMatchObject({
      asOf: null,
      notice: '2026-12-03 has not come yet, so this shows today’s state.',
    });
  });

  it('keeps the day in links', () => {
    expect(asOfQuery(parseDay('2025-03-01'))).toEqual({ asOf: '2025-03-01' });
    expect(asOfQuery(null)).toEqual({});
  });
});
