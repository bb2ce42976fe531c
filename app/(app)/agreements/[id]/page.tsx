import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import Link from 'next/link';
import { CalendarDays, ListChecks, MapPin, Pencil, Plus } from 'lucide-react';
import { AGREEMENT_KIND_LABELS, AGREEMENT_PARTY_ROLE_LABELS } from '@/components/agreements/labels';
import { CommitmentTable } from '@/components/commitments/commitment-table';
import { StatusCounts } from '@/components/commitments/status-counts';
import { ComplianceCard, ComplianceCardMeter } from '@/components/dashboard/compliance-card';
import { COMPLIANCE_EXPLANATION, ComplianceMeter } from '@/components/dashboard/compliance-meter';
import { DashboardAsOf } from '@/components/dashboard/dashboard-as-of';
import { NeedsAttentionCard } from '@/components/dashboard/needs-attention-card';
import { ArchiveForm } from '@/components/editors/archive-form';
import { ButtonLink } from '@/components/editors/button-link';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PartialDay } from '@/components/ui/day';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import {
  countAgreementCommitmentsByStatus,
  getAgreementCompliance,
  getAgreementComplianceOverTime,
} from '@/lib/data/agreement-dashboard';
import { getAgreementOrThrow } from '@/lib/data/agreements';
import { listNeedsAttention } from '@/lib/data/attention';
import { withStatusesAsOf } from '@/lib/data/dashboard';
import { monthEnds } from '@/lib/domain/compliance';
import { addDays, compareDays, formatDay } from '@/lib/domain/dates';
import { NotFoundError } from '@/lib/errors';
import { formatDate } from '@/lib/format/date';
import { parseDashboardAsOf } from '@/lib/validation/as-of';
import type { SearchParams } from '@/lib/validation/filters';
import { parseIdParam } from '@/lib/validation/params';
import { archiveAgreement, unarchiveAgreement } from './actions';
import { FollowControl } from '@/app/(app)/me/following/follow-control';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** Commitments listed in the agreement's needs-attention card before "All". */
const QUEUE_LENGTH = 5;

// Shared by generateMetadata and the page, so one request reads the agreement once.
const loadAgreement = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getAgreementOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agreement = await loadAgreement((await params).id);
  return { title: agreement.title };
}

export default async function AgreementPage({ params, searchParams }: Props) {
  const agreement = await loadAgreement((await params).id);
  // Without a day, today's state from the status cache; with one, as it stood at the end of that day.
  const { asOf, notice, today } = parseDashboardAsOf(await searchParams);
  const lastDay = asOf ?? today;
  // Compliance at month ends over the last twelve months, or since the agreement when it is younger.
  const yearAgo = addDays(lastDay, -366);
  const seriesFrom =
    agreement.concludedOn && compareDays(agreement.concludedOn, yearAgo) > 0
      ? agreement.concludedOn
      : yearAgo;
  const [user, commitments, counts, compliance, overTime, queue] = await Promise.all([
    getCurrentUser(),
    withStatusesAsOf(agreement.commitments, asOf),
    countAgreementCommitmentsByStatus(agreement.id, { asOf }),
    getAgreementCompliance(agreement.id, { asOf, today }),
    getAgreementComplianceOverTime(agreement.id, monthEnds(seriesFrom, lastDay)),
    listNeedsAttention({ agreementId: agreement.id, limit: QUEUE_LENGTH, asOf }),
  ]);
  // Hiding the controls is a courtesy: the actions check the permission themselves.
  const canWrite = can(user, 'write');
  const addCommitmentHref = `/commitments/new?agreement=${agreement.id}`;
  const pathname = `/agreements/${agreement.id}`;
  const when = asOf ? `as of ${formatDate(asOf)}` : 'today';

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Agreements', href: '/agreements' }]}
        eyebrow={AGREEMENT_KIND_LABELS[agreement.kind]}
        title={agreement.title}
        meta={
          <>
            <span className="inline-flex items-center gap-1.5">
              <CalendarDays aria-hidden className="size-4 text-slate-400" />
              <span className="sr-only">Concluded: </span>
              <PartialDay date={agreement.concludedOn} precision={agreement.concludedPrecision} />
            </span>
            {agreement.place ? (
              <span className="inline-flex items-center gap-1.5">
                <MapPin aria-hidden className="size-4 text-slate-400" />
                <span className="sr-only">Place: </span>
                {agreement.place}
              </span>
            ) : null}
            <span className="inline-flex items-center gap-1.5">
              <ListChecks aria-hidden className="size-4 text-slate-400" />
              {agreement.commitments.length}{' '}
              {agreement.commitments.length === 1 ? 'commitment' : 'commitments'}
            </span>
            {agreement.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
            <FollowControl target="agreement" id={agreement.id} />
          </>
        }
        description={agreement.summary ? <p className="whitespace-pre-line">{agreement.summary}</p> : null}
        actions={
          canWrite ? (
            <ButtonLink
              href={`/agreements/${agreement.id}/edit`}
              icon={<Pencil aria-hidden className="size-4" />}
            >
              Edit<span className="sr-only"> agreement</span>
            </ButtonLink>
          ) : null
        }
      />

      <DashboardAsOf
        pathname={pathname}
        asOf={asOf}
        today={today}
        notice={notice}
        covers="counts, compliance, statuses and attention flags"
      />

      {agreement.commitments.length ? (
        <>
          <section aria-labelledby="status-counts-heading" className="mb-6">
            <h2 id="status-counts-heading" className="mb-3 text-base font-semibold text-slate-900">
              Commitments by status{asOf ? ` as of ${formatDate(asOf)}` : ''}
            </h2>
            <StatusCounts counts={counts} labelledBy="status-counts-heading" />
          </section>

          <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
            <ComplianceCard
              asOf={asOf}
              className="self-start lg:col-span-3"
              description={`${COMPLIANCE_EXPLANATION} The agreement as a whole scores each commitment by its overall status; each party by its own status on the commitments it is responsible for.`}
              overTime={{
                heading: (
                  <>At each month end{seriesFrom === agreement.concludedOn ? ', since the agreement' : ''}</>
                ),
                points: overTime,
                caption: 'Compliance of the agreement as a whole at each month end',
              }}
            >
              <ComplianceCardMeter heading="The agreement as a whole" compliance={compliance.overall} />
              {compliance.parties.length ? (
                <div>
                  <h3 id="party-compliance-heading" className="mb-2 text-sm font-medium text-slate-700">
                    Per responsible party
                  </h3>
                  <ul aria-labelledby="party-compliance-heading" className="space-y-3">
                    {compliance.parties.map(({ party, compliance: own }) => (
                      <li key={party.id}>
                        <Link
                          href={`/parties/${party.id}${asOf ? `?asOf=${formatDay(asOf)}` : ''}`}
                          className="link text-sm"
                        >
                          {party.name}
                        </Link>
                        <ComplianceMeter compliance={own} className="mt-1" />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </ComplianceCard>

            <NeedsAttentionCard
              queue={queue}
              asOf={asOf}
              className="self-start lg:col-span-2"
              description={`${queue.total} ${queue.total === 1 ? 'commitment' : 'commitments'} overdue, stale, contradicted or weakly supported ${when}.`}
              allLink={
                <Link
                  href={`/commitments?${new URLSearchParams({
                    agreement: String(agreement.id),
                    attention: 'any',
                    ...(asOf ? { asOf: formatDay(asOf) } : {}),
                  })}`}
                  className="link text-sm"
                >
                  All {queue.total}
                </Link>
              }
              emptyDescription={`No commitment of this agreement is overdue, stale, contradicted or weakly supported ${when}.`}
            />
          </div>
        </>
      ) : null}

      <Card aria-labelledby="commitments-heading" className="mb-6">
        <CardHeader
          id="commitments-heading"
          title="Commitments"
          actions={
            canWrite && agreement.commitments.length && !agreement.archivedAt ? (
              <ButtonLink href={addCommitmentHref} icon={<Plus aria-hidden className="size-4" />}>
                Add commitment
              </ButtonLink>
            ) : null
          }
        />
        {agreement.commitments.length ? (
          <CommitmentTable
            rows={commitments}
            columns={['category', 'responsible', 'status', 'since']}
            caption={
              asOf
                ? `Commitments of this agreement with their status as of ${formatDate(asOf)}`
                : 'Commitments of this agreement with their current status'
            }
            asOf={asOf}
          />
        ) : canWrite && !agreement.archivedAt ? (
          <EmptyState
            level={3}
            title="No commitments yet — add the first"
            description="Each thing a party promised to do becomes a commitment, followed up with evidence."
            action={
              <ButtonLink
                href={addCommitmentHref}
                variant="primary"
                icon={<Plus aria-hidden className="size-4" />}
              >
                Add the first commitment
              </ButtonLink>
            }
          />
        ) : (
          <EmptyState level={3} title="No commitments recorded" />
        )}
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card aria-labelledby="sources-heading">
            <CardHeader
              id="sources-heading"
              title="Sources"
              description="The reports and documents the agreement is known from."
            />
            {agreement.sources.length ? (
              <EvidenceList items={agreement.sources} labelledBy="sources-heading" />
            ) : (
              <EmptyState level={3} title="No sources recorded" />
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="parties-heading">
            <CardHeader id="parties-heading" title="Parties" />
            {agreement.parties.length ? (
              <ul aria-labelledby="parties-heading" className="divide-y divide-slate-200">
                {agreement.parties.map(({ party, role }) => (
                  <li key={party.id} className="flex items-center justify-between gap-3 px-4 py-3 sm:px-5">
                    <span className="text-sm font-medium text-slate-900">{party.name}</span>
                    <Badge tone="neutral">{AGREEMENT_PARTY_ROLE_LABELS[role]}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-4 py-4 text-sm text-slate-600 sm:px-5">No parties recorded.</p>
            )}
          </Card>
          <Card aria-labelledby="people-heading">
            <CardHeader id="people-heading" title="People" description="Who spoke for whom." />
            {agreement.people.length ? (
              <ul aria-labelledby="people-heading" className="divide-y divide-slate-200">
                {agreement.people.map((person) => (
                  <li key={person.id} className="px-4 py-3 sm:px-5">
                    <p className="text-sm font-medium text-slate-900">{person.name}</p>
                    <p className="text-sm text-slate-600">
                      {[person.role ?? person.title, person.party?.name].filter(Boolean).join(' · ')}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-4 py-4 text-sm text-slate-600 sm:px-5">No people recorded.</p>
            )}
          </Card>
        </div>
      </div>

      {canWrite ? (
        <Card aria-labelledby="archive-heading" className="mt-6">
          <CardHeader id="archive-heading" title={agreement.archivedAt ? 'Archived' : 'Archive'} />
          <CardBody>
            <ArchiveForm
              archive={archiveAgreement}
              unarchive={unarchiveAgreement}
              id={agreement.id}
              version={agreement.version}
              archived={agreement.archivedAt !== null}
              what={`agreement “${agreement.title}”`}
              explanation={
                agreement.archivedAt
                  ? 'Archived: hidden from lists, dashboards and pickers. Unarchiving brings it back with the commitments archived along with it.'
                  : 'Entered by mistake or no longer tracked? Archiving hides it and its commitments from lists, dashboards and pickers; nothing is deleted.'
              }
            />
          </CardBody>
        </Card>
      ) : null}
    </>
  );
}
