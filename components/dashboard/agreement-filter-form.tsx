import Link from 'next/link';
import { Search } from 'lucide-react';
import { AGREEMENT_KIND_LABELS } from '@/components/agreements/labels';
import { PartyFilter } from '@/components/filters/record-filters';
import { Button } from '@/components/ui/button';
import { formatDay } from '@/lib/domain/dates';
import { STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import type { FilterOption } from '@/lib/data/lists';
import type { PickedParty } from '@/lib/search/picked';
import {
  AGREEMENT_KINDS,
  AGREEMENT_SORTS,
  AGREEMENT_SORT_LABELS,
  SEARCH_TEXT_MAX,
  type AgreementListFilters,
} from '@/lib/validation/filters';
import { FilterInput, FilterSelect } from './filter-controls';
import { FilterForm } from './filter-form';

const day = (value: Date | undefined) => (value ? formatDay(value) : undefined);

/** The agreement list's filters as a GET form (see CommitmentFilterForm). */
export function AgreementFilterForm({
  filters,
  options,
}: {
  filters: AgreementListFilters;
  /** The categories to choose from, and the party the URL names (for its label). */
  options: { categories: FilterOption[]; party: PickedParty | null };
}) {
  return (
    <FilterForm
      action="/agreements"
      defaults={{ sort: 'concluded' }}
      aria-label="Filter agreements"
      className="px-4 py-4 sm:px-5"
    >
      <div className="flex flex-wrap items-end gap-3">
        <FilterInput
          name="q"
          type="search"
          label="Search titles, summaries and places"
          value={filters.q}
          maxLength={SEARCH_TEXT_MAX}
          placeholder="e.g. Beijing"
          className="min-w-48 flex-1"
        />
        <Button type="submit" size="sm">
          <Search aria-hidden className="size-4" />
          Apply filters
        </Button>
      </div>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <PartyFilter
          id="filter-party"
          name="party"
          label="Party (with the parties under it)"
          selected={options.party}
        />
        <FilterSelect
          name="kind"
          label="Kind"
          value={filters.kind}
          options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: AGREEMENT_KIND_LABELS[kind] }))}
          anyLabel="Any kind"
        />
        <FilterSelect
          name="status"
          label="Has a commitment with status"
          value={filters.status}
          options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          anyLabel="Any status"
        />
        <FilterSelect
          name="category"
          label="Has a commitment in category"
          value={filters.category?.toString()}
          options={options.categories.map((c) => ({ value: String(c.id), label: c.name }))}
          anyLabel="All categories"
        />
        <FilterInput name="from" type="date" label="Concluded on or after" value={day(filters.from)} />
        <FilterInput name="to" type="date" label="Concluded on or before" value={day(filters.to)} />
        <FilterSelect
          name="sort"
          label="Sort by"
          value={filters.sort}
          options={AGREEMENT_SORTS.map((sort) => ({ value: sort, label: AGREEMENT_SORT_LABELS[sort] }))}
          anyLabel={null}
        />
        <FilterSelect
          name="dir"
          label="Order"
          value={filters.dir}
          options={[
            { value: 'asc', label: 'Ascending' },
            { value: 'desc', label: 'Descending' },
          ]}
          anyLabel="Default"
        />
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <Button type="submit" variant="secondary" size="sm">
            Apply
          </Button>
          <Link href="/agreements" className="link py-1.5 text-sm">
            Clear filters
          </Link>
        </div>
      </div>
    </FilterForm>
  );
}
