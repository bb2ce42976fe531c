import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Search } from 'lucide-react';
import { canonicalRedirect } from '@/components/dashboard/canonical-query';
import { ActiveFilters, hrefWithout, type ActiveFilter } from '@/components/dashboard/filter-controls';
import { SearchFilterForm } from '@/components/search/search-filter-form';
import { SearchResults } from '@/components/search/search-results';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { STATUS_LABELS } from '@/lib/domain/status';
import { formatDate } from '@/lib/format/date';
import { parseSearchParams, SEARCH_KIND_LABELS } from '@/lib/search/params';
import { listPickedParties } from '@/lib/search/picked';
import { getAgreementTitle, searchRecords } from '@/lib/search/query';
import { filtersToQuery, type SearchParams } from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Search' };

const PATH = '/search';

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = parseSearchParams(params);
  const query = filtersToQuery(filters);
  const canonical = canonicalRedirect(PATH, params, query);
  if (canonical) redirect(canonical);

  // Only the party the URL names (for its label): the party filter searches the rest as one types.
  const [results, [party = null], agreementTitle] = await Promise.all([
    searchRecords(filters),
    listPickedParties(filters.party === undefined ? [] : [filters.party]),
    getAgreementTitle(filters.agreement),
  ]);

  const chip = (key: string, label: string): ActiveFilter => ({
    key,
    label,
    removeHref: hrefWithout(PATH, query, key),
  });
  const chips: ActiveFilter[] = [];
  if (filters.kind) chips.push(chip('kind', `Only ${SEARCH_KIND_LABELS[filters.kind].toLowerCase()}`));
  if (filters.agreement)
    chips.push(chip('agreement', `Agreement: ${agreementTitle ?? `#${filters.agreement}`}`));
  if (filters.party) chips.push(chip('party', `Party: ${party?.name ?? `#${filters.party}`}`));
  if (filters.status) chips.push(chip('status', `Status: ${STATUS_LABELS[filters.status]}`));
  if (filters.from) chips.push(chip('from', `Dated from ${formatDate(filters.from)}`));
  if (filters.to) chips.push(chip('to', `Dated by ${formatDate(filters.to)}`));
  const found = results.groups.length > 0;

  return (
    <>
      <PageHeader
        title="Search"
        description={
          <p>
            Agreements, commitments, evidence, follow-ups, parties, people and outlets, by their words in any
            language.
          </p>
        }
      />

      <Card className="mb-6">
        <SearchFilterForm key={JSON.stringify(query)} filters={filters} party={party} />
        <ActiveFilters
          filters={chips}
          clearHref={filters.q ? `${PATH}?q=${encodeURIComponent(filters.q)}` : PATH}
        />
      </Card>

      {!filters.q ? (
        <Card>
          <EmptyState
            icon={Search}
            title="Search every record"
            description="Type a few words: a name (NCCIA), a phrase with typos (protecton unit), Chinese without spaces (反恐), Urdu or Arabic (پولیس), or part of a link."
          />
        </Card>
      ) : found ? (
        <SearchResults results={results} query={query} kind={filters.kind} />
      ) : (
        <Card>
          <EmptyState
            icon={Search}
            title={`Nothing found for “${filters.q}”`}
            description={
              <ul className="mt-2 list-disc space-y-1 pl-5 text-left">
                <li>Every word must appear: try fewer words, or a shorter form of one (“protect”).</li>
                <li>
                  Chinese and Japanese are matched by pairs of characters: try two characters that stand
                  together.
                </li>
                {chips.length ? <li>The filters may leave the record out.</li> : null}
              </ul>
            }
            action={
              chips.length ? (
                <Link href={`${PATH}?q=${encodeURIComponent(filters.q)}`} className="link text-sm">
                  Search without filters
                </Link>
              ) : null
            }
          />
        </Card>
      )}
    </>
  );
}
