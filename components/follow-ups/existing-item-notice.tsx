import { Info } from 'lucide-react';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EvidenceTypeBadge } from '@/components/evidence/evidence-type-badge';
import { parseDayOrNull } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';
import type { ExistingItem } from './evidence-lookup';

/**
 * An item as GET /follow-ups/lookup describes it: with the address it was first logged under, which may be
 * another form of the one pasted (http/https, www., AMP: one article, one item; lib/domain/url.ts urlIdentity).
 */
export type LoggedItem = ExistingItem & { url?: string };

/**
 * Shown in place of the item's fields when its address, or another form of it, is already logged: the updates
 * will cite that item.
 */
export function ExistingItemNotice({ item, id }: { item: LoggedItem; id: string }) {
  const published = item.publishedOn ? parseDayOrNull(item.publishedOn) : null;
  return (
    <div id={id} role="status" className="rounded-lg border border-sky-200 bg-sky-50 p-4">
      <div className="flex gap-3">
        <Info aria-hidden className="mt-0.5 size-5 shrink-0 text-sky-700" />
        <div className="min-w-0 space-y-2 text-sm text-sky-950">
          <p>
            <strong className="font-semibold">
              Already logged on {formatDate(new Date(item.loggedAt))} as “{item.title}”
            </strong>{' '}
            — your updates will cite that item. Its details stay as first logged, so there is nothing more to
            fill in here.
          </p>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sky-900">
            <AdmiraltyBadge reliability={item.reliability} credibility={item.credibility} />
            <EvidenceTypeBadge type={item.type} />
            <span>{item.outlet}</span>
            <span>{published ? `Published ${formatDate(published)}` : 'Undated'}</span>
            <a href={`/evidence/${item.id}`} target="_blank" rel="noopener" className="link">
              Open the item<span className="sr-only"> (opens in a new tab)</span>
            </a>
          </p>
          {item.url ? (
            <p className="break-all text-sky-900">
              Logged under <span className="font-mono text-xs">{item.url}</span>
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
