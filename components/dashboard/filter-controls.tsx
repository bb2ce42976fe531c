// Small controls of the list filter forms. The forms are plain GET forms (next/form), so a filtered view is a URL,
// works without JavaScript, and is used with the keyboard like any form: Tab between fields, Enter to apply.
import Link from 'next/link';
import clsx from 'clsx';
import { X } from 'lucide-react';

// The label's and the control's look, named once (app/styles/dashboards.css): a form holds eight of them.
const controlClass = 'filter-control w-full';

function FilterField({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={clsx('min-w-0', className)}>
      <label htmlFor={htmlFor} className="filter-label">
        {label}
      </label>
      {children}
    </div>
  );
}

export type Option = { value: string; label: string; depth?: number };

export function FilterSelect({
  name,
  id = `filter-${name}`,
  label,
  options,
  value,
  anyLabel = 'Any',
  className,
}: {
  name: string;
  id?: string;
  label: string;
  options: Option[];
  value: string | undefined;
  /** The first, empty choice; null for a select that always has a value (sort). */
  anyLabel?: string | null;
  className?: string;
}) {
  return (
    <FilterField label={label} htmlFor={id} className={className}>
      <select id={id} name={name} defaultValue={value ?? ''} className={controlClass}>
        {anyLabel !== null ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {/* Sub-parties indented with non-breaking spaces: the only indentation an <option> keeps. */}
            {'\u00a0\u00a0'.repeat(option.depth ?? 0)}
            {option.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

export function FilterInput({
  name,
  id = `filter-${name}`,
  label,
  value,
  type = 'text',
  className,
  ...props
}: {
  name: string;
  id?: string;
  label: string;
  value: string | undefined;
  type?: 'text' | 'date' | 'search';
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'value' | 'type' | 'className'>) {
  return (
    <FilterField label={label} htmlFor={id} className={className}>
      <input id={id} name={name} type={type} defaultValue={value ?? ''} className={controlClass} {...props} />
    </FilterField>
  );
}

export type ActiveFilter = { key: string; label: string; removeHref: string };

/** The filters in force as removable chips, and "Clear filters". */
export function ActiveFilters({ filters, clearHref }: { filters: ActiveFilter[]; clearHref: string }) {
  if (!filters.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-4 py-2.5 sm:px-5">
      <span className="text-xs font-medium text-slate-600">Filtered by</span>
      <ul className="flex flex-wrap gap-1.5">
        {filters.map((filter) => (
          <li key={filter.key}>
            <Link
              href={filter.removeHref}
              className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1.5 pl-2.5 text-xs font-medium text-indigo-800 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-100"
            >
              {filter.label}
              <X aria-hidden className="size-3.5" />
              <span className="sr-only"> (remove this filter)</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link href={clearHref} className="link ml-auto text-xs">
        Clear filters
      </Link>
    </div>
  );
}

/** `pathname?query` without the given keys (and without the page: a changed filter starts on page 1). */
export function hrefWithout(pathname: string, query: Record<string, string>, ...keys: string[]): string {
  const params = new URLSearchParams(query);
  for (const key of [...keys, 'page']) params.delete(key);
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}
