import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { StatusTimelineChart } from '@/components/charts/status-timeline-chart';
import { chartUpdate, toTimelineWire } from '@/components/charts/status-timeline-data';
import { AnchorFallback } from '@/components/commitments/anchor-fallback';
import { AuditCard } from '@/components/commitments/audit-card';
import { CommitmentDetails } from '@/components/commitments/commitment-details';
import { CommitmentHeader } from '@/components/commitments/commitment-header';
import { HistoryAndEvidence } from '@/components/commitments/history-and-evidence';
import { LogFollowUpCard } from '@/components/commitments/log-follow-up-card';
import { ProposalNotice } from '@/components/commitments/proposal-notice';
import { RecurrenceSeriesTable } from '@/components/commitments/recurrence-series';
import { ProposedUpdates } from '@/components/review/proposed-updates';
import { listCommitmentProposals } from '@/lib/data/review';
import { AsOfPicker } from '@/components/dashboard/as-of-picker';
import { attentionExplanations } from '@/components/dashboard/attention-explanations';
import { AttentionPanel } from '@/components/dashboard/attention-panel';
import { logFollowUp } from '../../follow-ups/actions';
import { Card, CardHeader } from '@/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { staleAfterDays } from '@/lib/config';
import { getCommitmentDashboard } from '@/lib/data/commitment-dashboard';
import { getCommitmentOption } from '@/lib/data/evidence';
import { formatDay, today as todayUtc } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';
import { NotFoundError } from '@/lib/errors';
import { hasOutletOptions } from '@/lib/search/options';
import { parseAsOfParam, type SearchParams } from '@/lib/validation/filters';
import { parseIdParam, parsePageParam } from '@/lib/validation/params';
import { FollowControl } from '@/app/(app)/me/following/follow-control';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

// Shared by generateMetadata and the page, so one request reads the commitment once (cache compares arguments, so
// they are plain values).
const loadDashboard = cache(
  async (
    rawId: string,
    asOfParam: string | undefined,
    historyPage: number,
    evidencePage: number,
    auditPage: number | null,
    showUpdate: number | null,
    showEvidence: number | null,
  ) => {
    const id = parseIdParam(rawId);
    if (id === null) notFound();
    try {
      return await getCommitmentDashboard(id, {
        asOf: parseAsOfParam(asOfParam),
        today: todayUtc(),
        historyPage,
        evidencePage,
        auditPage,
        showUpdate,
        showEvidence,
      });
    } catch (error) {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }
  },
);

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The dashboard the URL asks for: as of a day (`asOf`), each list at its page (`page`: the status history,
 * `evidencePage`, and `audit`, which also shows the audit trail), or the history and evidence at the pages holding
 * one row (`update`, `evidence`: what a link to a row's anchor becomes, see AnchorFallback).
 */
async function load({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const idOf = (value: string | string[] | undefined) => parseIdParam(first(value) ?? '');
  return loadDashboard(
    id,
    first(query.asOf),
    parsePageParam(query.page),
    parsePageParam(query.evidencePage),
    query.audit === undefined ? null : parsePageParam(query.audit),
    idOf(query.update),
    idOf(query.evidence),
  );
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const dashboard = await load(props);
  return { title: dashboard.commitment.title };
}

export default async function CommitmentPage(props: Props) {
  const [dashboard, user] = await Promise.all([load(props), getCurrentUser()]);
  const { commitment, state, asOf, day, chart, series } = dashboard;
  const pathname = `/commitments/${commitment.id}`;
  // A list's other pages keep the day and the other lists where they are, and land on the list. The history and
  // the evidence at page 1 need no parameter; the audit trail shows only with one.
  const shown: Record<'page' | 'evidencePage' | 'audit', number | null> = {
    page: dashboard.historyPage.page,
    evidencePage: dashboard.evidencePage.page,
    audit: dashboard.audit?.page ?? null,
  };
  const pageHref = (list: keyof typeof shown, page: number | null, anchor: string) => {
    const query = new URLSearchParams(asOf ? { asOf: formatDay(asOf) } : {});
    for (const [key, value] of Object.entries({ ...shown, [list]: page })) {
      if (value !== null && (value !== 1 || key === 'audit')) query.set(key, String(value));
    }
    const search = query.toString();
    return `${pathname}${search ? `?${search}` : ''}#${anchor}`;
  };
  // The form's pickers search commitments and outlets as the analyst types: the page carries only this one.
  const formOptions = can(user, 'write')
    ? await Promise.all([getCommitmentOption(commitment.id), hasOutletOptions()]).then(
        ([preset, hasOutlets]) => ({ commitments: preset ? [preset] : [], hasOutlets }),
      )
    : null;
  const explanations = attentionExplanations({
    ...dashboard.attentionFacts,
    status: state.status,
    dueOn: commitment.dueOn,
    day,
    isToday: !asOf,
    lastNewsOn: state.lastEvidenceOn,
    createdOn: state.createdOn,
    staleAfterDays: staleAfterDays(),
  });

  return (
    <>
      <CommitmentHeader dashboard={dashboard} pathname={pathname} canWrite={formOptions !== null} />
      <div className="-mt-3 mb-6">
        <FollowControl target="commitment" id={commitment.id} />
      </div>
      {dashboard.proposal ? <ProposalNotice adoption={dashboard.proposal.adoption} /> : null}

      <div className="mb-6">
        <AsOfPicker pathname={pathname} asOf={asOf} today={todayUtc()} />
      </div>

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
        <CommitmentDetails dashboard={dashboard} />
        <Card aria-labelledby="attention-heading" className="self-start lg:col-span-2">
          <CardHeader
            id="attention-heading"
            title="Needs attention?"
            description={asOf ? `As judged on ${formatDate(asOf)}.` : 'As judged today.'}
          />
          <AttentionPanel flags={state.flags} explanations={explanations} labelledBy="attention-heading" />
        </Card>
      </div>

      {series ? (
        <Card aria-labelledby="series-heading" className="mb-6">
          <CardHeader
            id="series-heading"
            title="Occurrences"
            description={`Every expected occurrence up to ${asOf ? formatDate(asOf) : 'today'}: held when a follow-up cites a concrete action in the period.`}
          />
          <RecurrenceSeriesTable series={series} asOf={asOf} />
        </Card>
      ) : null}

      <Card aria-labelledby="timeline-heading" className="mb-6">
        <CardHeader
          id="timeline-heading"
          title="Status timeline"
          description="The status after each day's news; every point is a follow-up."
        />
        <div className="px-2 pt-4 pb-3 sm:px-4">
          <StatusTimelineChart
            data={toTimelineWire(
              chart.entries.map(chartUpdate),
              chart.span,
              new Set(dashboard.historyPage.items.map((entry) => entry.id)),
            )}
            asOf={asOf ? formatDay(asOf) : undefined}
            describedBy="history-heading"
          />
        </div>
      </Card>

      <ProposedUpdates
        proposals={await listCommitmentProposals(commitment.id)}
        canReview={can(user, 'write')}
      />

      <HistoryAndEvidence
        dashboard={dashboard}
        pageHref={(list, page) =>
          pageHref(list, page, list === 'page' ? 'history-heading' : 'evidence-heading')
        }
        canWrite={formOptions !== null}
      />
      <AnchorFallback />

      {formOptions ? (
        <LogFollowUpCard
          action={logFollowUp}
          commitmentId={commitment.id}
          pathname={pathname}
          commitments={formOptions.commitments}
          hasOutlets={formOptions.hasOutlets}
        />
      ) : null}

      <AuditCard audit={dashboard.audit} pageHref={(page) => pageHref('audit', page, 'audit-heading')} />
    </>
  );
}
