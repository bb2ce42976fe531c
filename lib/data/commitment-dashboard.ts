// Everything one commitment's page shows, as of today or as of a day, in one call: the page composes and never
// computes. A fixed handful of queries whatever the length of the history.
//
// The status, its since-day and the attention flags come from lib/data/attention.ts (cache today, history as of a
// day). The rest is derived here from the commitment's follow-up log, where only rows that count for status
// (lib/domain/status.ts countsForStatus) decide anything: the status chart, the per-party statuses as of a day,
// the run the status rests on. The history list shows every row (corroborations, context, withdrawn rows marked
// by the list), and the evidence list every item those rows cite, each a page at a time: a commitment followed for
// years has hundreds of both, which the chart shows at a glance.
import { compareDays } from '../domain/dates.ts';
import { countsForStatus, updatesAsOf } from '../domain/status.ts';
import { NotFoundError } from '../errors.ts';
import { getCommitmentStates } from './attention.ts';
import { effectiveEvidenceType, latestEvidenceUpdate, supportingUpdates } from '../domain/attention.ts';
import {
  adoptionOf,
  citedEvidence,
  getCommitmentOrThrow,
  listCommitmentHistory,
  listEvidenceItems,
  recurrenceSeries,
} from './commitments.ts';
import { listCommitmentAuditTrail, listPartyStatuses, timelineSpan } from './timeline.ts';

export type CommitmentDashboardOptions = {
  /** The day the page describes; null or absent: today. */
  asOf?: Date | null;
  /** Today (UTC midnight); tests pass their own. */
  today: Date;
  /** Pages (from 1) of the status history and the evidence list; beyond the last: the last. */
  historyPage?: number;
  evidencePage?: number;
  /** The page of the audit trail to show; absent: the trail is not read (the page offers a link to it). */
  auditPage?: number | null;
  /** A follow-up row or evidence item to show: its list opens at the page that holds it (a link to its anchor). */
  showUpdate?: number | null;
  showEvidence?: number | null;
};

/** Rows per page of the status history and of the evidence list (newest first). */
const HISTORY_PAGE_SIZE = 10;
const EVIDENCE_PAGE_SIZE = 4;

type ListPage<T> = { items: T[]; page: number; pageCount: number; pageSize: number; total: number };

/** Page `page` of `items`, or the one holding the item with id `show` when there is one. */
function pageOf<T extends { id: number }>(
  items: readonly T[],
  size: number,
  page = 1,
  show?: number | null,
): ListPage<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const index = show ? items.findIndex((item) => item.id === show) : -1;
  const current = index >= 0 ? Math.floor(index / size) + 1 : Math.min(Math.max(1, page), pageCount);
  return {
    items: items.slice((current - 1) * size, current * size),
    page: current,
    pageCount,
    pageSize: size,
    total: items.length,
  };
}

export async function getCommitmentDashboard(id: number, options: CommitmentDashboardOptions) {
  const asOf = options.asOf ?? null;
  const day = asOf ?? options.today;
  const [commitment, history, states] = await Promise.all([
    getCommitmentOrThrow(id),
    listCommitmentHistory(id),
    getCommitmentStates([id], { asOf, today: options.today }),
  ]);
  const state = states.get(id);
  if (!state) throw new NotFoundError('commitment');

  // What decides the status: counting rows only. What the history shows: every row whose fact held by the day.
  const counting = history.filter(countsForStatus);
  const countingVisible = asOf ? updatesAsOf(counting, asOf) : counting;
  const visible = asOf ? updatesAsOf(history, asOf) : history;

  // The evidence the follow-ups up to the day cite (as of today: every row), in the list's order; only the page
  // shown is read in full.
  const cited = pageOf(
    citedEvidence(visible),
    EVIDENCE_PAGE_SIZE,
    options.evidencePage,
    options.showEvidence,
  );

  const [parties, audit, evidenceItems] = await Promise.all([
    asOf
      ? listPartyStatuses(id, commitment.responsibleParties, { asOf, timeline: history })
      : listPartyStatuses(id, commitment.responsibleParties),
    options.auditPage
      ? listCommitmentAuditTrail(
          id,
          history.map((entry) => entry.id),
          { page: options.auditPage },
        )
      : null,
    listEvidenceItems(cited.items.map((item) => item.id)),
  ]);

  // What the flags' explanations rest on, by the rules of lib/domain/attention.ts (decision 010): the newest row
  // citing evidence (corroborations included) and the rows supporting the current status.
  const latestCited = latestEvidenceUpdate(visible);
  const run = supportingUpdates(visible);
  const newestFirst = [...visible].reverse();

  const lastNews = history.at(-1)?.observedOn;
  let chartEnd = asOf && compareDays(asOf, options.today) > 0 ? asOf : options.today;
  if (lastNews && compareDays(lastNews, chartEnd) > 0) chartEnd = lastNews;

  const adoption = commitment.strength === 'proposal' ? adoptionOf(history, day) : null;

  return {
    commitment,
    asOf,
    day,
    state,
    /** Every row of the log up to the day, oldest news first (counting or not). */
    history: visible,
    /** The page of them the history lists, newest news first. */
    historyPage: pageOf(newestFirst, HISTORY_PAGE_SIZE, options.historyPage, options.showUpdate),
    /** The row the status rests on: the newest that counts. */
    restsOnId: newestFirst.find(countsForStatus)?.id,
    laterCount: history.length - visible.length,
    /** The page of the cited evidence the list shows, newest publication first. */
    evidencePage: { ...cited, items: evidenceItems },
    partyStatuses: parties,
    audit,
    /** Every row, for the chart to draw (corroborations and withdrawn rows as marks; only counting rows move the
     * status line: components/charts/status-timeline-data.ts chartUpdate). */
    chart: { entries: history, span: timelineSpan(history, state.createdOn, chartEnd) },
    attentionFacts: {
      flags: state.flags,
      latestEvidence: latestCited?.evidence
        ? {
            title: latestCited.evidence.title,
            type: effectiveEvidenceType(latestCited) ?? latestCited.evidence.type,
          }
        : null,
      runGrades: run.flatMap((entry) => (entry.evidence ? [entry.evidence] : [])),
      hasUpdates: countingVisible.length > 0,
    },
    series: recurrenceSeries(commitment, history, day),
    proposal:
      commitment.strength === 'proposal'
        ? {
            adoption: adoption && {
              updateId: adoption.id,
              observedOn: adoption.observedOn,
              observedPrecision: adoption.observedPrecision,
            },
          }
        : null,
  };
}

export type CommitmentDashboard = Awaited<ReturnType<typeof getCommitmentDashboard>>;
