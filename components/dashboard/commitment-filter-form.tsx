import Link from 'next/link';
import { Search } from 'lucide-react';
import { AgreementFilter, PartyFilter } from '@/components/filters/record-filters';
import { Button } from '@/components/ui/button';
import { ATTENTION_LABELS, ATTENTION_FLAGS } from '@/lib/domain/attention';
import { formatDay } from '@/lib/domain/dates';
import { STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import { STRENGTHS, STRENGTH_LABELS } from '@/lib/domain/strength';
import type { FilterOption } from '@/lib/data/lists';
import type { PickedAgreement, PickedParty } from '@/lib/search/picked';
import {
  COMMITMENT_SORTS,
  COMMITMENT_SORT_LABELS,
  SEARCH_TEXT_MAX,
  type CommitmentListFilters,
} from '@/lib/validation/filters';
import { FilterInput, FilterSelect, type Option } from './filter-controls';
import { FilterForm } from './filter-form';

const day = (value: Date | undefined) => (value ? formatDay(value) : undefined);
const toOptions = (options: FilterOption[]): Option[] =>
  options.map((option) => ({ value: String(option.id), label: option.name, depth: option.depth }));

/**
 * The commitment list's filters as a GET form (FilterForm): submitting puts them in the URL (page back to 1).
 * The page keys the form by the filters in force, so navigating (a removed chip, "Clear filters", Back) shows
 * their values, not stale typing.
 */
export function CommitmentFilterForm({
  filters,
  options,
}: {
  filters: CommitmentListFilters;
  /** The categories to choose from, and the agreement and party the URL names (for their labels). */
  options: { categories: FilterOption[]; agreement: PickedAgreement | null; party: PickedParty | null };
}) {
  return (
    <FilterForm
      action="/commitments"
      defaults={{ sort: 'agreement' }}
      aria-label="Filter commitments"
      className="px-4 py-4 sm:px-5"
    >
      <div className="flex flex-wrap items-end gap-3">
        <FilterInput
          name="q"
          type="search"
          label="Search titles and descriptions"
          value={filters.q}
          maxLength={SEARCH_TEXT_MAX}
          placeholder="e.g. protection unit"
          className="min-w-48 flex-1"
        />
        <Button type="submit" size="sm">
          <Search aria-hidden className="size-4" />
          Apply filters
        </Button>
      </div>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <AgreementFilter
          id="filter-agreement"
          name="agreement"
          label="Agreement"
          selected={options.agreement}
        />
        <PartyFilter
          id="filter-party"
          name="party"
          label="Party (with the parties under it)"
          selected={options.party}
        />
        <FilterSelect
          name="status"
          label={filters.asOf ? 'Status (as of the day below)' : 'Status'}
          value={filters.status}
          options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          anyLabel="Any status"
        />
        <FilterSelect
          name="strength"
          label="Strength"
          value={filters.strength}
          options={STRENGTHS.map((strength) => ({ value: strength, label: STRENGTH_LABELS[strength] }))}
          anyLabel="Any strength"
        />
        <FilterSelect
          name="category"
          label="Category"
          value={filters.category?.toString()}
          options={toOptions(options.categories)}
          anyLabel="All categories"
        />
        <FilterSelect
          name="attention"
          label="Needs attention"
          value={filters.attention}
          options={[
            { value: 'any', label: 'Any flag' },
            ...ATTENTION_FLAGS.map((flag) => ({ value: flag, label: ATTENTION_LABELS[flag] })),
          ]}
          anyLabel="No filter"
        />
        <FilterInput name="from" type="date" label="Due on or after" value={day(filters.from)} />
        <FilterInput name="to" type="date" label="Due on or before" value={day(filters.to)} />
        <FilterInput name="asOf" type="date" label="Status as of (empty: today)" value={day(filters.asOf)} />
        <FilterSelect
          name="sort"
          label="Sort by"
          value={filters.sort}
          options={COMMITMENT_SORTS.map((sort) => ({ value: sort, label: COMMITMENT_SORT_LABELS[sort] }))}
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
        <div className="flex items-end pb-1.5">
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="overdue"
              defaultChecked={filters.overdue}
              className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
            />
            Overdue only
          </label>
        </div>
        <div className="flex items-end gap-3">
          <Button type="submit" variant="secondary" size="sm">
            Apply
          </Button>
          <Link href="/commitments" className="link py-1.5 text-sm">
            Clear filters
          </Link>
        </div>
      </div>
    </FilterForm>
  );
}
