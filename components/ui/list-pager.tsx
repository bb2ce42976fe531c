import Link from 'next/link';
import type { ReactNode } from 'react';

/** The words of a newest-first list's links. */
export const NEWER_OLDER = ['Newer', 'Older'] as const;

/**
 * The foot of a list shown a page at a time: what is shown, and links to the pages before and after (the page
 * lives in the URL, so each is a link an analyst can share). A newest-first list says "Newer"/"Older".
 */
export function ListPager({
  label,
  summary,
  page,
  hasNext,
  href,
  words = ['Previous', 'Next'],
  children,
}: {
  /** Names the navigation landmark ("Pages of the status history"). */
  label: string;
  summary: string;
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
  /** The links' words, before and after. */
  words?: readonly [string, string];
  /** More links beside them. */
  children?: ReactNode;
}) {
  return (
    <nav aria-label={label} className="list-pager">
      <span>{summary}</span>
      {page > 1 || hasNext || children ? (
        <span className="flex gap-3 font-medium">
          {page > 1 ? (
            <Link href={href(page - 1)} rel="prev" className="link">
              {words[0]}
            </Link>
          ) : null}
          {hasNext ? (
            <Link href={href(page + 1)} rel="next" className="link">
              {words[1]}
            </Link>
          ) : null}
          {children}
        </span>
      ) : null}
    </nav>
  );
}

/**
 * ListPager for one of several lists on a page, each paging with a parameter of its own (`param`), so that paging
 * one keeps the others' places and the rest of the address (`query`). Nothing when the list fits on one page.
 */
export function ParamListPager({
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
    <ListPager
      label={label}
      summary={`Page ${page} of ${pageCount}${total !== undefined && noun ? `, ${total} ${noun}` : ''}`}
      page={page}
      hasNext={page < pageCount}
      href={href}
    />
  );
}
