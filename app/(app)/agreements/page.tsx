import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { FileText, Plus } from 'lucide-react';
import { AGREEMENT_KIND_LABELS } from '@/components/agreements/labels';
import { AgreementFilterForm } from '@/components/dashboard/agreement-filter-form';
import { AgreementListTable } from '@/components/dashboard/agreement-list-table';
import { canonicalRedirect } from '@/components/dashboard/canonical-query';
import { ActiveFilters, hrefWithout, type ActiveFilter } from '@/components/dashboard/filter-controls';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { listAgreementsFiltered, listFilterCategories } from '@/lib/data/lists';
import { STATUS_LABELS } from '@/lib/domain/status';
import { formatDate } from '@/lib/format/date';
import { listPickedParties } from '@/lib/search/picked';
import {
  AGREEMENT_SORT_LABELS,
  filtersToQuery,
  parseAgreementListFilters,
  type SearchParams,
} from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Agreements' };

const PATH = '/agreements';

export default async function AgreementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = parseAgreementListFilters(params);
  const query = filtersToQuery(filters, { sort: 'concluded' });
  const canonical = canonicalRedirect(PATH, params, query);
  if (canonical) redirect(canonical);

  // Only the party the URL names (for its label): the party filter searches the rest as one types.
  const [list, categories, [party = null], user] = await Promise.all([
    listAgreementsFiltered(filters),
    listFilterCategories(),
    listPickedParties(filters.party === undefined ? [] : [filters.party]),
    getCurrentUser(),
  ]);
  const options = { categories, party };
  const categoryName = new Map(categories.map((option) => [option.id, option.name]));

  const chip = (key: string, label: string, ...alsoRemove: string[]): ActiveFilter => ({
    key,
    label,
    removeHref: hrefWithout(PATH, query, key, ...alsoRemove),
  });
  const chips: ActiveFilter[] = [];
  if (filters.q) chips.push(chip('q', `Text: “${filters.q}”`));
  if (filters.party) chips.push(chip('party', `Party: ${party?.name ?? `#${filters.party}`}`));
  if (filters.kind) chips.push(chip('kind', `Kind: ${AGREEMENT_KIND_LABELS[filters.kind]}`));
  if (filters.status)
    chips.push(chip('status', `With a commitment ${STATUS_LABELS[filters.status].toLowerCase()}`));
  if (filters.category)
    chips.push(chip('category', `Category: ${categoryName.get(filters.category) ?? `#${filters.category}`}`));
  if (filters.from) chips.push(chip('from', `Concluded from ${formatDate(filters.from)}`));
  if (filters.to) chips.push(chip('to', `Concluded by ${formatDate(filters.to)}`));
  if (filters.sort !== 'concluded' || filters.dir)
    chips.push(
      chip(
        'sort',
        `Sorted by ${AGREEMENT_SORT_LABELS[filters.sort].toLowerCase()}${filters.dir ? (filters.dir === 'asc' ? ', ascending' : ', descending') : ''}`,
        'dir',
      ),
    );

  return (
    <>
      <PageHeader
        title="Agreements"
        description={
          <p>Meeting outcomes, memoranda, joint statements and treaties, most recently concluded first.</p>
        }
        actions={
          can(user, 'write') ? (
            <Link href="/agreements/new" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <Plus aria-hidden className="size-4" />
              New agreement
            </Link>
          ) : null
        }
      />

      <Card className="mb-6">
        <AgreementFilterForm key={JSON.stringify(query)} filters={filters} options={options} />
        <ActiveFilters filters={chips} clearHref={PATH} />
      </Card>

      <Card aria-labelledby="agreements-results-heading">
        <h2 id="agreements-results-heading" className="sr-only">
          Results
        </h2>
        {list.total === 0 ? (
          <EmptyState
            icon={FileText}
            level={3}
            title={chips.length ? 'No agreement matches these filters' : 'No agreements yet'}
            description={
              chips.length
                ? undefined
                : 'Recorded agreements will be listed here with their parties and commitments.'
            }
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
            <AgreementListTable rows={list.items} caption="Agreements" />
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              pageSize={list.pageSize}
              total={list.total}
              pathname={PATH}
              query={query}
              noun="agreements"
            />
          </>
        )}
      </Card>
    </>
  );
}
