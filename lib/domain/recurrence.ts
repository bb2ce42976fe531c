// Recurring commitments ("the joint working group meets every three months", "the ministers meet annually"). A
// commitment with a recurrence rule is expected to be honoured once in every period of `months` months, the first
// period starting on `startsOn`. Each period that has begun is an expected occurrence: held when evidence of the
// event falls inside it, missed when it ended without any, due while it runs. Stated once here as plain functions;
// the attention rules (overdue) and the commitment's dashboard (the series) use them.
import { addDays, compareDays, formatDay } from './dates.ts';

export type Recurrence = { months: number; startsOn: Date };

/** The periods the form offers; any whole number of months from 1 to 60 is valid. */
export const RECURRENCE_CHOICES: readonly { months: number; label: string }[] = [
  { months: 1, label: 'Every month' },
  { months: 3, label: 'Every three months' },
  { months: 6, label: 'Every six months' },
  { months: 12, label: 'Every year' },
  { months: 24, label: 'Every two years' },
];

export const MAX_RECURRENCE_MONTHS = 60;

/** "every three months", "every 5 months": the rule in words. */
export function describeRecurrence(rule: Recurrence): string {
  const choice = RECURRENCE_CHOICES.find((c) => c.months === rule.months);
  const every = choice ? choice.label.toLowerCase() : `every ${rule.months} months`;
  return `${every}, from ${formatDay(rule.startsOn)}`;
}

/** The rule of a commitment row, or null for a one-off (both columns must be set). */
export function recurrenceOf(row: {
  recurrenceMonths: number | null;
  recurrenceStartsOn: Date | null;
}): Recurrence | null {
  if (row.recurrenceMonths == null || row.recurrenceStartsOn == null || row.recurrenceMonths < 1) return null;
  return { months: row.recurrenceMonths, startsOn: row.recurrenceStartsOn };
}

/**
 * `startsOn` shifted by whole months, always counted from the first day (so 31 January + 1 month is the last
 * day of February, and + 2 months is 31 March, not 28 March).
 */
export function addMonths(startsOn: Date, months: number): Date {
  const year = startsOn.getUTCFullYear();
  const month = startsOn.getUTCMonth() + months;
  const day = startsOn.getUTCDate();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay)));
}

export type Period = { index: number; from: Date; to: Date };

/** The k-th period (0-based): from its first day to the day before the next one begins. */
export function period(rule: Recurrence, index: number): Period {
  return {
    index,
    from: addMonths(rule.startsOn, index * rule.months),
    to: addDays(addMonths(rule.startsOn, (index + 1) * rule.months), -1),
  };
}

export type OccurrenceState = 'held' | 'missed' | 'due';

export type Occurrence = Period & {
  state: OccurrenceState;
  /** The days of the evidence that fell inside the period, oldest first. */
  evidencedOn: Date[];
};

/** The most occurrences a series lists: older periods are summarised by `earlierMissed` / `earlierHeld`. */
const MAX_OCCURRENCES = 120;

export type Series = {
  occurrences: Occurrence[];
  /** How many periods before the first one listed were held / missed (when more than MAX_OCCURRENCES began). */
  earlierHeld: number;
  earlierMissed: number;
};

/**
 * The expected occurrences up to `asOf` (every period that has begun by then), each held when one of
 * `evidenceDays` falls inside it, missed when it ended before `asOf` without any, due while it runs.
 * `evidenceDays` are the fact days (`observedOn`) of the counting rows that cite evidence of the event happening
 * (see `isOccurrenceEvidence`); days outside every period are ignored.
 */
export function occurrences(rule: Recurrence, evidenceDays: readonly Date[], asOf: Date): Series {
  const days = [...evidenceDays].sort(compareDays);
  const all: Occurrence[] = [];
  for (let index = 0; ; index++) {
    const p = period(rule, index);
    if (compareDays(p.from, asOf) > 0) break;
    const evidencedOn = days.filter((d) => compareDays(d, p.from) >= 0 && compareDays(d, p.to) <= 0);
    const state: OccurrenceState = evidencedOn.length
      ? 'held'
      : compareDays(p.to, asOf) < 0
        ? 'missed'
        : 'due';
    all.push({ ...p, state, evidencedOn });
  }
  const cut = Math.max(0, all.length - MAX_OCCURRENCES);
  const earlier = all.slice(0, cut);
  return {
    occurrences: all.slice(cut),
    earlierHeld: earlier.filter((o) => o.state === 'held').length,
    earlierMissed: earlier.filter((o) => o.state === 'missed').length,
  };
}

/**
 * Overdue, for a recurring commitment: the latest period that ended before `asOf` passed without evidence. A miss
 * further back stays visible in the series but is history, not something overdue now.
 */
export function recurrenceOverdue(rule: Recurrence, evidenceDays: readonly Date[], asOf: Date): boolean {
  const ended = occurrences(rule, evidenceDays, asOf).occurrences.filter((o) => o.state !== 'due');
  return ended.at(-1)?.state === 'missed';
}

/**
 * Which follow-up log rows evidence an occurrence: rows that count (an assessment that was not withdrawn) or
 * corroborate, that cite an item whose type for this commitment is a concrete action (the event took place), with
 * a status that says it happened (in progress, partially fulfilled or fulfilled).
 */
export function isOccurrenceEvidence(row: {
  kind: 'assessment' | 'corroboration' | 'context';
  withdrawnAt: Date | null;
  status: string;
  evidenceType: 'announcement' | 'concrete_action' | 'contradiction' | null;
}): boolean {
  return (
    row.kind !== 'context' &&
    row.withdrawnAt == null &&
    row.evidenceType === 'concrete_action' &&
    ['in_progress', 'partially_fulfilled', 'fulfilled'].includes(row.status)
  );
}
