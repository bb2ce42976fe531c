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
import { ParamListPager } from '@/components/ui/list-pager';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import {
  complianceOrNone,
  getComplianceByParty,
  getPartyOrThrow,
  listPartyCommitments,
  type PartyCommitmentRow,
} from '@/lib/data/party-dashboard';
import { getPartyComplianceOverTime } from '@/lib/data/party-series';
import { monthEnds } from '@/lib/domain/compliance';
import { addDays } from '@/lib/domain/dates';
import { NotFoundError } from '@/lib/errors';
import { asOfQuery, parseDashboardAsOf } from '@/lib/validation/as-of';
import type { SearchParams } from '@/lib/validation/filters';
import { parseIdParam, parsePageParam } from '@/lib/validation/params';
import { FollowControl } from '@/app/(app)/me/following/follow-control';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const loadParty = cache(async (rawId: string, childrenPage: number, peoplePage: number) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getPartyOrThrow(id, { childrenPage, peoplePage });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

/** The party with the pages of its lists the address asks for (one query for the metadata and the page). */
async function loadFor({ params, searchParams }: Props) {
  const query = await searchParams;
  return loadParty((await params).id, parsePageParam(query.partiesPage), parsePageParam(query.peoplePage));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const party = await loadFor(props);
  return { title: party.name };
}

/**
 * Rows per page of each commitment table. Two tables share the page, each row sent twice (HTML and RSC payload):
 * at 25 each, folding on narrow screens, a large state's page came to nearly half a megabyte. The rest are a page
 * away; the responsibilities (what its compliance is made of) get the most room. The tables do not fold (their
 * columns scroll sideways on a phone), since folding repeats each row's cells.
 */
const RESPONSIBLE_PAGE_SIZE = 10;
const BENEFITS_PAGE_SIZE = 5;

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

export default async function PartyPage(props: Props) {
  const party = await loadFor(props);
  const query = await props.searchParams;
  // Four lists, four page parameters: each paginates on its own without losing the others' places.
  const page = parsePageParam(query.page);
  const benefitsPage = parsePageParam(query.benefitsPage);
  // Without a day, today's state from the status cache; with one, as it stood at the end of that day.
  const { asOf, notice, today } = parseDashboardAsOf(query);
  const lastDay = asOf ?? today;
  // Compliance at the last twelve month ends (the last point: the day shown).
  const days = monthEnds(addDays(lastDay, -366), lastDay);
  const [compliance, responsible, benefits, user, overTime] = await Promise.all([
    getComplianceByParty([party.id], { asOf, today }),
    listPartyCommitments(party.id, { page, asOf, pageSize: RESPONSIBLE_PAGE_SIZE }),
    listPartyCommitments(party.id, {
      role: 'beneficiary',
      page: benefitsPage,
      asOf,
      pageSize: BENEFITS_PAGE_SIZE,
    }),
    getCurrentUser(),
    getPartyComplianceOverTime(party.id, days),
  ]);
  const keep = asOfQuery(asOf);
  // The address as it stands (each list's page where not the first), for the pagers to change one place in.
  const state: Record<string, string> = { ...keep };
  for (const [param, value] of [
    ['page', responsible.page],
    ['benefitsPage', benefits.page],
    ['partiesPage', party.childrenPage.page],
    ['peoplePage', party.peoplePage.page],
  ] as const) {
    if (value > 1) state[param] = String(value);
  }
  const { own, withSubParties } = complianceOrNone(compliance, party.id);
  const hasChildren = party.childrenPage.total > 0;
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
              <>
                {/* The rows' styles are the list's name-rows class (app/styles/dashboards.css). */}
                <ul aria-labelledby="sub-parties-heading" className="name-rows">
                  {party.children.map((child) => (
                    <li key={child.id}>
                      <Link href={`/parties/${child.id}`} className="link">
                        {child.name}
                      </Link>
                      <span>{PARTY_KIND_LABELS[child.kind]}</span>
                    </li>
                  ))}
                </ul>
                <ParamListPager
                  pathname={pathname}
                  query={state}
                  param="partiesPage"
                  {...party.childrenPage}
                  label="Pagination of the parties under it"
                  noun="parties"
                />
              </>
            ) : (
              <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">None.</p>
            )}
          </Card>
          {party.peoplePage.total ? (
            <Card aria-labelledby="people-heading">
              <CardHeader id="people-heading" title="People" />
              <ul aria-labelledby="people-heading" className="person-rows">
                {party.people.map((person) => (
                  <li key={person.id}>
                    <p>{person.name}</p>
                    {person.title ? <p>{person.title}</p> : null}
                  </li>
                ))}
              </ul>
              <ParamListPager
                pathname={pathname}
                query={state}
                param="peoplePage"
                {...party.peoplePage}
                label="Pagination of its people"
                noun="people"
              />
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
          actions={
            // Ten rows a page here; the commitments list filters and sorts all of them (any role).
            responsible.pageCount > 1 || benefits.pageCount > 1 ? (
              <Link
                href={`/commitments?${new URLSearchParams({ party: String(party.id), ...keep })}`}
                className="link text-sm"
              >
                All in the commitments list
              </Link>
            ) : null
          }
        />
        {responsible.total ? (
          <>
            <CommitmentTable
              rows={responsible.items.map(asTableRow)}
              columns={['party', 'partyStatus', 'status', 'due', 'flags']}
              fold={false}
              caption={`Commitments ${party.name} is responsible for`}
              groupByAgreement
              party={{ id: party.id, role: 'responsible' }}
              asOf={asOf}
            />
            <ParamListPager
              pathname={pathname}
              query={state}
              param="page"
              page={responsible.page}
              pageCount={responsible.pageCount}
              label="Pagination of commitments it is responsible for"
              total={responsible.total}
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
              columns={['party', 'status', 'due', 'flags']}
              fold={false}
              caption={`Commitments made for the benefit of ${party.name}`}
              groupByAgreement
              party={{ id: party.id, role: 'beneficiary' }}
              asOf={asOf}
            />
            <ParamListPager
              pathname={pathname}
              query={state}
              param="benefitsPage"
              page={benefits.page}
              pageCount={benefits.pageCount}
              label="Pagination of commitments for its benefit"
              total={benefits.total}
              noun="commitments"
            />
          </>
        ) : (
          <EmptyState level={3} title="No commitment names it as beneficiary" />
        )}
      </Card>
    </>
  );
}
