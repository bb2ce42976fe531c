import { describe, expect, it } from 'vitest';
import {
  adoptedBy,
  complianceAsOf,
  complianceFromTotals,
  complianceOf,
  countsInCompliance,
  monthEnds,
  type AdoptionLike,
} from './compliance.ts';
import { parseDay } from './dates.ts';

describe('complianceOf', () => {
  it('scores fulfilled +1, in progress and partial 0, not started, stalled and broken -1', () => {
    expect(complianceOf(['fulfilled', 'in_progress', 'partially_fulfilled', 'not_started']).total).toBe(0);
    expect(complianceOf(['stalled', 'broken']).total).toBe(-2);
  });

  it('leaves commitments with no evidence out of the score', () => {
    const result = complianceOf(['fulfilled', 'no_evidence', 'no_evidence']);
    expect(result).toEqual({ scored: 1, total: 1, average: 1, percent: 100 });
  });

  it('shows the average as a G20-style percentage', () => {
    expect(complianceOf(['fulfilled', 'in_progress']).percent).toBe(75);
    expect(complianceOf(['broken', 'broken']).percent).toBe(0);
    expect(complianceOf(['fulfilled', 'broken', 'in_progress']).percent).toBe(50);
    expect(complianceOf(['fulfilled', 'fulfilled', 'not_started']).percent).toBe(66.7);
  });

  it('has no percentage when nothing is scored', () => {
    expect(complianceOf([])).toEqual({ scored: 0, total: 0, average: null, percent: null });
    expect(complianceOf(['no_evidence']).percent).toBeNull();
  });

  it('agrees with the totals computed in SQL', () => {
    expect(complianceFromTotals(3, 1)).toEqual(complianceOf(['fulfilled', 'fulfilled', 'broken']));
  });
});

function update(day: string, extra: Partial<AdoptionLike> = {}): AdoptionLike {
  return {
    id: Math.floor(Math.random() * 1e9),
    status: 'in_progress',
    observedOn: parseDay(day),
    observedFrom: parseDay(day),
    createdAt: new Date(`${day}T12:00:00Z`),
    ...extra,
  };
}

describe('proposals in compliance', () => {
  const adoption = update('2025-05-01', { adoptsProposal: true, status: 'fulfilled' });

  it('count from the fact date of a counting adoption on', () => {
    expect(adoptedBy([adoption], parseDay('2025-04-30'))).toBe(false);
    expect(adoptedBy([adoption], parseDay('2025-05-01'))).toBe(true);
    expect(countsInCompliance({ strength: 'proposal' }, [adoption], parseDay('2025-04-30'))).toBe(false);
    expect(countsInCompliance({ strength: 'proposal' }, [adoption], parseDay('2025-06-01'))).toBe(true);
  });

  it('are not adopted by a withdrawn row, a corroboration or a context row', () => {
    const day = parseDay('2025-12-31');
    expect(adoptedBy([{ ...adoption, withdrawnAt: new Date() }], day)).toBe(false);
    expect(adoptedBy([{ ...adoption, kind: 'corroboration' }], day)).toBe(false);
    expect(adoptedBy([{ ...adoption, kind: 'context' }], day)).toBe(false);
  });

  it('leave firm commitments and statements of intent alone', () => {
    expect(countsInCompliance({ strength: 'firm' }, [], parseDay('2025-01-01'))).toBe(true);
    expect(countsInCompliance({ strength: 'intent' }, [], parseDay('2025-01-01'))).toBe(true);
  });

  it('are left out of the score and the count until adopted', () => {
    const firm = { strength: 'firm' as const, updates: [update('2025-01-01', { status: 'broken' })] };
    const proposal = { strength: 'proposal' as const, updates: [update('2025-02-01'), adoption] };
    expect(complianceAsOf([firm, proposal], parseDay('2025-04-01'))).toMatchObject({
      commitments: 1,
      percent: 0,
    });
    expect(complianceAsOf([firm, proposal], parseDay('2025-05-01'))).toMatchObject({
      commitments: 2,
      percent: 50,
    });
  });
});

describe('monthEnds', () => {
  it('gives the month ends up to the month in course, then the day itself, at most twelve', () => {
    expect(monthEnds(parseDay('2025-01-15'), parseDay('2025-03-10'))).toEqual([
      parseDay('2025-01-31'),
      parseDay('2025-02-28'),
      parseDay('2025-03-10'),
    ]);
    const year = monthEnds(parseDay('2020-01-01'), parseDay('2025-06-30'));
    expect(year).toHaveLength(12);
    expect(year[0]).toEqual(parseDay('2024-07-31'));
    expect(year.at(-1)).toEqual(parseDay('2025-06-30'));
    expect(monthEnds(parseDay('2026-01-01'), parseDay('2025-06-30'))).toEqual([parseDay('2025-06-30')]);
  });
});
