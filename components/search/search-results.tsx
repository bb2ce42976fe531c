import clsx from 'clsx';
import { Card, CardHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import type { SearchKind } from '@/lib/generated/prisma/enums';
import { SEARCH_KIND_LABELS, SEARCH_KINDS } from '@/lib/search/params';
import type { SearchResults as Results } from '@/lib/search/query';
import { SearchHitItem } from './search-hit';

/** A count, "1,000+" when it reached the cap (lib/search/query.ts ranks and counts that many of a kind at most). */
function countText(total: number, capped: boolean): string {
  return `${total.toLocaleString('en')}${capped ? '+' : ''}`;
}

function hrefFor(query: Record<string, string>, kind: SearchKind | undefined): string {
  const params = new URLSearchParams(query);
  params.delete('page');
  if (kind) params.set('kind', kind);
  else params.delete('kind');
  return `/search?${params.toString()}`;
}

/** Everything, or one kind: each with its number of hits. */
function KindTabs({
  results,
  query,
  current,
}: {
  results: Results;
  query: Record<string, string>;
  current: SearchKind | undefined;
}) {
  const total = SEARCH_KINDS.reduce((sum, kind) => sum + results.counts[kind], 0);
  const tab = (kind: SearchKind | undefined, label: string, count: string) => (
    <li key={kind ?? 'all'}>
      <a
        href={hrefFor(query, kind)}
        aria-current={kind === current ? 'page' : undefined}
        className={clsx(
          'inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium',
          kind === current ? 'bg-indigo-50 text-indigo-800' : 'text-slate-700 hover:bg-slate-100',
        )}
      >
        {label}
        <span className="text-xs text-slate-500 tabular-nums">{count}</span>
      </a>
    </li>
  );
  return (
    <nav aria-label="Kinds of result" className="mb-4">
      <ul className="flex flex-wrap gap-1">
        {tab(undefined, 'Everything', countText(total, Object.keys(results.capped).length > 0))}
        {SEARCH_KINDS.filter((kind) => results.counts[kind] > 0 || kind === current).map((kind) =>
          tab(kind, SEARCH_KIND_LABELS[kind], countText(results.counts[kind], results.capped[kind] ?? false)),
        )}
      </ul>
    </nav>
  );
}

/** The hits grouped by kind, best first; one kind's page when a kind is chosen. */
export function SearchResults({
  results,
  query,
  kind,
}: {
  results: Results;
  query: Record<string, string>;
  kind: SearchKind | undefined;
}) {
  return (
    <>
      <KindTabs results={results} query={query} current={kind} />
      <div className="space-y-6">
        {results.groups.map((group) => {
          const headingId = `search-${group.kind}`;
          const noun = SEARCH_KIND_LABELS[group.kind].toLowerCase();
          return (
            <Card key={group.kind} aria-labelledby={headingId}>
              <CardHeader
                id={headingId}
                title={SEARCH_KIND_LABELS[group.kind]}
                description={`${countText(group.total, group.capped)} found`}
                actions={
                  !kind && group.total > group.hits.length ? (
                    <a href={hrefFor(query, group.kind)} className="link text-sm">
                      All {countText(group.total, group.capped)} {noun}
                    </a>
                  ) : null
                }
              />
              <ol className="divide-y divide-slate-100">
                {group.hits.map((hit) => (
                  <SearchHitItem key={hit.id} hit={hit} />
                ))}
              </ol>
              {kind ? (
                <Pagination
                  page={results.page}
                  pageCount={results.pageCount}
                  pageSize={results.pageSize}
                  total={group.total}
                  pathname="/search"
                  query={query}
                  noun={noun}
                />
              ) : null}
            </Card>
          );
        })}
      </div>
    </>
  );
}
