import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';

type PaginationProps = {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  /** Path of the list, e.g. `/agreements`. */
  pathname: string;
  /** Other query parameters (filters) to keep when changing page. */
  query?: Record<string, string>;
  /** Plural noun for the summary, e.g. "agreements". */
  noun: string;
};

function hrefFor(pathname: string, query: Record<string, string>, page: number): string {
  const params = new URLSearchParams(query);
  if (page > 1) params.set('page', String(page));
  else params.delete('page');
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** Previous/next links with a "Showing 1–20 of 45" summary; the page lives in the URL (`?page=`). */
export function Pagination({
  page,
  pageCount,
  total,
  pageSize,
  pathname,
  query = {},
  noun,
}: PaginationProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <nav aria-label="Pagination" className="pagination">
      <p className="text-sm text-slate-600">
        {total === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing <span className="font-medium text-slate-900">{first}</span>–
            <span className="font-medium text-slate-900">{last}</span> of{' '}
            <span className="font-medium text-slate-900">{total}</span> {noun}
          </>
        )}
      </p>
      {pageCount > 1 ? (
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Link href={hrefFor(pathname, query, page - 1)} rel="prev" className="pagination-link">
              <ChevronLeft aria-hidden className="size-4" />
              Previous<span className="sr-only"> page</span>
            </Link>
          ) : (
            <span aria-disabled="true" className="pagination-off">
              <ChevronLeft aria-hidden className="size-4" />
              Previous<span className="sr-only"> page</span>
            </span>
          )}
          <span className="px-1 text-sm text-slate-600">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={hrefFor(pathname, query, page + 1)} rel="next" className="pagination-link">
              Next<span className="sr-only"> page</span>
              <ChevronRight aria-hidden className="size-4" />
            </Link>
          ) : (
            <span aria-disabled="true" className="pagination-off">
              Next<span className="sr-only"> page</span>
              <ChevronRight aria-hidden className="size-4" />
            </span>
          )}
        </div>
      ) : null}
    </nav>
  );
}
