import Link from 'next/link';

/**
 * Previous/next for one of several lists on a page, each paging with a parameter of its own (`param`), so that
 * paging one keeps the others' places and the rest of the address (`query`: the page's other parameters).
 */
export function ListPager({
  pathname,
  query,
  param,
  page,
  pageCount,
  label,
  total,
  noun,
}: {
  pathname: string;
  query: Record<string, string>;
  param: string;
  page: number;
  pageCount: number;
  /** The navigation's accessible name, e.g. "Pagination of the parties under it". */
  label: string;
  /** With `noun`, the list's length after the page count ("Page 1 of 4, 80 commitments"). */
  total?: number;
  noun?: string;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(query);
    if (target > 1) params.set(param, String(target));
    else params.delete(param);
    const search = params.toString();
    return search ? `${pathname}?${search}` : pathname;
  };
  return (
    <nav
      aria-label={label}
      className="flex items-center justify-end gap-3 border-t border-slate-200 px-4 py-3 text-sm sm:px-5"
    >
      {page > 1 ? (
        <Link href={href(page - 1)} className="link">
          Previous
        </Link>
      ) : null}
      <span className="text-slate-600">
        Page {page} of {pageCount}
        {total !== undefined && noun ? `, ${total} ${noun}` : null}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="link">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
