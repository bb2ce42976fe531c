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
    evidenceId: evidence ? 1 : null,
    partyId: null,
  };
}

/** The same update as another kind of row, or withdrawn, or with its own evidence type. */
const as = (row: AttentionUpdate, changes: Partial<AttentionUpdate>): AttentionUpdate => ({
  ...row,
  ...changes,
});
const withdrawnAt = new Date('2026-06-30T13:00:00Z');

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

describe('what counts (docs/decisions/010-what-counts.md)', () => {
  const weak = { reliability: 'E' as const, credibility: 5, type: 'announcement' as const };
  const contradiction = { ...strong, type: 'contradiction' as const };

  it('lets a corroboration citing evidence end staleness, but not one without, a context or a withdrawn row', () => {
    const old = update('2026-03-01', 'in_progress');
    const flags = (extra: AttentionUpdate) => attentionFlags({ ...base, updates: [old, extra] }, options);
    expect(flags(as(update('2026-06-01', 'in_progress'), { kind: 'corroboration' }))).toEqual([]);
    expect(flags(as(update('2026-06-01', 'in_progress', null), { kind: 'corroboration' }))).toEqual([
      'stale',
    ]);
    expect(flags(as(update('2026-06-01', 'in_progress'), { kind: 'context' }))).toEqual(['stale']);
    expect(flags(as(update('2026-06-01', 'in_progress'), { withdrawnAt }))).toEqual(['stale']);
  });

  it('never takes the status from a corroboration, context or withdrawn row', () => {
    const first = update('2026-06-01', 'in_progress');
    for (const extra of [
      as(update('2026-06-10', 'fulfilled'), { kind: 'corroboration' }),
      as(update('2026-06-10', 'fulfilled'), { kind: 'context' }),
      as(update('2026-06-10', 'fulfilled'), { withdrawnAt }),
    ]) {
      // Fulfilled would have cleared "overdue".
      expect(attentionFlags({ ...base, dueOn: day('2026-06-20'), updates: [first, extra] }, options)).toEqual(
        ['overdue'],
      );
    }
  });

  it('accepts a strong corroboration of the current status dated within its run as support', () => {
    const assessed = update('2026-06-01', 'in_progress', weak);
    const corroboration = as(update('2026-06-10', 'in_progress'), { kind: 'corroboration' });
    expect(attentionFlags({ ...base, updates: [assessed, corroboration] }, options)).toEqual([]);
    // Of another status, withdrawn, or before the run began (before the newest assessment of another status): no.
    const other = as(update('2026-06-10', 'stalled'), { kind: 'corroboration' });
    expect(attentionFlags({ ...base, updates: [assessed, other] }, options)).toEqual(['weak']);
    expect(
      attentionFlags({ ...base, updates: [assessed, as(corroboration, { withdrawnAt })] }, options),
    ).toEqual(['weak']);
    const before = [
      as(update('2026-05-01', 'in_progress'), { kind: 'corroboration' }),
      update('2026-05-10', 'stalled', weak),
      assessed,
    ];
    expect(attentionFlags({ ...base, updates: before }, options)).toEqual(['weak']);
  });

  it('reads "contradicted" from the latest evidence, corroborations included, by the row\'s own type', () => {
    const assessed = update('2026-06-01', 'in_progress');
    expect(
      attentionFlags(
        {
          ...base,
          updates: [
            assessed,
            as(update('2026-06-10', 'in_progress', contradiction), { kind: 'corroboration' }),
          ],
        },
        options,
      ),
    ).toEqual(['contradicted']);
    // An item of another type that contradicts this commitment, and a contradiction that for it is an announcement.
    expect(
      attentionFlags({ ...base, updates: [as(assessed, { evidenceType: 'contradiction' })] }, options),
    ).toEqual(['contradicted']);
    expect(
      attentionFlags(
        {
          ...base,
          updates: [as(update('2026-06-01', 'stalled', contradiction), { evidenceType: 'announcement' })],
        },
        options,
      ),
    ).toEqual([]);
    // A withdrawn contradiction no longer counts.
    expect(
      attentionFlags(
        { ...base, updates: [assessed, as(update('2026-06-10', 'stalled', contradiction), { withdrawnAt })] },
        options,
      ),
    ).toEqual([]);
  });
});

describe('overdue, recurring', () => {
  const recurrence = { months: 3, startsOn: day('2026-01-01') };
  const action = { ...strong, type: 'concrete_action' as const };

  it('follows the periods instead of the due date', () => {
    // Periods: Jan–Mar (held), Apr–Jun (missed, ended before 1 July), Jul– (running).
    const held = update('2026-02-10', 'in_progress', action);
    const input = { ...base, dueOn: day('2030-01-01'), recurrence, updates: [held] };
    expect(attentionFlags(input, { ...options, today: day('2026-06-30') })).not.toContain('overdue');
    expect(attentionFlags(input, { ...options, today: day('2026-07-01') })).toContain('overdue');
    // A fulfilled status does not excuse a missed meeting; a due date in the past does not make it overdue.
    const fulfilled = {
      ...input,
      dueOn: day('2020-01-01'),
      updates: [held, update('2026-02-11', 'fulfilled')],
    };
    expect(attentionFlags(fulfilled, { ...options, today: day('2026-06-30') })).not.toContain('overdue');
  });

  it("counts only occurrence evidence: by the row's own type, corroborations yes, withdrawn and context rows no", () => {
    const today = { ...options, today: day('2026-07-01') };
    const inApril = (changes: Partial<AttentionUpdate>, evidence: AttentionUpdate['evidence'] = action) =>
      attentionFlags(
        { ...base, recurrence, updates: [as(update('2026-04-15', 'in_progress', evidence), changes)] },
        today,
      );
    expect(inApril({})).not.toContain('overdue');
    expect(inApril({ kind: 'corroboration' })).not.toContain('overdue');
    expect(inApril({ kind: 'context' })).toContain('overdue');
    expect(inApril({ withdrawnAt })).toContain('overdue');
    expect(inApril({ evidenceType: 'announcement' })).toContain('overdue');
    expect(inApril({ evidenceType: 'concrete_action' }, { ...strong, type: 'announcement' })).not.toContain(
      'overdue',
    );
    expect(inApril({ status: 'not_started' })).toContain('overdue');
  });
});

describe('isStrongGrade', () => {
  it('needs A–C and 1–3 together', () => {
    expect(isStrongGrade({ reliability: 'C', credibility: 3 })).toBe(true);
    expect(isStrongGrade({ reliability: 'C', credibility: 4 })).toBe(false);
    expect(isStrongGrade({ reliability: 'D', credibility: 1 })).toBe(false);
  });
});
