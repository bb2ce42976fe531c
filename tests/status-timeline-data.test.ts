// The status timeline chart's line must say what statusAsOf says on every day: only rows that count for status move
// it, and each from the day its fact surely held by (a month's last day, an undated fact's "no later than" day).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chartUpdate,
  dayToTime,
  fromTimelineWire,
  packNumbers,
  statusChanges,
  timelineSeries,
  toTimelineWire,
  type TimelineSourceEntry,
  unpackNumbers,
} from '../components/charts/status-timeline-data.ts';
import { addDays, factBy, factFrom, formatDay, parseDay, type DatePrecision } from '../lib/domain/dates.ts';
import { sortUpdates, STATUSES, statusAsOf, type UpdateKind } from '../lib/domain/status.ts';

type Row = TimelineSourceEntry & { observedFrom: Date; createdAt: Date };

let nextId = 1;
function row(
  status: Row['status'],
  day: string,
  precision: DatePrecision = 'day',
  changes: Partial<Row> = {},
): Row {
  const observedOn = factBy(parseDay(day), precision);
  return {
    id: nextId++,
    status,
    observedOn,
    observedFrom: factFrom(observedOn, precision),
    observedPrecision: precision,
    createdAt: new Date('2025-08-01T00:00:00Z'),
    kind: 'assessment',
    withdrawnAt: null,
    evidenceType: null,
    reason: null,
    party: null,
    evidence: null,
    ...changes,
  };
}

/** The line's status on `day`: the last step on or before it. */
function lineOn(steps: { t: number; status: string }[], day: Date): string {
  return steps.filter((step) => step.t <= day.getTime()).at(-1)?.status ?? 'no_evidence';
}

describe('status timeline line', () => {
  it('draws a month-precision fact from its last day, and lets a day in that month decide', () => {
    // "June 2025: in progress" and "14 June 2025: stalled": on 14 June only the day is known to have held; on
    // 30 June both have, and the day (the more precise news) wins. The month never shows.
    const rows = sortUpdates([row('in_progress', '2025-06-10', 'month'), row('stalled', '2025-06-14')]);
    expect(statusChanges(rows.map(chartUpdate))).toEqual([{ day: '2025-06-14', status: 'stalled' }]);
    const { steps } = timelineSeries(rows.map(chartUpdate), '2025-06-01', '2025-07-10');
    expect(steps.map((step) => [formatDay(new Date(step.t)), step.status])).toEqual([
      ['2025-06-01', 'no_evidence'],
      ['2025-06-14', 'stalled'],
      ['2025-07-10', 'stalled'],
    ]);
  });

  it('is moved only by assessments that were not withdrawn', () => {
    const rows = sortUpdates([
      row('in_progress', '2025-06-01'),
      row('fulfilled', '2025-06-05', 'day', { withdrawnAt: new Date('2025-06-06T00:00:00Z') }),
      row('broken', '2025-06-07', 'day', { kind: 'context' }),
      row('stalled', '2025-06-09', 'day', { kind: 'corroboration' }),
    ]);
    const chart = rows.map(chartUpdate);
    expect(statusChanges(chart)).toEqual([{ day: '2025-06-01', status: 'in_progress' }]);
    // Every row is still a point, marked as what it is, and survives the trip to the client.
    const span = { from: chart[0].day, to: chart.at(-1)!.day };
    expect(fromTimelineWire(toTimelineWire(chart, span, new Set(chart.map((update) => update.id))))).toEqual(
      chart,
    );
    // Rows the page does not list travel without their title and reason, and say so.
    const lean = fromTimelineWire(toTimelineWire(chart, span, new Set([chart[0].id])));
    expect(lean[0]).toEqual(chart[0]);
    expect(lean.slice(1).map((update) => [update.detailed, update.reason])).toEqual([
      [false, null],
      [false, null],
      [false, null],
    ]);
    expect(chart.map((update) => [update.kind, update.withdrawn])).toEqual([
      ['assessment', false],
      ['assessment', true],
      ['context', false],
      ['corroboration', false],
    ]);
  });

  it('shows the evidence type as it bears on this commitment', () => {
    const evidence = {
      title: 'Item',
      outlet: { name: 'Outlet' },
      reliability: 'B' as const,
      credibility: 2,
      type: 'announcement' as const,
    };
    const update = chartUpdate(
      row('in_progress', '2025-06-01', 'day', { evidence, evidenceType: 'contradiction' }),
    );
    expect(update.evidence?.type).toBe('contradiction');
  });

  it('says what statusAsOf says on every day, for random histories', () => {
    const arbitraryRow = fc.record({
      status: fc.constantFrom(...STATUSES.filter((status) => status !== 'no_evidence')),
      day: fc.integer({ min: 0, max: 70 }),
      precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year', 'unknown'),
      kind: fc.constantFrom<UpdateKind>('assessment', 'assessment', 'assessment', 'corroboration', 'context'),
      withdrawn: fc.constantFrom(false, false, false, true),
      logged: fc.integer({ min: 0, max: 3 }),
    });
    const base = parseDay('2025-05-20');
    fc.assert(
      fc.property(fc.array(arbitraryRow, { maxLength: 12 }), (specs) => {
        const rows = sortUpdates(
          specs.map((spec) =>
            row(spec.status, formatDay(addDays(base, spec.day)), spec.precision, {
              kind: spec.kind,
              withdrawnAt: spec.withdrawn ? new Date('2025-09-01T00:00:00Z') : null,
              createdAt: new Date(Date.UTC(2025, 7, 1, spec.logged)),
            }),
          ),
        );
        const from = '2025-01-01';
        const to = '2026-01-31';
        const { steps } = timelineSeries(rows.map(chartUpdate), from, to);
        // Steps never go back in time.
        for (let i = 1; i < steps.length; i++) expect(steps[i].t).toBeGreaterThanOrEqual(steps[i - 1].t);
        for (let day = parseDay(from); day.getTime() <= dayToTime(to); day = addDays(day, 1)) {
          expect([formatDay(day), lineOn(steps, day)]).toEqual([formatDay(day), statusAsOf(rows, day)]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the chart data as sent', () => {
  it('packs any integers into a string and reads them back', () => {
    expect(packNumbers([0, -1, 1, 15, 16, 511, 512, -512])).toBe('012UW1-VWW1_V');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 })), (values) => {
        const packed = packNumbers(values);
        expect(packed).toMatch(/^[0-9A-Za-z_-]*$/);
        expect(unpackNumbers(packed)).toEqual(values);
      }),
    );
  });

  it('takes one character for a number below 16 in size and two below 512', () => {
    expect(packNumbers([15, -16]).length).toBe(2);
    expect(packNumbers([16, 511, -512]).length).toBe(6);
    expect(packNumbers([512]).length).toBe(3);
  });
});
