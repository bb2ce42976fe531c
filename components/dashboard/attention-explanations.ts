// Words for the four needs-attention checks of one commitment, from the facts they are judged on. The flags
// themselves come from lib/data/attention.ts (SQL, proven equal to lib/domain/attention.ts); this only explains.
import { ATTENTION_DESCRIPTIONS, isStrongGrade, type AttentionFlag } from '@/lib/domain/attention';
import { daysBetween } from '@/lib/domain/dates';
import { STATUS_LABELS, type CommitmentStatus } from '@/lib/domain/status';
import { formatDate } from '@/lib/format/date';
import type { EvidenceType, Reliability } from '@/lib/generated/prisma/enums';

export type AttentionFacts = {
  flags: readonly AttentionFlag[];
  status: CommitmentStatus;
  dueOn: Date | null;
  /** The day judged on: today, or the as-of day. */
  day: Date;
  isToday: boolean;
  lastNewsOn: Date | null;
  createdOn: Date;
  staleAfterDays: number;
  /** The newest update citing evidence, up to the day. */
  latestEvidence: { title: string; type: EvidenceType } | null;
  /** Grades of the evidence the current status rests on (its run of updates). */
  runGrades: { reliability: Reliability; credibility: number }[];
  hasUpdates: boolean;
};

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

export function attentionExplanations(facts: AttentionFacts): Record<AttentionFlag, string> {
  const on = (flag: AttentionFlag) => facts.flags.includes(flag);
  const when = facts.isToday ? 'today' : `on ${formatDate(facts.day)}`;

  let overdue: string;
  if (!facts.dueOn) overdue = 'No due date is recorded.';
  else if (on('overdue'))
    overdue = `Was due ${formatDate(facts.dueOn)} and is not fulfilled: ${days(daysBetween(facts.dueOn, facts.day))} overdue ${when}.`;
  else if (facts.status === 'fulfilled') overdue = `Due ${formatDate(facts.dueOn)}; fulfilled.`;
  else overdue = `Due ${formatDate(facts.dueOn)}.`;

  const since = facts.lastNewsOn ?? facts.createdOn;
  const quiet = daysBetween(since, facts.day);
  const from = facts.lastNewsOn
    ? `the last news (${formatDate(since)})`
    : `it was recorded (${formatDate(since)})`;
  let stale: string;
  if (facts.status === 'fulfilled' || facts.status === 'broken')
    stale = `${STATUS_LABELS[facts.status]} is an end state: it needs no fresh news.`;
  else if (on('stale'))
    stale = `${days(quiet)} since ${from}, more than the ${days(facts.staleAfterDays)} allowed.`;
  else stale = `${days(Math.max(0, quiet))} since ${from}; stale after ${days(facts.staleAfterDays)}.`;

  const contradicted = !facts.latestEvidence
    ? 'No evidence has been cited yet.'
    : on('contradicted')
      ? `The latest evidence, “${facts.latestEvidence.title}”, contradicts the commitment.`
      : `The latest evidence, “${facts.latestEvidence.title}”, is not a contradiction.`;

  let weak: string;
  if (!facts.hasUpdates) weak = 'No status has been logged, so there is nothing to support.';
  else if (on('weak'))
    weak = facts.runGrades.length
      ? `${ATTENTION_DESCRIPTIONS.weak} Cited: ${facts.runGrades.map((g) => `${g.reliability}${g.credibility}`).join(', ')}.`
      : 'The current status cites no evidence at all.';
  else {
    const strong = facts.runGrades.filter(isStrongGrade).map((g) => `${g.reliability}${g.credibility}`);
    weak = `The current status rests on strong evidence (${[...new Set(strong)].join(', ')}).`;
  }

  return { overdue, stale, contradicted, weak };
}
