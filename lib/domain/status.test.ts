import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factBy, factFrom, parseDay, type DatePrecision } from './dates.ts';
import {
  compareUpdates,
  currentStatus,
  isBackwards,
  updateWarning,
  deriveStatus,
  isNews,
  lastObservedOn,
  partyStatus,
  partyStatusAsOf,
  partyStatuses,
  requiresReason,
  STATUS_LABELS,
  STATUSES,
  statusAsOf,
  statusLabel,
  statusSince,
  type CommitmentStatus,
  sortUpdates,
  type StatusUpdateLike,
} from './status.ts';

let nextId = 1;
/** An update observed on `day`, logged at `loggedAt` (ISO timestamp), optionally on one party. */
function update(
  status: CommitmentStatus,
  day: string,
  loggedAt = `${day}T12:00:00Z`,
  partyId: number | null = null,
  id = nextId++,
): StatusUpdateLike {
  return {
    id,
    status,
    observedOn: parseDay(day),
    observedFrom: parseDay(day),
    createdAt: new Date(loggedAt),
    partyId,
  };
}

/** An update whose fact date has `precision`: `day` is a day of the month or year, or the "no later than" day. */
function vague(
  status: CommitmentStatus,
  precision: DatePrecision,
  day: string,
  loggedAt: string,
  partyId: number | null = null,
): StatusUpdateLike {
  const by = factBy(parseDay(day), precision);
  return {
    id: nextId++,
    status,
    observedOn: by,
    observedFrom: factFrom(by, precision),
    createdAt: new Date(loggedAt),
    partyId,
  };
}

describe('scale', () => {
  it('lists the seven statuses in order with human labels', () => {
    expect(STATUSES).toEqual([
      'no_evidence',
      'not_started',
      'in_progress',
      'stalled',
      'partially_fulfilled',
      'fulfilled',
      'broken',
    ]);
    expect(statusLabel('no_evidence')).toBe('No evidence');
    expect(statusLabel('partially_fulfilled')).toBe('Partially fulfilled');
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
  });

  it('requires a reason for stalled and broken only', () => {
    expect(STATUSES.filter(requiresReason)).toEqual(['stalled', 'broken']);
  });
});

describe('currentStatus', () => {
  it('is no_evidence without updates', () => {
    expect(currentStatus([])).toBe('no_evidence');
    expect(statusSince([])).toBeNull();
  });

  it('takes the latest observedOn, whatever the logging order', () => {
    const updates = [
      update('in_progress', '2025-03-01', '2025-03-02T00:00:00Z'),
      update('not_started', '2025-01-10', '2025-03-05T00:00:00Z'),
    ];
    expect(currentStatus(updates)).toBe('in_progress');
  });

  it('does not let a back-dated item override newer news', () => {
    const news = update('fulfilled', '2025-06-01', '2025-06-02T09:00:00Z');
    const backDated = update('broken', '2025-05-01', '2025-07-01T09:00:00Z');
    expect(currentStatus([news, backDated])).toBe('fulfilled');
    expect(currentStatus([backDated, news])).toBe('fulfilled');
    // ...but it does change the history.
    expect(statusAsOf([news, backDated], parseDay('2025-05-15'))).toBe('broken');
  });

  it('breaks a tie on observedOn by the later createdAt', () => {
    const first = update('in_progress', '2025-04-01', '2025-04-01T08:00:00Z', null, 10);
    const second = update('stalled', '2025-04-01', '2025-04-01T09:00:00Z', null, 5);
    expect(currentStatus([first, second])).toBe('stalled');
    expect(currentStatus([second, first])).toBe('stalled');
  });

  it('breaks a tie on observedOn and createdAt by the higher id', () => {
    const a = update('in_progress', '2025-04-01', '2025-04-01T08:00:00Z', null, 7);
    const b = update('fulfilled', '2025-04-01', '2025-04-01T08:00:00Z', null, 8);
    expect(currentStatus([b, a])).toBe('fulfilled');
    expect(compareUpdates(a, b)).toBeLessThan(0);
  });

  it('compares days, not times of day', () => {
    // Same calendar day given with a time: still a tie on the day, so createdAt decides.
    const a: StatusUpdateLike = {
      id: 1,
      status: 'broken',
      observedOn: new Date('2025-04-01T23:00:00Z'),
      observedFrom: new Date('2025-04-01T23:00:00Z'),
      createdAt: new Date('2025-04-01T01:00:00Z'),
    };
    const b = update('fulfilled', '2025-04-01', '2025-04-01T02:00:00Z', null, 2);
    expect(currentStatus([a, b])).toBe('fulfilled');
  });
});

describe('statusAsOf', () => {
  const updates = [
    update('not_started', '2025-01-01'),
    update('in_progress', '2025-02-01'),
    update('fulfilled', '2025-03-01'),
  ];

  it('includes the boundary day', () => {
    expect(statusAsOf(updates, parseDay('2025-02-01'))).toBe('in_progress');
    expect(statusAsOf(updates, parseDay('2025-03-01'))).toBe('fulfilled');
  });

  it('excludes the days after', () => {
    expect(statusAsOf(updates, parseDay('2025-01-31'))).toBe('not_started');
    expect(statusAsOf(updates, parseDay('2025-02-28'))).toBe('in_progress');
  });

  it('is no_evidence before the first update', () => {
    expect(statusAsOf(updates, parseDay('2024-12-31'))).toBe('no_evidence');
  });

  it('ignores a time of day on the as-of date', () => {
    expect(statusAsOf(updates, new Date('2025-03-01T00:00:01Z'))).toBe('fulfilled');
  });

  it('uses the same tie rule on the boundary day', () => {
    const tied = [
      update('in_progress', '2025-05-05', '2025-05-06T10:00:00Z'),
      update('stalled', '2025-05-05', '2025-05-06T11:00:00Z'),
      update('fulfilled', '2025-05-06', '2025-05-06T09:00:00Z'),
    ];
    expect(statusAsOf(tied, parseDay('2025-05-05'))).toBe('stalled');
    expect(statusAsOf(tied, parseDay('2025-05-06'))).toBe('fulfilled');
  });
});

describe('statusSince', () => {
  it('is the first day of the current unbroken run', () => {
    const updates = [
      update('in_progress', '2025-01-01'),
      update('stalled', '2025-02-01'),
      update('in_progress', '2025-03-01'),
      update('in_progress', '2025-04-01'),
    ];
    expect(statusSince(updates)).toEqual(parseDay('2025-03-01'));
  });

  it('follows the ordering rule, not the logging order', () => {
    const updates = [
      update('in_progress', '2025-04-01', '2025-04-01T00:00:00Z'),
      // logged later, but back-dated into the run: it starts the run earlier
      update('in_progress', '2025-02-15', '2025-05-01T00:00:00Z'),
      update('stalled', '2025-02-01', '2025-02-01T00:00:00Z'),
    ];
    expect(statusSince(updates)).toEqual(parseDay('2025-02-15'));
  });

  it('restarts when a back-dated different status falls inside the run', () => {
    const updates = [
      update('in_progress', '2025-01-01'),
      update('in_progress', '2025-03-01'),
      update('stalled', '2025-02-01', '2025-06-01T00:00:00Z'),
    ];
    expect(statusSince(updates)).toEqual(parseDay('2025-03-01'));
  });

  it('breaks same-day runs by the tie rule', () => {
    const updates = [
      update('fulfilled', '2025-01-01', '2025-01-01T08:00:00Z'),
      update('stalled', '2025-01-02', '2025-01-02T08:00:00Z'),
      update('fulfilled', '2025-01-02', '2025-01-02T09:00:00Z'),
    ];
    // The stalled item came first that day, so the fulfilled run starts on 2025-01-02.
    expect(statusSince(updates)).toEqual(parseDay('2025-01-02'));
  });

  it('with one update is its day', () => {
    expect(statusSince([update('not_started', '2025-09-09')])).toEqual(parseDay('2025-09-09'));
  });
});

describe('per party', () => {
  const PK = 1;
  const CN = 2;

  it('falls back to whole-commitment updates', () => {
    const updates = [update('in_progress', '2025-01-01')];
    expect(partyStatus(updates, PK)).toBe('in_progress');
    expect(partyStatus(updates, CN)).toBe('in_progress');
  });

  it("uses a party's own updates and ignores other parties'", () => {
    const updates = [
      update('in_progress', '2025-01-01'),
      update('fulfilled', '2025-02-01', undefined, PK),
      update('stalled', '2025-03-01', undefined, CN),
    ];
    expect(partyStatus(updates, PK)).toBe('fulfilled');
    expect(partyStatus(updates, CN)).toBe('stalled');
    // The commitment as a whole follows the latest update of any kind.
    expect(currentStatus(updates)).toBe('stalled');
  });

  it('lets a newer whole-commitment update override an older party update', () => {
    const updates = [update('fulfilled', '2025-02-01', undefined, PK), update('broken', '2025-03-01')];
    expect(partyStatus(updates, PK)).toBe('broken');
  });

  it('answers as-of per party', () => {
    const updates = [update('in_progress', '2025-01-01'), update('fulfilled', '2025-02-01', undefined, PK)];
    expect(partyStatusAsOf(updates, PK, parseDay('2025-02-01'))).toBe('fulfilled');
    expect(partyStatusAsOf(updates, PK, parseDay('2025-01-31'))).toBe('in_progress');
    expect(partyStatusAsOf(updates, CN, parseDay('2025-02-01'))).toBe('in_progress');
  });

  it('lists only responsible parties with an applicable update, with since', () => {
    const THIRD = 3;
    const updates = [
      update('not_started', '2025-01-01', undefined, PK),
      update('in_progress', '2025-02-01', undefined, PK),
      update('fulfilled', '2025-02-01', undefined, THIRD),
    ];
    expect(partyStatuses(updates, [PK, CN])).toEqual([
      { partyId: PK, status: 'in_progress', since: parseDay('2025-02-01') },
    ]);
    const withWhole = [...updates, update('stalled', '2025-03-01')];
    expect(partyStatuses(withWhole, [PK, CN])).toEqual([
      { partyId: PK, status: 'stalled', since: parseDay('2025-03-01') },
      { partyId: CN, status: 'stalled', since: parseDay('2025-03-01') },
    ]);
  });
});

describe('properties', () => {
  const arbUpdates = fc.array(
    fc.record({
      status: fc.constantFrom(...STATUSES.filter((status) => status !== 'no_evidence')),
      day: fc.integer({ min: 0, max: 30 }),
      logged: fc.integer({ min: 0, max: 5 }),
      precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'unknown'),
    }),
    { maxLength: 12 },
  );
  const build = (
    rows: { status: CommitmentStatus; day: number; logged: number; precision: DatePrecision }[],
  ): StatusUpdateLike[] =>
    rows.map((row, index) => {
      const observedOn = factBy(new Date(Date.UTC(2025, 0, 1 + row.day)), row.precision);
      return {
        id: index + 1,
        status: row.status,
        observedOn,
        observedFrom: factFrom(observedOn, row.precision),
        createdAt: new Date(Date.UTC(2025, 5, 1, row.logged)),
      };
    });

  it('does not depend on the order rows are given in', () => {
    fc.assert(
      fc.property(arbUpdates, (rows) => {
        const updates = build(rows);
        const reversed = [...updates].reverse();
        expect(deriveStatus(reversed)).toEqual(deriveStatus(updates));
      }),
    );
  });

  it('as of the latest day equals the current status', () => {
    fc.assert(
      fc.property(arbUpdates, (rows) => {
        const updates = build(rows);
        // A month's facts count from its last day: January's by the 31st.
        expect(statusAsOf(updates, new Date(Date.UTC(2025, 0, 31)))).toBe(currentStatus(updates));
      }),
    );
  });

  it('a back-dated update (observed before the latest day) never changes the current status', () => {
    fc.assert(
      fc.property(arbUpdates, fc.constantFrom(...STATUSES), (rows, status) => {
        const updates = build(rows);
        if (!updates.length) return;
        const maxFrom = Math.max(...updates.map((update) => update.observedFrom.getTime()));
        if (maxFrom <= Date.UTC(2025, 0, 1)) return;
        const dayBefore = new Date(maxFrom - 86_400_000);
        const backDated = {
          id: updates.length + 1,
          status,
          observedOn: dayBefore, // the day before the latest
          observedFrom: dayBefore,
          createdAt: new Date(Date.UTC(2026, 0, 1)), // logged after everything else
        };
        expect(currentStatus([...updates, backDated])).toBe(currentStatus(updates));
      }),
    );
  });
});

describe('fact dates with a precision', () => {
  it('an undated pre-announcement logged after a dated "established" report does not override it', () => {
    const established = update('fulfilled', '2025-06-12', '2025-06-13T09:00:00Z');
    const preAnnouncement = vague('in_progress', 'unknown', '2025-07-01', '2025-07-01T10:00:00Z');
    const updates = [established, preAnnouncement];
    expect(currentStatus(updates)).toBe('fulfilled');
    expect(compareUpdates(preAnnouncement, established)).toBeLessThan(0);
    expect(deriveStatus(updates)).toEqual({
      status: 'fulfilled',
      since: parseDay('2025-06-12'),
      lastObservedOn: parseDay('2025-06-12'),
    });
    // As of a day before the dated report, the undated one is not yet known to have held either.
    expect(statusAsOf(updates, parseDay('2025-06-30'))).toBe('fulfilled');
    expect(statusAsOf(updates, parseDay('2025-06-11'))).toBe('no_evidence');
  });

  it('an undated update decides only while nothing dated is known', () => {
    const undated = vague('in_progress', 'unknown', '2025-03-01', '2025-03-02T09:00:00Z');
    expect(currentStatus([undated])).toBe('in_progress');
    expect(statusAsOf([undated], parseDay('2025-02-28'))).toBe('no_evidence');
    expect(statusAsOf([undated], parseDay('2025-03-01'))).toBe('in_progress');
    // Two undated ones: the one known to have held later wins, whatever the logging order.
    const later = vague('stalled', 'unknown', '2025-04-01', '2025-03-01T00:00:00Z');
    expect(currentStatus([undated, later])).toBe('stalled');
  });

  it('orders a month before its days and a year before its months, and counts them from their last day', () => {
    const june = vague('in_progress', 'month', '2025-06-01', '2025-07-10T00:00:00Z');
    const midJune = update('fulfilled', '2025-06-15', '2025-06-16T00:00:00Z');
    const year = vague('not_started', 'year', '2025-01-01', '2026-01-05T00:00:00Z');
    expect(june.observedOn).toEqual(parseDay('2025-06-30'));
    expect(june.observedFrom).toEqual(parseDay('2025-06-01'));
    expect(sortUpdates([midJune, june, year]).map((u) => u.id)).toEqual([year.id, june.id, midJune.id]);
    expect(currentStatus([midJune, june, year])).toBe('fulfilled');
    expect(statusAsOf([june], parseDay('2025-06-29'))).toBe('no_evidence');
    expect(statusAsOf([june], parseDay('2025-06-30'))).toBe('in_progress');
  });

  it('dates a status from the earliest day its run surely held by', () => {
    const undated = vague('in_progress', 'unknown', '2025-09-01', '2025-09-01T00:00:00Z');
    const dated = update('in_progress', '2025-05-01', '2025-05-02T00:00:00Z');
    expect(statusSince([undated, dated])).toEqual(parseDay('2025-05-01'));
  });
});

describe('warnings before saving', () => {
  const current = {
    status: 'fulfilled' as const,
    observedOn: parseDay('2025-06-12'),
    observedFrom: parseDay('2025-06-12'),
    observedPrecision: 'day' as const,
  };

  it('warns when an update would not become current, and says why', () => {
    const undated = updateWarning(current, {
      status: 'in_progress',
      observedOn: parseDay('2025-07-01'),
      observedPrecision: 'unknown',
    });
    expect(undated?.kind).toBe('not_current');
    expect(undated?.message).toMatch(/undated item never outranks dated news \(undated, by 1 Jul 2025\)/);
    expect(
      updateWarning(current, {
        status: 'fulfilled',
        observedOn: parseDay('2025-06-11'),
        observedPrecision: 'day',
      })?.message,
    ).toMatch(/rests on news of 12 Jun 2025, and its fact date is older/);
    // June 2025 sorts before any day of June.
    expect(
      updateWarning(current, {
        status: 'fulfilled',
        observedOn: parseDay('2025-06-30'),
        observedPrecision: 'month',
      })?.kind,
    ).toBe('not_current');
  });

  it('warns when it moves the status backwards, and not for news that moves it on', () => {
    const back = updateWarning(current, {
      status: 'in_progress',
      observedOn: parseDay('2025-06-12'),
      observedPrecision: 'day',
    });
    expect(back).toEqual({
      kind: 'backwards',
      message:
        'This moves the status backwards, from “Fulfilled” (12 Jun 2025) to “In progress” (12 Jun 2025).',
    });
    expect(isBackwards('fulfilled', 'broken')).toBe(true);
    expect(isBackwards('in_progress', 'stalled')).toBe(false);
    expect(isBackwards('broken', 'in_progress')).toBe(false);
    expect(
      updateWarning(
        { ...current, status: 'in_progress' },
        { status: 'fulfilled', observedOn: parseDay('2025-07-01'), observedPrecision: 'day' },
      ),
    ).toBeNull();
    expect(
      updateWarning(undefined, {
        status: 'in_progress',
        observedOn: current.observedOn,
        observedPrecision: 'day',
      }),
    ).toBeNull();
  });
});

describe('which rows count (countsForStatus, isNews)', () => {
  const withdrawnAt = new Date('2025-07-01T00:00:00Z');

  it('takes status, since and per-party status from assessments that were not withdrawn only', () => {
    const first = update('in_progress', '2025-06-01');
    const rows: StatusUpdateLike[] = [
      first,
      { ...update('fulfilled', '2025-06-05'), withdrawnAt },
      { ...update('broken', '2025-06-06'), kind: 'context' },
      { ...update('stalled', '2025-06-07', undefined, 7), kind: 'corroboration', evidenceId: 1 },
      { ...update('in_progress', '2025-06-08'), kind: 'assessment' },
    ];
    expect(deriveStatus(rows)).toEqual({
      status: 'in_progress',
      since: parseDay('2025-06-01'),
      lastObservedOn: parseDay('2025-06-08'),
    });
    expect(statusAsOf(rows, parseDay('2025-06-07'))).toBe('in_progress');
    expect(partyStatuses(rows, [7])).toEqual([
      { partyId: 7, status: 'in_progress', since: parseDay('2025-06-01') },
    ]);
    // Nothing counts: no evidence, whatever was logged.
    expect(deriveStatus(rows.slice(1, 3))).toEqual({
      status: 'no_evidence',
      since: null,
      lastObservedOn: null,
    });
  });

  it('does not let a row that does not count break the run', () => {
    const rows: StatusUpdateLike[] = [
      update('in_progress', '2025-06-01'),
      { ...update('stalled', '2025-06-02'), withdrawnAt },
      { ...update('stalled', '2025-06-03'), kind: 'corroboration' },
      update('in_progress', '2025-06-04'),
    ];
    expect(statusSince(rows)).toEqual(parseDay('2025-06-01'));
  });

  it('counts a corroboration citing evidence as news, and nothing withdrawn or context', () => {
    expect(isNews({ kind: 'corroboration', evidenceId: 3 })).toBe(true);
    expect(isNews({ kind: 'corroboration', evidenceId: null })).toBe(false);
    expect(isNews({ kind: 'corroboration', evidenceId: 3, withdrawnAt })).toBe(false);
    expect(isNews({ kind: 'context', evidenceId: 3 })).toBe(false);
    expect(isNews({})).toBe(true);
    const rows: StatusUpdateLike[] = [
      update('in_progress', '2025-06-01'),
      { ...update('in_progress', '2025-06-20'), kind: 'corroboration', evidenceId: 1 },
      { ...update('in_progress', '2025-06-25'), kind: 'context', evidenceId: 1 },
    ];
    expect(lastObservedOn(rows)).toEqual(parseDay('2025-06-20'));
  });
});
