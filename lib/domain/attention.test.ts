import { describe, expect, it } from 'vitest';
import { attentionFlags, isStrongGrade, type AttentionUpdate } from './attention.ts';
import { parseDay } from './dates.ts';

const day = parseDay;
const today = day('2026-06-30');
const options = { today, staleAfterDays: 90 };
const strong = { reliability: 'B' as const, credibility: 2, type: 'concrete_action' as const };
let nextId = 1;

function update(
  observedOn: string,
  status: AttentionUpdate['status'],
  evidence: AttentionUpdate['evidence'] = strong,
  createdAt = '2026-06-30T12:00:00Z',
): AttentionUpdate {
  return {
    id: nextId++,
    observedOn: day(observedOn),
    observedFrom: day(observedOn),
    createdAt: new Date(createdAt),
    status,
    evidence,
    partyId: null,
  };
}

const base = { dueOn: null, createdOn: day('2026-01-01') };

describe('overdue', () => {
  it('flags a passed due date unless fulfilled; the due day itself is not overdue', () => {
    const updates = [update('2026-06-01', 'in_progress')];
    expect(attentionFlags({ ...base, dueOn: day('2026-06-29'), updates }, options)).toContain('overdue');
    expect(attentionFlags({ ...base, dueOn: day('2026-06-30'), updates }, options)).not.toContain('overdue');
    const done = [update('2026-06-01', 'fulfilled')];
    expect(attentionFlags({ ...base, dueOn: day('2026-01-29'), updates: done }, options)).not.toContain(
      'overdue',
    );
  });
});

describe('stale', () => {
  it('flags no news for more than N days, counted from the latest observed day', () => {
    expect(
      attentionFlags({ ...base, updates: [update('2026-04-01', 'in_progress')] }, options),
    ).not.toContain('stale'); // 90 days exactly
    expect(attentionFlags({ ...base, updates: [update('2026-03-31', 'in_progress')] }, options)).toContain(
      'stale',
    );
    expect(
      attentionFlags(
        { ...base, updates: [update('2026-03-31', 'in_progress')] },
        { today, staleAfterDays: 120 },
      ),
    ).not.toContain('stale');
  });

  it('counts from the day the commitment was recorded while nothing is logged', () => {
    expect(attentionFlags({ ...base, updates: [] }, options)).toEqual(['stale']);
    expect(attentionFlags({ dueOn: null, createdOn: day('2026-06-01'), updates: [] }, options)).toEqual([]);
  });

  it('never flags an end state', () => {
    expect(attentionFlags({ ...base, updates: [update('2025-01-01', 'fulfilled')] }, options)).toEqual([]);
    expect(attentionFlags({ ...base, updates: [update('2025-01-01', 'broken')] }, options)).toEqual([]);
  });
});

describe('contradicted', () => {
  it('flags when the latest evidence is a contradiction, even behind a later update without evidence', () => {
    const contradiction = { ...strong, type: 'contradiction' as const };
    const updates = [
      update('2026-06-01', 'in_progress'),
      update('2026-06-10', 'stalled', contradiction),
      update('2026-06-20', 'stalled', null),
    ];
    expect(attentionFlags({ ...base, updates }, options)).toContain('contradicted');
  });

  it('does not flag an older contradiction answered by newer evidence, even if logged later', () => {
    const contradiction = { ...strong, type: 'contradiction' as const };
    const updates = [
      update('2026-06-10', 'in_progress', strong, '2026-06-10T00:00:00Z'),
      update('2026-05-01', 'stalled', contradiction, '2026-06-20T00:00:00Z'), // back-dated
    ];
    expect(attentionFlags({ ...base, updates }, options)).not.toContain('contradicted');
  });
});

describe('weakly supported', () => {
  it('flags a status resting only on D–F or 4–6 evidence', () => {
    const weakSource = { reliability: 'D' as const, credibility: 2, type: 'announcement' as const };
    const weakInfo = { reliability: 'A' as const, credibility: 4, type: 'announcement' as const };
    expect(
      attentionFlags({ ...base, updates: [update('2026-06-01', 'in_progress', weakSource)] }, options),
    ).toEqual(['weak']);
    expect(
      attentionFlags({ ...base, updates: [update('2026-06-01', 'in_progress', weakInfo)] }, options),
    ).toEqual(['weak']);
    expect(
      attentionFlags({ ...base, updates: [update('2026-06-01', 'in_progress', null)] }, options),
    ).toEqual(['weak']);
  });

  it('is satisfied by one strong item anywhere in the run that carries the current status', () => {
    const weak = { reliability: 'E' as const, credibility: 5, type: 'announcement' as const };
    const updates = [update('2026-05-01', 'in_progress', strong), update('2026-06-01', 'in_progress', weak)];
    expect(attentionFlags({ ...base, updates }, options)).toEqual([]);
  });

  it('ignores strong evidence for an earlier, different status', () => {
    const weak = { reliability: 'F' as const, credibility: 6, type: 'announcement' as const };
    const updates = [update('2026-05-01', 'in_progress', strong), update('2026-06-01', 'stalled', weak)];
    expect(attentionFlags({ ...base, updates }, options)).toEqual(['weak']);
  });
});

describe('isStrongGrade', () => {
  it('needs A–C and 1–3 together', () => {
    expect(isStrongGrade({ reliability: 'C', credibility: 3 })).toBe(true);
    expect(isStrongGrade({ reliability: 'C', credibility: 4 })).toBe(false);
    expect(isStrongGrade({ reliability: 'D', credibility: 1 })).toBe(false);
  });
});
