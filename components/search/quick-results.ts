// The header box's results as you type (app/api/search/route.ts → components/search/search-box.tsx): the first hits
// of each kind, each with where it leads and a line of context, small enough to answer on every pause in typing.
import { STATUS_LABELS } from '@/lib/domain/status';
import { formatDate } from '@/lib/format/date';
import type { SearchKind } from '@/lib/generated/prisma/enums';
import type { Segment } from '@/lib/search/highlight';
import { SEARCH_KIND_LABELS } from '@/lib/search/params';
import type { SearchHit, SearchResults } from '@/lib/search/query';

/** Hits per kind in the popover; the full page shows more. */
const QUICK_PER_KIND = 3;

type QuickHit = { key: string; href: string; title: Segment[]; context: string };
/** `capped`: there are more than `total` (the search counts up to a cap). */
export type QuickGroup = {
  kind: SearchKind;
  label: string;
  total: number;
  capped: boolean;
  hits: QuickHit[];
};

/** Where a hit leads. */
export function hrefOf(hit: SearchHit): string {
  switch (hit.kind) {
    case 'commitment':
      return `/commitments/${hit.id}`;
    case 'agreement':
      return `/agreements/${hit.id}`;
    case 'evidence':
      return `/evidence/${hit.id}`;
    case 'status_update':
      return `/commitments/${hit.commitment.id}#update-${hit.id}`;
    case 'party':
      return `/parties/${hit.id}`;
    case 'person':
      return `/people/${hit.id}`;
    case 'outlet':
      return `/outlets/${hit.id}`;
  }
}

function contextOf(hit: SearchHit): string {
  switch (hit.kind) {
    case 'commitment':
      return `${STATUS_LABELS[hit.status]} · ${hit.agreement.title}`;
    case 'agreement':
      return hit.place ?? '';
    case 'evidence':
      return `${hit.outlet.name} · ${hit.publishedOn ? formatDate(hit.publishedOn) : 'Undated'}`;
    case 'status_update':
      return `${STATUS_LABELS[hit.status]} · ${hit.commitment.title}`;
    case 'party':
      return hit.parent ?? '';
    case 'person':
      return hit.party?.name ?? '';
    case 'outlet':
      return hit.website ?? '';
  }
}

export function quickGroups(results: SearchResults): QuickGroup[] {
  return results.groups.map((group) => ({
    kind: group.kind,
    label: SEARCH_KIND_LABELS[group.kind],
    total: group.total,
    capped: group.capped,
    hits: group.hits.slice(0, QUICK_PER_KIND).map((hit) => ({
      key: `${hit.kind}:${hit.id}`,
      href: hrefOf(hit),
      title: hit.title,
      context: contextOf(hit),
    })),
  }));
}
