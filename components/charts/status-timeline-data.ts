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

const DAY_MS = 86_400_000;

function statusLevel(status: CommitmentStatus): number {
  return TIMELINE_LEVELS.indexOf(status);
}

/** What a point's tooltip says about the evidence. Labels are looked up on the client: hundreds of points each
 * carrying "Source B (usually reliable), information 2 (probably true)" made the page tens of KB heavier. */
type TimelineChartEvidence = {
  /** Null when the page did not send it (fromTimelineWire). */
  title: string | null;
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
  /** False when the page sent no title or reason for it (fromTimelineWire): the history has them. */
  detailed?: boolean;
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
 * The chart's data as the page sends it. A commitment followed for years has hundreds of points: as objects (or
 * tuples carrying each item's title, outlet and the row's reason) they made up most of its page. Here each point
 * is five short numbers; parties and outlets are named once; only the rows the page also lists (`detailed`) carry their
 * evidence title and reason, which the history beside the chart shows for every row, a page at a time.
 */
export type TimelineWire = {
  /** First and last day to show, YYYY-MM-DD; points' days count from `from`. */
  from: string;
  to: string;
  /**
   * Five numbers per follow-up, in rule order: its id less the previous one's, its day less the previous one's (the
   * first's: less `from`) in days, flags (wireFlags), party (0: none, else 1 + index), evidence (wireEvidence).
   * The differences are short numbers where ids and days are long; packNumbers writes them as a string of one or
   * two characters each (a JSON array spent three to five: digits and a comma).
   */
  points: string;
  parties: string[];
  outlets: string[];
  /** Evidence title and reason of the rows the page lists, by id. */
  details: Record<number, [title: string | null, reason: string | null]>;
};

const WIRE_STRIDE = 5;

/** 64 characters that JSON, HTML and a script string all carry as they are. */
const PACK_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/**
 * Integers as text: each zigzag-mapped (0, −1, 1, −2 … → 0, 1, 2, 3 …), then written five bits a character, lowest
 * first, the sixth bit saying another character follows. Numbers below 16 in size take one character, below 512 two.
 */
export function packNumbers(values: readonly number[]): string {
  let text = '';
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new Error(`packNumbers: ${value} is not a safe integer`);
    let rest = value >= 0 ? value * 2 : -value * 2 - 1;
    do {
      const low = rest % 32;
      rest = Math.floor(rest / 32);
      text += PACK_DIGITS[low + (rest > 0 ? 32 : 0)];
    } while (rest > 0);
  }
  return text;
}

/** The integers packNumbers wrote. */
export function unpackNumbers(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const char of text) {
    const digit = PACK_DIGITS.indexOf(char);
    if (digit < 0) throw new Error(`unpackNumbers: unexpected character ${JSON.stringify(char)}`);
    value += (digit % 32) * scale;
    scale *= 32;
    if (digit < 32) {
      values.push(value % 2 === 0 ? value / 2 : -(value + 1) / 2);
      value = 0;
      scale = 1;
    }
  }
  return values;
}
const WIRE_KINDS: readonly UpdateKind[] = ['assessment', 'corroboration', 'context'];
const WIRE_PRECISIONS: readonly DatePrecision[] = ['day', 'month', 'year', 'unknown'];
const WIRE_RELIABILITIES: readonly Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const WIRE_TYPES: readonly EvidenceType[] = ['announcement', 'concrete_action', 'contradiction'];
/** Credibility runs 1 to 6. */
const CREDIBILITIES = 6;

/** Status level, kind, precision and withdrawal in one number: level + 8 × (kind + 4 × (precision + 4 × withdrawn)). */
function wireFlags(update: TimelineChartUpdate): number {
  const kind = WIRE_KINDS.indexOf(update.kind ?? 'assessment');
  const precision = WIRE_PRECISIONS.indexOf(update.precision ?? 'day');
  return statusLevel(update.status) + 8 * (kind + 4 * (precision + 4 * (update.withdrawn ? 1 : 0)));
}

/** 0 without evidence; else 1 + (credibility − 1) + 6 × (reliability + 6 × (type + 3 × outlet)), by index. */
function wireEvidence(evidence: TimelineChartEvidence, outlet: number): number {
  const reliability = WIRE_RELIABILITIES.indexOf(evidence.reliability);
  const type = WIRE_TYPES.indexOf(evidence.type);
  return (
    1 +
    (evidence.credibility - 1) +
    CREDIBILITIES * (reliability + WIRE_RELIABILITIES.length * (type + WIRE_TYPES.length * outlet))
  );
}

function indexIn(names: string[], byName: Map<string, number>, name: string): number {
  let index = byName.get(name);
  if (index === undefined) {
    index = names.push(name) - 1;
    byName.set(name, index);
  }
  return index;
}

/** The chart's data for `updates` (rule order) over `span`; `detailed`: ids of the rows whose title and reason go too. */
export function toTimelineWire(
  updates: readonly TimelineChartUpdate[],
  span: { from: string; to: string },
  detailed: ReadonlySet<number>,
): TimelineWire {
  const points: number[] = [];
  const wire: TimelineWire = { ...span, points: '', parties: [], outlets: [], details: {} };
  const parties = new Map<string, number>();
  const outlets = new Map<string, number>();
  let id = 0;
  let time = dayToTime(span.from);
  for (const update of updates) {
    const { evidence } = update;
    const t = dayToTime(update.day);
    points.push(
      update.id - id,
      Math.round((t - time) / DAY_MS),
      wireFlags(update),
      update.party === null ? 0 : 1 + indexIn(wire.parties, parties, update.party),
      evidence ? wireEvidence(evidence, indexIn(wire.outlets, outlets, evidence.outlet)) : 0,
    );
    if (detailed.has(update.id)) wire.details[update.id] = [evidence?.title ?? null, update.reason];
    id = update.id;
    time = t;
  }
  wire.points = packNumbers(points);
  return wire;
}

/**
 * The follow-ups back from the wire, in rule order. A row the page does not list comes without its reason and
 * with its evidence's title null: the chart then points to the history for them.
 */
export function fromTimelineWire(wire: TimelineWire): TimelineChartUpdate[] {
  const updates: TimelineChartUpdate[] = [];
  let id = 0;
  let time = dayToTime(wire.from);
  const points = unpackNumbers(wire.points);
  for (let i = 0; i + WIRE_STRIDE <= points.length; i += WIRE_STRIDE) {
    const [idStep, days, flags, party, evidence] = points.slice(i, i + WIRE_STRIDE);
    id += idStep;
    time += days * DAY_MS;
    const detail = wire.details[id];
    let code = evidence - 1;
    const credibility = (code % CREDIBILITIES) + 1;
    code = Math.floor(code / CREDIBILITIES);
    const reliability = WIRE_RELIABILITIES[code % WIRE_RELIABILITIES.length];
    code = Math.floor(code / WIRE_RELIABILITIES.length);
    const type = WIRE_TYPES[code % WIRE_TYPES.length];
    const outlet = wire.outlets[Math.floor(code / WIRE_TYPES.length)];
    updates.push({
      id,
      day: formatDay(new Date(time)),
      status: TIMELINE_LEVELS[flags % 8],
      party: party === 0 ? null : wire.parties[party - 1],
      reason: detail?.[1] ?? null,
      evidence:
        evidence === 0 ? null : { title: detail?.[0] ?? null, outlet, reliability, credibility, type },
      precision: WIRE_PRECISIONS[Math.floor(flags / 32) % 4],
      kind: WIRE_KINDS[Math.floor(flags / 8) % 4],
      withdrawn: flags >= 128,
      ...(detail ? {} : { detailed: false }),
    });
  }
  return updates;
}

export type StepPoint = { t: number; level: number; status: CommitmentStatus };
export type UpdatePoint = StepPoint & { update: TimelineChartUpdate };

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
