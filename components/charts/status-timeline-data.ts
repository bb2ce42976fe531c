// Shapes a commitment's follow-up log into the two series of the status timeline chart: the status as a step line
// over time, and one point per follow-up (the ones citing evidence filled). Pure, so it runs on the server and the
// client component only draws. Days travel as 'YYYY-MM-DD' (serialisable props) and become UTC-midnight epochs.
//
// The step line is the status as of each day (statusAsOf in lib/domain/status.ts): only rows that count for status
// (countsForStatus) move it, each from the day its fact surely held by (a month's last day, an undated fact's "no
// later than" day), so a fact known only to the month is never drawn as if it held from a day it may not have.
// Points sit on that same day; a vague date, a corroboration, a context row and a withdrawn row are drawn distinctly.
import { formatDay } from '@/lib/domain/dates';
import { countsForStatus, type CommitmentStatus, type UpdateKind } from '@/lib/domain/status';
import type { DatePrecision, EvidenceType, Reliability } from '@/lib/generated/prisma/enums';

/**
 * The chart's vertical order, worst to best, so that up means progress: the two judgements against the
 * commitment at the bottom, "nothing known" and "not started" in the middle, fulfilment at the top.
 */
export const TIMELINE_LEVELS: readonly CommitmentStatus[] = [
  'broken',
  'stalled',
  'no_evidence',
  'not_started',
  'in_progress',
  'partially_fulfilled',
  'fulfilled',
];

function statusLevel(status: CommitmentStatus): number {
  return TIMELINE_LEVELS.indexOf(status);
}

/** What a point's tooltip says about the evidence. Labels are looked up on the client: hundreds of points each
 * carrying "Source B (usually reliable), information 2 (probably true)" made the page tens of KB heavier. */
type TimelineChartEvidence = {
  title: string;
  outlet: string;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
};

/** One follow-up, in the order of the rules (oldest news first). */
export type TimelineChartUpdate = {
  id: number;
  /** The day the fact surely held by (observedOn). */
  day: string;
  status: CommitmentStatus;
  party: string | null;
  reason: string | null;
  /** The evidence, its type as it bears on this commitment (the row's own type when set). */
  evidence: TimelineChartEvidence | null;
  /** How much of the fact date is known (absent: the day). */
  precision?: DatePrecision;
  /** What the row is (absent: an assessment). */
  kind?: UpdateKind;
  /** Corrected or retracted: kept in the history, counts for nothing. */
  withdrawn?: boolean;
};

/** Whether the row moves the status line (countsForStatus). */
export function chartUpdateCounts(update: Pick<TimelineChartUpdate, 'kind' | 'withdrawn'>): boolean {
  return countsForStatus({ kind: update.kind, withdrawnAt: update.withdrawn ? new Date(0) : null });
}

/** What the chart needs of a follow-up log row (lib/data/timeline.ts TimelineEntry fits as is). */
export type TimelineSourceEntry = {
  id: number;
  status: CommitmentStatus;
  observedOn: Date;
  observedPrecision: DatePrecision;
  kind: UpdateKind;
  withdrawnAt: Date | null;
  evidenceType: EvidenceType | null;
  reason: string | null;
  party: { name: string } | null;
  evidence: {
    title: string;
    outlet: { name: string };
    reliability: Reliability;
    credibility: number;
    type: EvidenceType;
  } | null;
};

/** A follow-up log row as the chart shows it. */
export function chartUpdate(entry: TimelineSourceEntry): TimelineChartUpdate {
  return {
    id: entry.id,
    day: formatDay(entry.observedOn),
    status: entry.status,
    party: entry.party?.name ?? null,
    reason: entry.reason,
    evidence: entry.evidence
      ? {
          title: entry.evidence.title,
          outlet: entry.evidence.outlet.name,
          reliability: entry.evidence.reliability,
          credibility: entry.evidence.credibility,
          type: entry.evidenceType ?? entry.evidence.type,
        }
      : null,
    precision: entry.observedPrecision,
    kind: entry.kind,
    withdrawn: entry.withdrawnAt !== null,
  };
}

/**
 * A follow-up as the page sends it to the chart: a tuple. A commitment followed for years has hundreds of points,
 * and as objects each would repeat every key name in the page's payload.
 */
export type TimelineWireUpdate = [
  id: number,
  day: string,
  status: CommitmentStatus,
  party: string | null,
  reason: string | null,
  evidence:
    [title: string, outlet: string, reliability: Reliability, credibility: number, type: EvidenceType] | null,
  precision?: DatePrecision,
  kind?: UpdateKind,
  withdrawn?: 0 | 1,
];

export function toWireUpdate(update: TimelineChartUpdate): TimelineWireUpdate {
  const { evidence } = update;
  return [
    update.id,
    update.day,
    update.status,
    update.party,
    update.reason,
    evidence
      ? [evidence.title, evidence.outlet, evidence.reliability, evidence.credibility, evidence.type]
      : null,
    update.precision ?? 'day',
    update.kind ?? 'assessment',
    update.withdrawn ? 1 : 0,
  ];
}

export function fromWireUpdate([
  id,
  day,
  status,
  party,
  reason,
  evidence,
  precision = 'day',
  kind = 'assessment',
  withdrawn = 0,
]: TimelineWireUpdate): TimelineChartUpdate {
  return {
    id,
    day,
    status,
    party,
    reason,
    precision,
    kind,
    withdrawn: withdrawn === 1,
    evidence: evidence
      ? {
          title: evidence[0],
          outlet: evidence[1],
          reliability: evidence[2],
          credibility: evidence[3],
          type: evidence[4],
        }
      : null,
  };
}

export type StepPoint = { t: number; level: number; status: CommitmentStatus };
export type UpdatePoint = StepPoint & { update: TimelineChartUpdate };

const DAY_MS = 86_400_000;
const MIN_SPAN_DAYS = 30;

export function dayToTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * The status of the commitment as a whole as of each day its status changed (statusAsOf): the days on which a
 * counting update's fact surely held by, with the status of the newest counting update (in rule order) whose day
 * is on or before it. Updates must be in rule order (compareUpdates): their index is their rank.
 */
export function statusChanges(
  updates: readonly TimelineChartUpdate[],
): { day: string; status: CommitmentStatus }[] {
  const counting = updates
    .map((update, rank) => ({ update, rank }))
    .filter(({ update }) => chartUpdateCounts(update));
  counting.sort((a, b) =>
    a.update.day < b.update.day ? -1 : a.update.day > b.update.day ? 1 : a.rank - b.rank,
  );
  const changes: { day: string; status: CommitmentStatus }[] = [];
  let newest = -1;
  for (let i = 0; i < counting.length; i++) {
    newest = Math.max(newest, counting[i].rank);
    // The last of a day's updates decides the status that day.
    if (i + 1 < counting.length && counting[i + 1].update.day === counting[i].update.day) continue;
    const status = updates[newest].status;
    if (changes.at(-1)?.status !== status) changes.push({ day: counting[i].update.day, status });
  }
  return changes;
}

/**
 * The step line (status of the commitment as a whole as of each day, from `from` to `to`) and the update points.
 * Before the first counting follow-up the status is "no evidence". Updates must be in rule order.
 */
export function timelineSeries(
  updates: readonly TimelineChartUpdate[],
  from: string,
  to: string,
): { steps: StepPoint[]; points: UpdatePoint[]; domain: [number, number] } {
  const start = dayToTime(from);
  const end = Math.max(dayToTime(to), start);
  const steps: StepPoint[] = [];
  const changes = statusChanges(updates);
  const firstDay = changes.length ? dayToTime(changes[0].day) : Infinity;
  if (firstDay > start) steps.push({ t: start, level: statusLevel('no_evidence'), status: 'no_evidence' });
  for (const change of changes) {
    const t = dayToTime(change.day);
    if (steps.at(-1)?.t === t) steps.pop();
    steps.push({ t, level: statusLevel(change.status), status: change.status });
  }
  const finalStatus = changes.at(-1)?.status ?? 'no_evidence';
  const lastT = steps.at(-1)?.t ?? start;
  if (end > lastT) steps.push({ t: end, level: statusLevel(finalStatus), status: finalStatus });

  const points = updates.map((update) => ({
    t: dayToTime(update.day),
    level: statusLevel(update.status),
    status: update.status,
    update,
  }));

  const times = [...steps.map((step) => step.t), ...points.map((point) => point.t)];
  let min = Math.min(...times);
  const max = Math.max(...times);
  // A short history would be squeezed against the edge: show at least a month (the line itself still starts
  // where the record does, so nothing is drawn for days nobody spoke of).
  if (max - min < MIN_SPAN_DAYS * DAY_MS) min = max - MIN_SPAN_DAYS * DAY_MS;
  // A day of margin on the right, so a point on the last day is not cut in half by the edge.
  return { steps, points, domain: [min, max + DAY_MS] };
}

/** The time axis's ticks: whole days on a short span, month starts on a longer one, and how each is labelled. */
export type TimeAxisTicks = { ticks: number[]; unit: 'day' | 'month' };

/** Spans up to this many days get day ticks ("3 Jun 2025"); longer ones month ticks ("Jun 2025"). */
const DAY_TICKS_MAX_SPAN = 62;
const DAY_STEPS = [1, 2, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/**
 * Ticks on calendar boundaries, at most `maxTicks` (the chart may drop some more where labels would collide).
 * Ticks at arbitrary instants made labels repeat ("Jun 25" twice) and, abbreviated, read two ways.
 */
export function timeAxisTicks([min, max]: readonly [number, number], maxTicks = 6): TimeAxisTicks {
  const spanDays = (max - min) / DAY_MS;
  if (spanDays <= DAY_TICKS_MAX_SPAN) {
    const step = DAY_STEPS.find((days) => spanDays / days < maxTicks) ?? 28;
    const first = Math.ceil(min / DAY_MS) * DAY_MS;
    const ticks: number[] = [];
    for (let t = first; t <= max; t += step * DAY_MS) ticks.push(t);
    return { ticks, unit: 'day' };
  }
  const start = new Date(min);
  const months = (max - min) / (30.44 * DAY_MS);
  const step =
    MONTH_STEPS.find((count) => months / count < maxTicks) ?? Math.ceil(months / maxTicks / 12) * 12;
  // Month starts whose number (counted from year 0) is a multiple of the step: quarters start in January,
  // April, July and October; yearly ticks fall on January.
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  if (Date.UTC(Math.floor(index / 12), index % 12, 1) < min) index += 1;
  index = Math.ceil(index / step) * step;
  const ticks: number[] = [];
  for (let t = Date.UTC(Math.floor(index / 12), index % 12, 1); t <= max;) {
    ticks.push(t);
    index += step;
    t = Date.UTC(Math.floor(index / 12), index % 12, 1);
  }
  return { ticks, unit: 'month' };
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONTH_LABEL = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "3 Jun 2025" or "Jun 2025": a month name and a four-digit year, never a pair of numbers to misread. */
export function timeAxisLabel(t: number, unit: TimeAxisTicks['unit']): string {
  return (unit === 'day' ? DAY_LABEL : MONTH_LABEL).format(t);
}
