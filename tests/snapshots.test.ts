// Which past days the status.snapshots job keeps (lib/data/snapshots.ts): the thirteen month-ends before today,
// never today itself. That the kept days' rows say what the rules say, and stay so after back-dated writes, is
// proven in tests/as-of-dashboards.test.ts.
import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../lib/domain/dates.ts';
import { SNAPSHOT_MONTHS, snapshotMonthEnds } from '../lib/data/snapshots.ts';

describe('snapshotMonthEnds', () => {
  it('lists the month-ends before today, oldest first', () => {
    const days = snapshotMonthEnds(parseDay('2026-12-03')).map(formatDay);
    expect(days).toHaveLength(SNAPSHOT_MONTHS);
    expect(days[0]).toBe('2025-11-30');
    expect(days.at(-1)).toBe('2026-11-30');
    expect(days).toContain('2026-02-28');
  });

  it('leaves out today when today is a month-end, and handles leap years', () => {
    const days = snapshotMonthEnds(parseDay('2024-03-31')).map(formatDay);
    expect(days.at(-1)).toBe('2024-02-29');
    expect(days).not.toContain('2024-03-31');
    expect(days).toHaveLength(SNAPSHOT_MONTHS);
  });
});
