import { Search } from 'lucide-react';
import { FilterInput, FilterSelect } from '@/components/dashboard/filter-controls';
import { FilterForm } from '@/components/dashboard/filter-form';
import { PartyFilter } from '@/components/filters/record-filters';
import { Button } from '@/components/ui/button';
import { formatDay } from '@/lib/domain/dates';
import { STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, type SearchFilters } from '@/lib/search/params';
import type { PickedParty } from '@/lib/search/picked';
import { SEARCH_TEXT_MAX } from '@/lib/validation/filters';

const day = (value: Date | undefined) => (value ? formatDay(value) : undefined);

/** The search and its filters as a GET form: a search is a link like any filtered list. */
export function SearchFilterForm({ filters, party }: { filters: SearchFilters; party: PickedParty | null }) {
  return (
    <FilterForm action="/search" role="search" aria-label="Search records" className="px-4 py-4 sm:px-5">
      <div className="flex flex-wrap items-end gap-3">
        <FilterInput
          name="q"
          type="search"
          label="Words in any language"
          value={filters.q}
          maxLength={SEARCH_TEXT_MAX}
          placeholder="e.g. NCCIA, protection unit, 反恐, پولیس"
          className="min-w-48 flex-1"
        />
        <Button type="submit" size="sm">
          <Search aria-hidden className="size-4" />
          Search
        </Button>
      </div>
      {/* Set from a link (search within an agreement); removed with its chip. */}
      {filters.agreement !== undefined ? (
        <input type="hidden" name="agreement" value={filters.agreement} />
      ) : null}
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <FilterSelect
          name="kind"
          label="Kind"
          value={filters.kind}
          options={SEARCH_KINDS.map((kind) => ({ value: kind, label: SEARCH_KIND_LABELS[kind] }))}
          anyLabel="Everything"
        />
        <PartyFilter
          id="filter-party"
          name="party"
          label="Party (with the parties under it)"
          selected={party}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          anyLabel="Any status"
        />
        <FilterInput name="from" type="date" label="Dated on or after" value={day(filters.from)} />
        <FilterInput name="to" type="date" label="Dated on or before" value={day(filters.to)} />
      </div>
    </FilterForm>
  );
}
