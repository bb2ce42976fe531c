// Shapes a commitment's follow-up log into the two series of the status timeline chart: the status as a step line
// over time, and one point per follow-up (the ones citing evidence filled). Pure, so it runs on the server and the
// client component only draws. Days travel as 'YYYY-MM-DD' (serialisable props) and become UTC-midnight epochs.
import type { CommitmentStatus } from '@/lib/domain/status';
import type { EvidenceType, Reliability } from '@/lib/generated/prisma/enums';

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

export function statusLevel(status: CommitmentStatus): number {
  return TIMELINE_LEVELS.indexOf(status);
}

/** What a point's tooltip says about the evidence. Labels are looked up on the client: hundreds of points each
 * carrying "Source B (usually reliable), information 2 (probably true)" made the page tens of KB heavier. */
export type TimelineChartEvidence = {
  title: string;
  outlet: string;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
};

/** One follow-up, in the order of the rules (oldest news first). */
export type TimelineChartUpdate = {
  id: number;
  day: string;
  status: CommitmentStatus;
  party: string | null;
  reason: string | null;
  evidence: TimelineChartEvidence | null;
};

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
  ];
}

export function fromWireUpdate([
  id,
  day,
  status,
  party,
  reason,
  evidence,
]: TimelineWireUpdate): TimelineChartUpdate {
  return {
    id,
    day,
    status,
    party,
    reason,
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
 * The step line (status of the commitment as a whole after each day's news, from `from` to `to`) and the update
 * points. Before the first follow-up the status is "no evidence". Updates must be in rule order: the last one of a
 * day decides that day's status.
 */
export function timelineSeries(
  updates: readonly TimelineChartUpdate[],
  from: string,
  to: string,
): { steps: StepPoint[]; points: UpdatePoint[]; domain: [number, number] } {
  const start = dayToTime(from);
  const end = Math.max(dayToTime(to), start);
  const steps: StepPoint[] = [];
  const push = (t: number, status: CommitmentStatus) => {
    if (steps.at(-1)?.t === t) steps.pop();
    steps.push({ t, level: statusLevel(status), status });
  };
  const firstDay = updates.length ? dayToTime(updates[0].day) : Infinity;
  if (firstDay > start) push(start, 'no_evidence');
  for (const update of updates) push(dayToTime(update.day), update.status);
  const finalStatus = updates.at(-1)?.status ?? 'no_evidence';
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
