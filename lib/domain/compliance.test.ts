import { describe, expect, it } from 'vitest';
import { complianceFromTotals, complianceOf } from './compliance.ts';

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
