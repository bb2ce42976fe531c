import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowRight, FileText, Newspaper } from 'lucide-react';
import { StatusCountsChart } from '@/components/charts/status-counts-chart';
import { StatusCounts } from '@/components/commitments/status-counts';
import { COMPLIANCE_EXPLANATION } from '@/components/dashboard/compliance-meter';
import { DashboardAsOf } from '@/components/dashboard/dashboard-as-of';
import { NeedsAttentionCard } from '@/components/dashboard/needs-attention-card';
import { RecentFollowUps } from '@/components/dashboard/recent-follow-ups';
import { OverviewCommitments } from '@/components/overview/overview-commitments';
import { PartyComplianceList } from '@/components/overview/party-compliance-list';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { staleAfterDays } from '@/lib/config';
import { listNeedsAttention } from '@/lib/data/attention';
import { listCommitments } from '@/lib/data/commitments';
import { getOverviewSummary, listRecentFollowUps, withStatusesAsOf } from '@/lib/data/dashboard';
import { listPartiesWithCompliance } from '@/lib/data/party-dashboard';
import { formatDate } from '@/lib/format/date';
import { asOfQuery, parseDashboardAsOf } from '@/lib/validation/as-of';
import { parsePageParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

const QUEUE_LENGTH = 5;
const RECENT_FOLLOW_UPS = 5;
/** Top-level parties in the compliance card: those answering for the most commitments; /parties has them all. */
const PARTY_ROWS = 10;

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const page = parsePageParam(query.page);
  // Without a day, today's state from the status cache; with one, every panel as it stood at the end of that day.
  const { asOf, notice, today } = parseDashboardAsOf(query);
  const [summary, commitments, queue, recent, parties] = await Promise.all([
    getOverviewSummary({ asOf }),
    listCommitments({ page }).then(async (found) => ({
      ...found,
      items: await withStatusesAsOf(found.items, asOf),
    })),
    listNeedsAttention({ limit: QUEUE_LENGTH, asOf }),
    listRecentFollowUps({ limit: RECENT_FOLLOW_UPS, asOf }),
    listPartiesWithCompliance({ asOf }),
  ]);
  const keep = asOfQuery(asOf);
  const when = asOf ? `as of ${formatDate(asOf)}` : 'today';

  if (summary.agreementCount === 0) {
    return (
      <>
        <PageHeader title="Overview" />
        <Card>
          <EmptyState
            icon={FileText}
            title="No agreements yet"
            description={
              <p>
                Once an agreement and its commitments are recorded, this page shows where each commitment
                stands and the evidence behind it. To load the example agreement, run{' '}
                <code className="font-mono">npm run db:seed</code>.
              </p>
            }
          />
        </Card>
      </>
    );
  }

  // The top of the party tree (states, organisations) that answers for something, each with the parties under
  // it; the largest first, as many as the narrow column holds. /parties has every party, ministries and agencies
  // included.
  const topParties = parties.filter(
    (party) => party.depth === 0 && party.compliance.withSubParties.commitments > 0,
  );
  const shownParties = topParties
    .toSorted(
      (a, b) =>
        b.compliance.withSubParties.commitments - a.compliance.withSubParties.commitments ||
        a.name.localeCompare(b.name),
    )
    .slice(0, PARTY_ROWS);

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <p>
            Where every tracked commitment stands{asOf ? ` as of ${formatDate(asOf)}` : ''}, according to its
            latest graded evidence{asOf ? ' by then' : ''}.
          </p>
        }
      />

      <DashboardAsOf
        pathname="/"
        asOf={asOf}
        today={today}
        notice={notice}
        covers="counts, compliance, statuses, attention flags and follow-ups"
      />

      <section aria-labelledby="status-counts-heading" className="mb-6">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="status-counts-heading" className="text-base font-semibold text-slate-900">
            Commitments by status
          </h2>
          <p className="text-sm text-slate-600">
            {plural(summary.commitmentCount, 'commitment')} in {plural(summary.agreementCount, 'agreement')}
          </p>
        </div>
        <StatusCounts counts={summary.statusCounts} labelledBy="status-counts-heading" />
      </section>

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
        <NeedsAttentionCard
          queue={queue}
          asOf={asOf}
          className="lg:col-span-3"
          description={`${plural(queue.total, 'commitment')} overdue, stale (no news for ${staleAfterDays()} days), contradicted or weakly supported ${when}. Most urgent first.`}
          allLink={
            <Link
              href={`/commitments?${new URLSearchParams({ attention: 'any', ...keep })}`}
              className="link inline-flex items-center gap-1 text-sm"
            >
              All {queue.total}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          }
          emptyDescription={`No commitment is overdue, stale, contradicted or weakly supported ${when}.`}
        />

        <Card aria-labelledby="status-chart-heading" className="self-start lg:col-span-2">
          <CardHeader
            id="status-chart-heading"
            title="Status distribution"
            description="The counts above as a chart."
          />
          <div className="px-2 py-3 sm:px-3">
            <StatusCountsChart counts={summary.statusCounts} />
          </div>
        </Card>
      </div>

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card aria-labelledby="recent-heading" className="self-start lg:col-span-3">
          <CardHeader
            id="recent-heading"
            title="Recent follow-ups"
            description={
              asOf
                ? `The newest news by ${formatDate(asOf)}: follow-ups whose fact date is on or before it, whenever they were logged.`
                : 'The latest status updates as they were logged.'
            }
          />
          {recent.length ? (
            <RecentFollowUps items={recent} labelledBy="recent-heading" asOf={asOf} />
          ) : (
            <EmptyState
              level={3}
              icon={Newspaper}
              title={asOf ? 'No follow-ups by that day' : 'No follow-ups logged yet'}
            />
          )}
        </Card>

        <Card aria-labelledby="compliance-heading" className="self-start lg:col-span-2">
          <CardHeader
            id="compliance-heading"
            title="Compliance per party"
            description={`${
              topParties.length > shownParties.length
                ? `The ${shownParties.length} of ${topParties.length} top-level parties answering for the most commitments, each with the parties under it. `
                : 'Each top-level party, with the parties under it. '
            }${COMPLIANCE_EXPLANATION}${asOf ? ` As of ${formatDate(asOf)}.` : ''}`}
            actions={
              <Link href="/parties" className="link text-sm">
                All parties
              </Link>
            }
          />
          {shownParties.length ? (
            <PartyComplianceList
              rows={shownParties}
              caption="Compliance per party, with the parties under it"
              asOf={asOf}
            />
          ) : (
            <EmptyState level={3} title="No party is responsible for a commitment yet" />
          )}
        </Card>
      </div>

      <Card aria-labelledby="commitments-heading">
        <CardHeader
          id="commitments-heading"
          title="Commitments"
          description={
            asOf
              ? `Status as of ${formatDate(asOf)}, from the latest follow-up on each commitment by then.`
              : 'Current status from the latest follow-up on each commitment.'
          }
          actions={
            <Link
              href={asOf ? `/commitments?${new URLSearchParams(keep)}` : '/commitments'}
              className="link inline-flex items-center gap-1 text-sm"
            >
              Filter and sort
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          }
        />
        {commitments.total === 0 ? (
          <EmptyState
            level={3}
            title="No commitments yet"
            description="The agreements recorded so far have none."
          />
        ) : (
          <>
            <OverviewCommitments
              rows={commitments.items}
              caption={
                asOf
                  ? `Commitments with their status as of ${formatDate(asOf)}, by agreement`
                  : 'Commitments with their current status, by agreement'
              }
              asOf={asOf}
            />
            <Pagination
              page={commitments.page}
              pageCount={commitments.pageCount}
              pageSize={commitments.pageSize}
              total={commitments.total}
              pathname="/"
              query={keep}
              noun="commitments"
            />
          </>
        )}
      </Card>
    </>
  );
}
