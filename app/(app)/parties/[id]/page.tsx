import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Building2, Globe2, ListChecks, Pencil } from 'lucide-react';
import { CommitmentTable } from '@/components/commitments/commitment-table';
import { ComplianceCard, ComplianceCardMeter } from '@/components/dashboard/compliance-card';
import { COMPLIANCE_EXPLANATION } from '@/components/dashboard/compliance-meter';
import { DashboardAsOf } from '@/components/dashboard/dashboard-as-of';
import { buttonClasses } from '@/components/ui/button';
import { PARTY_KIND_LABELS } from '@/components/dashboard/party-labels';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import {
  complianceOrNone,
  getComplianceByParty,
  getPartyComplianceOverTime,
  getPartyOrThrow,
  listPartyCommitments,
  type PartyCommitmentRow,
} from '@/lib/data/party-dashboard';
import { monthEnds } from '@/lib/domain/compliance';
import { addDays } from '@/lib/domain/dates';
import { NotFoundError } from '@/lib/errors';
import { asOfQuery, parseDashboardAsOf } from '@/lib/validation/as-of';
import type { SearchParams } from '@/lib/validation/filters';
import { parseIdParam, parsePageParam } from '@/lib/validation/params';
import { FollowControl } from '@/app/(app)/me/following/follow-control';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const loadParty = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getPartyOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const party = await loadParty((await params).id);
  return { title: party.name };
}

/** A party commitment in the commitment table's shape. */
function asTableRow(row: PartyCommitmentRow) {
  return { ...row, id: row.commitmentId, category: { name: row.category } };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export default async function PartyPage({ params, searchParams }: Props) {
  const party = await loadParty((await params).id);
  const query = await searchParams;
  // Two lists, two page parameters: each paginates on its own without losing the other's place.
  const page = parsePageParam(query.page);
  const benefitsPage = parsePageParam(query.benefitsPage);
  // Without a day, today's state from the status cache; with one, as it stood at the end of that day.
  const { asOf, notice, today } = parseDashboardAsOf(query);
  const lastDay = asOf ?? today;
  // Compliance at the last twelve month ends (the last point: the day shown).
  const days = monthEnds(addDays(lastDay, -366), lastDay);
  const [compliance, responsible, benefits, user, overTime] = await Promise.all([
    getComplianceByParty([party.id], { asOf, today }),
    listPartyCommitments(party.id, { page, asOf }),
    listPartyCommitments(party.id, { role: 'beneficiary', page: benefitsPage, asOf }),
    getCurrentUser(),
    getPartyComplianceOverTime(party.id, days),
  ]);
  const keep = asOfQuery(asOf);
  const { own, withSubParties } = complianceOrNone(compliance, party.id);
  const hasChildren = party.children.length > 0;
  const pathname = `/parties/${party.id}`;

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Parties', href: '/parties' },
          ...party.ancestors.map((ancestor) => ({ label: ancestor.name, href: `/parties/${ancestor.id}` })),
        ]}
        eyebrow={PARTY_KIND_LABELS[party.kind]}
        title={
          <>
            {party.name}
            {party.shortName ? <span className="ml-2 text-slate-500">({party.shortName})</span> : null}
          </>
        }
        meta={
          <>
            {party.countryCode ? (
              <span className="inline-flex items-center gap-1.5">
                <Globe2 aria-hidden className="size-4 text-slate-400" />
                <span className="sr-only">Country: </span>
                {countryName(party.countryCode)}
              </span>
            ) : null}
            {party.ancestors.length ? (
              <span className="inline-flex items-center gap-1.5">
                <Building2 aria-hidden className="size-4 text-slate-400" />
                Part of{' '}
                <Link href={`/parties/${party.ancestors.at(-1)!.id}`} className="link">
                  {party.ancestors.at(-1)!.name}
                </Link>
              </span>
            ) : null}
            {party.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
            <FollowControl target="party" id={party.id} />
          </>
        }
        actions={
          can(user, 'write') ? (
            <Link href={`${pathname}/edit`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <Pencil aria-hidden className="size-4" />
              Edit<span className="sr-only"> party</span>
            </Link>
          ) : null
        }
      />

      <DashboardAsOf
        pathname={pathname}
        asOf={asOf}
        today={today}
        notice={notice}
        covers="compliance, statuses and attention flags"
      />

      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
        <ComplianceCard
          asOf={asOf}
          className="lg:col-span-2"
          description={COMPLIANCE_EXPLANATION}
          overTime={{
            heading: <>Over the last twelve months{hasChildren ? ', with the parties under it' : ''}</>,
            headingId: 'compliance-over-time-heading',
            points: overTime,
            caption: `Compliance of ${party.name}${hasChildren ? ' and the parties under it' : ''} at each month end`,
          }}
        >
          <ComplianceCardMeter heading="Its own commitments" compliance={own} />
          {hasChildren ? (
            <ComplianceCardMeter heading="With the parties under it" compliance={withSubParties} />
          ) : null}
        </ComplianceCard>

        <div className="space-y-6">
          <Card aria-labelledby="sub-parties-heading">
            <CardHeader id="sub-parties-heading" title="Parties under it" />
            {hasChildren ? (
              <ul aria-labelledby="sub-parties-heading" className="divide-y divide-slate-200">
                {party.children.map((child) => (
                  <li key={child.id} className="flex items-center justify-between gap-3 px-4 py-2.5 sm:px-5">
                    <Link href={`/parties/${child.id}`} className="link text-sm">
                      {child.name}
                    </Link>
                    <Badge tone="neutral">{PARTY_KIND_LABELS[child.kind]}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">None.</p>
            )}
          </Card>
          {party.people.length ? (
            <Card aria-labelledby="people-heading">
              <CardHeader id="people-heading" title="People" />
              <ul aria-labelledby="people-heading" className="divide-y divide-slate-200">
                {party.people.map((person) => (
                  <li key={person.id} className="px-4 py-2.5 sm:px-5">
                    <p className="text-sm font-medium text-slate-900">{person.name}</p>
                    {person.title ? <p className="text-xs text-slate-600">{person.title}</p> : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>

      <Card aria-labelledby="responsible-heading" className="mb-6">
        <CardHeader
          id="responsible-heading"
          title="Commitments it is responsible for"
          description={
            hasChildren
              ? 'Across agreements, including those of the parties under it, with each party’s own status.'
              : 'Across agreements, with its own status on each.'
          }
        />
        {responsible.total ? (
          <>
            <CommitmentTable
              rows={responsible.items.map(asTableRow)}
              columns={['agreement', 'party', 'partyStatus', 'status', 'due', 'flags']}
              cellFrom={{ due: 'lg', flags: 'lg' }}
              caption={`Commitments ${party.name} is responsible for`}
              party={{ id: party.id, role: 'responsible' }}
              asOf={asOf}
            />
            <Pagination
              page={responsible.page}
              pageCount={responsible.pageCount}
              pageSize={responsible.pageSize}
              total={responsible.total}
              pathname={pathname}
              query={{ ...keep, ...(benefitsPage > 1 ? { benefitsPage: String(benefitsPage) } : {}) }}
              noun="responsibilities"
            />
          </>
        ) : (
          <EmptyState level={3} icon={ListChecks} title="Not responsible for any commitment" />
        )}
      </Card>

      <Card aria-labelledby="benefits-heading">
        <CardHeader
          id="benefits-heading"
          title="Commitments for its benefit"
          description={hasChildren ? 'Including those for the parties under it.' : undefined}
        />
        {benefits.total ? (
          <>
            <CommitmentTable
              rows={benefits.items.map(asTableRow)}
              columns={['agreement', 'party', 'status', 'due', 'flags']}
              cellFrom={{ due: 'lg', flags: 'lg' }}
              caption={`Commitments made for the benefit of ${party.name}`}
              party={{ id: party.id, role: 'beneficiary' }}
              asOf={asOf}
            />
            {benefits.pageCount > 1 ? (
              <BenefitsPagination
                pathname={pathname}
                page={benefits.page}
                pageCount={benefits.pageCount}
                responsiblePage={page}
                keep={keep}
              />
            ) : null}
          </>
        ) : (
          <EmptyState level={3} title="No commitment names it as beneficiary" />
        )}
      </Card>
    </>
  );
}

/** Previous/next for the second list, which pages with `benefitsPage` (Pagination only knows `page`). */
function BenefitsPagination({
  pathname,
  page,
  pageCount,
  responsiblePage,
  keep,
}: {
  pathname: string;
  page: number;
  pageCount: number;
  responsiblePage: number;
  keep: Record<string, string>;
}) {
  const href = (target: number) => {
    const params = new URLSearchParams(keep);
    if (responsiblePage > 1) params.set('page', String(responsiblePage));
    if (target > 1) params.set('benefitsPage', String(target));
    const search = params.toString();
    return search ? `${pathname}?${search}` : pathname;
  };
  return (
    <nav
      aria-label="Pagination of commitments for its benefit"
      className="flex items-center justify-end gap-3 border-t border-slate-200 px-4 py-3 text-sm sm:px-5"
    >
      {page > 1 ? (
        <Link href={href(page - 1)} className="link">
          Previous
        </Link>
      ) : null}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="link">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
