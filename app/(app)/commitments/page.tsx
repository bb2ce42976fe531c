import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Download, ListChecks, Plus } from 'lucide-react';
import { CommitmentTable } from '@/components/commitments/commitment-table';
import { canonicalRedirect } from '@/components/dashboard/canonical-query';
import { CommitmentFilterForm } from '@/components/dashboard/commitment-filter-form';
import { ActiveFilters, hrefWithout, type ActiveFilter } from '@/components/dashboard/filter-controls';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { listCommitmentsFiltered, listFilterCategories } from '@/lib/data/lists';
import { ATTENTION_LABELS } from '@/lib/domain/attention';
import { STATUS_LABELS } from '@/lib/domain/status';
import { STRENGTH_LABELS } from '@/lib/domain/strength';
import { formatDate } from '@/lib/format/date';
import { getPickedAgreement, listPickedParties } from '@/lib/search/picked';
import {
  COMMITMENT_SORT_LABELS,
  filtersToQuery,
  parseCommitmentListFilters,
  reportQuery,
  type CommitmentListFilters,
  type SearchParams,
} from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Commitments' };

const PATH = '/commitments';

function activeFilters(
  filters: CommitmentListFilters,
  query: Record<string, string>,
  names: { agreement?: string; party?: string; categories: Map<number, string> },
): ActiveFilter[] {
  const chip = (key: string, label: string): ActiveFilter => ({
    key,
    label,
    removeHref: hrefWithout(PATH, query, key),
  });
  const chips: ActiveFilter[] = [];
  if (filters.q) chips.push(chip('q', `Text: “${filters.q}”`));
  if (filters.agreement)
    chips.push(chip('agreement', `Agreement: ${names.agreement ?? `#${filters.agreement}`}`));
  if (filters.party) chips.push(chip('party', `Party: ${names.party ?? `#${filters.party}`}`));
  if (filters.status) chips.push(chip('status', `Status: ${STATUS_LABELS[filters.status]}`));
  if (filters.strength) chips.push(chip('strength', `Strength: ${STRENGTH_LABELS[filters.strength]}`));
  if (filters.category)
    chips.push(
      chip('category', `Category: ${names.categories.get(filters.category) ?? `#${filters.category}`}`),
    );
  if (filters.attention)
    chips.push(
      chip(
        'attention',
        filters.attention === 'any'
          ? 'Needs attention'
          : `Needs attention: ${ATTENTION_LABELS[filters.attention]}`,
      ),
    );
  if (filters.overdue) chips.push(chip('overdue', 'Overdue only'));
  if (filters.from) chips.push(chip('from', `Due from ${formatDate(filters.from)}`));
  if (filters.to) chips.push(chip('to', `Due by ${formatDate(filters.to)}`));
  if (filters.asOf) chips.push(chip('asOf', `As of ${formatDate(filters.asOf)}`));
  if (filters.sort !== 'agreement' || filters.dir)
    chips.push(
      chip(
        'sort',
        `Sorted by ${COMMITMENT_SORT_LABELS[filters.sort].toLowerCase()}${filters.dir ? (filters.dir === 'asc' ? ', ascending' : ', descending') : ''}`,
      ),
    );
  return chips.map((item) =>
    item.key === 'sort' ? { ...item, removeHref: hrefWithout(PATH, query, 'sort', 'dir') } : item,
  );
}

export default async function CommitmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = parseCommitmentListFilters(params);
  const query = filtersToQuery(filters, { sort: 'agreement' });
  const canonical = canonicalRedirect(PATH, params, query);
  if (canonical) redirect(canonical);

  // Only the agreement and party the URL names (for their labels): the filters search the rest as one types.
  const [list, categories, agreement, [party = null], user] = await Promise.all([
    listCommitmentsFiltered(filters),
    listFilterCategories(),
    getPickedAgreement(filters.agreement ?? null),
    listPickedParties(filters.party === undefined ? [] : [filters.party]),
    getCurrentUser(),
  ]);
  const options = { categories, agreement, party };
  const names = {
    agreement: agreement?.title,
    party: party?.name,
    categories: new Map(categories.map((option) => [option.id, option.name])),
  };
  const chips = activeFilters(filters, query, names);
  const report = new URLSearchParams(reportQuery(filters)).toString();

  return (
    <>
      <PageHeader
        title="Commitments"
        description={
          <p>
            Every commitment across agreements. Filters live in the address, so a filtered view can be
            bookmarked or shared.
          </p>
        }
        actions={
          <>
            <a
              href={`/reports/commitments.csv${report ? `?${report}` : ''}`}
              className={buttonClasses({ variant: 'secondary', size: 'sm' })}
            >
              <Download aria-hidden className="size-4" />
              CSV
            </a>
            {can(user, 'write') ? (
              <Link href="/commitments/new" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                <Plus aria-hidden className="size-4" />
                New commitment
              </Link>
            ) : null}
          </>
        }
      />

      <Card className="mb-6">
        <CommitmentFilterForm key={JSON.stringify(query)} filters={filters} options={options} />
        <ActiveFilters filters={chips} clearHref={PATH} />
      </Card>

      <Card aria-labelledby="results-heading">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {list.total === 0 ? (
          <EmptyState
            level={3}
            icon={ListChecks}
            title={chips.length ? 'No commitment matches these filters' : 'No commitments yet'}
            action={
              chips.length ? (
                <Link href={PATH} className="link text-sm">
                  Clear filters
                </Link>
              ) : null
            }
          />
        ) : (
          <>
            <CommitmentTable
              rows={list.items}
              columns={['agreement', 'responsible', 'status', 'due', 'flags']}
              cellFrom={{ responsible: 'lg' }}
              caption={
                filters.asOf
                  ? `Commitments with their status as of ${formatDate(filters.asOf)}`
                  : 'Commitments with their current status'
              }
              asOf={filters.asOf}
            />
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              pageSize={list.pageSize}
              total={list.total}
              pathname={PATH}
              query={query}
              noun="commitments"
            />
          </>
        )}
      </Card>
    </>
  );
}
