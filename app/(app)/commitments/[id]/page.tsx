import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ClipboardList, History, Newspaper, Pencil, Plus } from 'lucide-react';
import { StatusTimelineChart } from '@/components/charts/status-timeline-chart';
import { toWireUpdate } from '@/components/charts/status-timeline-data';
import { PartyNames } from '@/components/commitments/party-names';
import { StatusChip } from '@/components/commitments/status-chip';
import { StatusHistory } from '@/components/commitments/status-history';
import { AsOfPicker } from '@/components/dashboard/as-of-picker';
import { AttentionBadges } from '@/components/dashboard/attention-badges';
import { attentionExplanations } from '@/components/dashboard/attention-explanations';
import { AttentionPanel } from '@/components/dashboard/attention-panel';
import { AuditTrail } from '@/components/dashboard/audit-trail';
import { secondaryButtonClass } from '@/components/dashboard/filter-controls';
import { PartyStatusList } from '@/components/dashboard/party-status-list';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { LogFollowUpForm } from '@/components/follow-ups/log-follow-up-form';
import { logFollowUp } from '../../follow-ups/actions';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { staleAfterDays } from '@/lib/config';
import { getCommitmentStates } from '@/lib/data/attention';
import { getCommitmentOrThrow } from '@/lib/data/commitments';
import { getFollowUpFormOptions } from '@/lib/data/evidence';
import {
  listCommitmentAuditTrail,
  listCommitmentTimeline,
  listPartyStatuses,
  timelineAsOf,
  timelineSpan,
} from '@/lib/data/timeline';
import { compareDays, formatDay, today as todayUtc } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';
import { NotFoundError } from '@/lib/errors';
import { parseAsOfParam, type SearchParams } from '@/lib/validation/filters';
import { parseIdParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/**
 * Follow-ups and evidence items listed before "Show all": a commitment followed for years has hundreds, which the
 * timeline chart shows at a glance; the lists open with the newest.
 */
const LIST_LENGTH = 10;

// Shared by generateMetadata and the page, so one request reads the commitment once.
const loadCommitment = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getCommitmentOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const commitment = await loadCommitment((await params).id);
  return { title: commitment.title };
}

export default async function CommitmentPage({ params, searchParams }: Props) {
  const commitment = await loadCommitment((await params).id);
  const query = await searchParams;
  const asOf = parseAsOfParam(query.asOf) ?? null;
  const showAll = query.all === '1';
  const today = todayUtc();
  const day = asOf ?? today;
  const pathname = `/commitments/${commitment.id}`;

  const user = await getCurrentUser();
  const writer = can(user, 'write');
  const [states, timeline, formOptions] = await Promise.all([
    getCommitmentStates([commitment.id], { asOf }),
    listCommitmentTimeline(commitment.id),
    writer
      ? getFollowUpFormOptions(undefined, {
          agreementId: commitment.agreement.id,
          alsoIds: commitment.reciprocal ? [commitment.reciprocal.id] : [],
        })
      : null,
  ]);
  const state = states.get(commitment.id);
  if (!state) notFound();
  const visible = timelineAsOf(timeline, asOf);
  const [partyStatuses, audit] = await Promise.all([
    listPartyStatuses(commitment.id, commitment.responsibleParties, { asOf, timeline }),
    listCommitmentAuditTrail(
      commitment.id,
      timeline.map((entry) => entry.id),
    ),
  ]);

  // As of a day, the evidence is what the follow-ups up to then cited.
  const citedIds = new Set(visible.flatMap((entry) => (entry.evidence ? [entry.evidence.id] : [])));
  const evidence = asOf ? commitment.evidence.filter((item) => citedIds.has(item.id)) : commitment.evidence;
  const laterCount = timeline.length - visible.length;
  const historyShown = [...visible].reverse().slice(0, showAll ? undefined : LIST_LENGTH);
  const evidenceShown = showAll ? evidence : evidence.slice(0, LIST_LENGTH);
  const showAllHref = `${pathname}?${new URLSearchParams({
    ...(asOf ? { asOf: formatDay(asOf) } : {}),
    all: '1',
  })}#history-heading`;

  // The run of follow-ups the status rests on (newest back to the first with another status).
  const run: typeof visible = [];
  for (let i = visible.length - 1; i >= 0 && visible[i].status === state.status; i--) run.push(visible[i]);
  const explanations = attentionExplanations({
    flags: state.flags,
    status: state.status,
    dueOn: commitment.dueOn,
    day,
    isToday: !asOf,
    lastNewsOn: state.lastEvidenceOn,
    createdOn: state.createdOn,
    staleAfterDays: staleAfterDays(),
    latestEvidence: visible.findLast((entry) => entry.evidence)?.evidence ?? null,
    runGrades: run.flatMap((entry) => (entry.evidence ? [entry.evidence] : [])),
    hasUpdates: visible.length > 0,
  });

  const chartUpdates = timeline.map((entry) =>
    toWireUpdate({
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
            type: entry.evidence.type,
          }
        : null,
    }),
  );
  const lastNews = timeline.at(-1)?.observedOn;
  let chartEnd = asOf && compareDays(asOf, today) > 0 ? asOf : today;
  if (lastNews && compareDays(lastNews, chartEnd) > 0) chartEnd = lastNews;
  const span = timelineSpan(timeline, state.createdOn, chartEnd);

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Commitments', href: '/commitments' },
          { label: commitment.agreement.title, href: `/agreements/${commitment.agreement.id}` },
        ]}
        eyebrow={commitment.category.name}
        title={commitment.title}
        meta={
          <>
            <span className="inline-flex flex-wrap items-center gap-2">
              <span className="sr-only">
                {asOf ? `Status as of ${formatDate(asOf)}: ` : 'Current status: '}
              </span>
              <StatusChip status={state.status} size="md" />
              {state.since ? (
                <span>
                  since <Day date={state.since} />
                </span>
              ) : null}
              {asOf ? <Badge tone="violet">As of {formatDate(asOf)}</Badge> : null}
            </span>
            <AttentionBadges flags={state.flags} />
            {commitment.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
          </>
        }
        description={
          commitment.description ? <p className="whitespace-pre-line">{commitment.description}</p> : null
        }
        actions={
          writer ? (
            <>
              <Link href={`${pathname}/edit`} className={secondaryButtonClass}>
                <Pencil aria-hidden className="size-4" />
                Edit<span className="sr-only"> commitment</span>
              </Link>
              <a href="#log-follow-up" className={secondaryButtonClass}>
                <Plus aria-hidden className="size-4" />
                Log follow-up
              </a>
            </>
          ) : null
        }
      />

      <div className="mb-6">
        <AsOfPicker pathname={pathname} asOf={asOf} today={today} />
      </div>

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card aria-labelledby="details-heading" className="self-start lg:col-span-3">
          <CardHeader id="details-heading" title="Details" />
          <CardBody>
            <DescriptionList
              items={[
                {
                  term: 'Agreement',
                  value: (
                    <Link href={`/agreements/${commitment.agreement.id}`} className="link">
                      {commitment.agreement.title}
                    </Link>
                  ),
                },
                { term: 'Category', value: commitment.category.name },
                { term: 'Due', value: <Day date={commitment.dueOn} fallback="No due date" /> },
                { term: 'Last news', value: <Day date={state.lastEvidenceOn} fallback="None yet" /> },
                {
                  term: 'Responsible',
                  value: <PartyNames parties={commitment.responsibleParties} empty="None recorded" />,
                },
                {
                  term: 'Beneficiaries',
                  value: <PartyNames parties={commitment.beneficiaryParties} empty="None recorded" />,
                },
                {
                  term: 'Reciprocal commitment',
                  value: commitment.reciprocal ? (
                    <Link href={`/commitments/${commitment.reciprocal.id}`} className="link">
                      {commitment.reciprocal.title}
                    </Link>
                  ) : (
                    <span className="text-slate-500">None</span>
                  ),
                },
              ]}
            />
          </CardBody>
          <div className="border-t border-slate-200">
            <h3 id="party-status-heading" className="px-4 pt-3 text-sm font-semibold text-slate-900 sm:px-5">
              Status per responsible party
            </h3>
            {partyStatuses.length ? (
              <PartyStatusList rows={partyStatuses} labelledBy="party-status-heading" />
            ) : (
              <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">No responsible party recorded.</p>
            )}
          </div>
        </Card>

        <Card aria-labelledby="attention-heading" className="self-start lg:col-span-2">
          <CardHeader
            id="attention-heading"
            title="Needs attention?"
            description={asOf ? `As judged on ${formatDate(asOf)}.` : 'As judged today.'}
          />
          <AttentionPanel flags={state.flags} explanations={explanations} labelledBy="attention-heading" />
        </Card>
      </div>

      <Card aria-labelledby="timeline-heading" className="mb-6">
        <CardHeader
          id="timeline-heading"
          title="Status timeline"
          description="The status after each day's news; every point is a follow-up."
        />
        <div className="px-2 pt-4 pb-3 sm:px-4">
          <StatusTimelineChart
            updates={chartUpdates}
            from={span.from}
            to={span.to}
            asOf={asOf ? formatDay(asOf) : undefined}
            describedBy="history-heading"
          />
        </div>
      </Card>

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="history-heading" className="self-start">
          <CardHeader
            id="history-heading"
            title="Status history"
            description={`${visible.length} ${visible.length === 1 ? 'follow-up' : 'follow-ups'}${asOf ? ` up to ${formatDate(asOf)}` : ''}, newest news first${laterCount ? ` (${laterCount} later not shown)` : ''}`}
          />
          {visible.length ? (
            <>
              <StatusHistory entries={historyShown} labelledBy="history-heading" />
              {historyShown.length < visible.length ? (
                <ShowAll
                  href={showAllHref}
                  shown={historyShown.length}
                  total={visible.length}
                  noun="follow-ups"
                />
              ) : null}
            </>
          ) : (
            <EmptyState
              level={3}
              icon={History}
              title={asOf ? 'No follow-ups by that day' : 'No follow-ups yet'}
              description="The status stays at “No evidence” until a follow-up is logged."
            />
          )}
        </Card>

        <Card aria-labelledby="evidence-heading" className="self-start">
          <CardHeader
            id="evidence-heading"
            title="Evidence"
            description="Graded with the Admiralty code: source reliability A–F, information credibility 1–6."
          />
          {evidence.length ? (
            <>
              <EvidenceList items={evidenceShown} labelledBy="evidence-heading" />
              {evidenceShown.length < evidence.length ? (
                <ShowAll
                  href={showAllHref}
                  shown={evidenceShown.length}
                  total={evidence.length}
                  noun="items"
                />
              ) : null}
            </>
          ) : (
            <EmptyState level={3} icon={Newspaper} title="No evidence cited yet" />
          )}
        </Card>
      </div>

      {formOptions ? (
        <Card id="log-follow-up" aria-labelledby="log-heading" className="mb-6 scroll-mt-6">
          <CardHeader
            id="log-heading"
            title="Log follow-up"
            description={
              <>
                One news item and what it shows about this commitment and others of its agreement. For
                commitments of other agreements too,{' '}
                <Link
                  href={`/follow-ups/new?${new URLSearchParams({ commitment: String(commitment.id), from: pathname })}`}
                  className="link"
                >
                  use the full form
                </Link>
                .
              </>
            }
          />
          <CardBody className="sm:p-6">
            <LogFollowUpForm
              action={logFollowUp}
              commitments={formOptions.commitments}
              outlets={formOptions.outlets}
              presetCommitmentId={commitment.id}
              returnTo={pathname}
              headingLevel={3}
            />
          </CardBody>
        </Card>
      ) : null}

      <Card aria-labelledby="audit-heading">
        <CardHeader
          id="audit-heading"
          title="Audit trail"
          description="Who changed this commitment or logged its follow-ups, and what changed, newest first."
        />
        {audit.entries.length ? (
          <>
            <AuditTrail entries={audit.entries} labelledBy="audit-heading" />
            {audit.truncated ? (
              <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500 sm:px-5">
                Showing the latest {audit.entries.length} events.
              </p>
            ) : null}
          </>
        ) : (
          <EmptyState level={3} icon={ClipboardList} title="No recorded changes" />
        )}
      </Card>
    </>
  );
}

/** The foot of a shortened list: how much is shown, and a link to the page with every list in full. */
function ShowAll({ href, shown, total, noun }: { href: string; shown: number; total: number; noun: string }) {
  return (
    <p className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 text-xs text-slate-500 sm:px-5">
      <span>
        The newest {shown} of {total} {noun}.
      </span>
      <Link href={href} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
        Show all {total}
      </Link>
    </p>
  );
}
