import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './dates.ts';
import {
  addMonths,
  isOccurrenceEvidence,
  occurrences,
  period,
  recurrenceOf,
  recurrenceOverdue,
} from './recurrence.ts';

const d = parseDay;
const quarterly = { months: 3, startsOn: d('2025-01-31') };

describe('recurrence periods', () => {
  it('counts months from the first day, clamping to the month end', () => {
    expect(formatDay(addMonths(d('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatDay(addMonths(d('2025-01-31'), 2))).toBe('2025-03-31');
    expect(formatDay(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonths(d('2025-11-15'), 3))).toBe('2026-02-15');
  });

  it('makes back-to-back periods', () => {
    const p0 = period(quarterly, 0);
    const p1 = period(quarterly, 1);
    expect([formatDay(p0.from), formatDay(p0.to)]).toEqual(['2025-01-31', '2025-04-29']);
    expect(formatDay(p1.from)).toBe('2025-04-30');
  });

  it('needs both columns for a rule', () => {
    expect(recurrenceOf({ recurrenceMonths: 3, recurrenceStartsOn: null })).toBeNull();
    expect(recurrenceOf({ recurrenceMonths: null, recurrenceStartsOn: d('2025-01-01') })).toBeNull();
    expect(recurrenceOf({ recurrenceMonths: 12, recurrenceStartsOn: d('2025-01-01') })).toEqual({
      months: 12,
      startsOn: d('2025-01-01'),
    });
  });
});

describe('occurrences', () => {
  const rule = { months: 3, startsOn: d('2025-01-01') };

  it('marks each begun period held, missed or due', () => {
    const series = occurrences(rule, [d('2025-02-10'), d('2025-08-01')], d('2025-10-15'));
    expect(series.occurrences.map((o) => o.state)).toEqual(['held', 'missed', 'held', 'due']);
    expect(series.occurrences[0].evidencedOn.map(formatDay)).toEqual(['2025-02-10']);
  });

  it('lists nothing before the rule starts', () => {
    expect(occurrences(rule, [], d('2024-12-31')).occurrences).toEqual([]);
  });

  it('is overdue when the latest ended period passed without evidence', () => {
    expect(recurrenceOverdue(rule, [d('2025-02-10')], d('2025-07-01'))).toBe(true);
    expect(recurrenceOverdue(rule, [d('2025-02-10'), d('2025-05-01')], d('2025-07-01'))).toBe(false);
    // An older miss is history: the last ended period was held.
    expect(recurrenceOverdue(rule, [d('2025-05-01')], d('2025-07-01'))).toBe(false);
    // While the first period runs nothing has ended yet.
    expect(recurrenceOverdue(rule, [], d('2025-03-31'))).toBe(false);
    expect(recurrenceOverdue(rule, [], d('2025-04-01'))).toBe(true);
  });

  it('summarises periods beyond the listing cap', () => {
    const monthly = { months: 1, startsOn: d('2000-01-01') };
    const series = occurrences(monthly, [d('2000-01-05')], d('2025-01-15'));
    expect(series.occurrences).toHaveLength(120);
    expect(series.earlierHeld).toBe(1);
    expect(series.earlierHeld + series.earlierMissed + series.occurrences.length).toBe(301);
  });
});

describe('occurrence evidence', () => {
  const row = {
    kind: 'assessment' as const,
    withdrawnAt: null,
    status: 'fulfilled',
    evidenceType: 'concrete_action' as const,
  };
  it('needs a concrete action that says it happened, not withdrawn, not context', () => {
    expect(isOccurrenceEvidence(row)).toBe(true);
    expect(isOccurrenceEvidence({ ...row, kind: 'corroboration' })).toBe(true);
    expect(isOccurrenceEvidence({ ...row, kind: 'context' })).toBe(false);
    expect(isOccurrenceEvidence({ ...row, withdrawnAt: new Date() })).toBe(false);
    expect(isOccurrenceEvidence({ ...row, evidenceType: 'announcement' })).toBe(false);
    expect(isOccurrenceEvidence({ ...row, status: 'stalled' })).toBe(false);
  });
});
