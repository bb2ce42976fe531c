import Link from 'next/link';
import { StatusChip } from '@/components/commitments/status-chip';
import { Day } from '@/components/ui/day';
import { formatDay } from '@/lib/domain/dates';
import type { NeedsAttentionItem } from '@/lib/data/attention';
import { AttentionBadges } from './attention-badges';

/** The needs-attention queue, most urgent first (the order the query gives), each flag as a badge. */
export function NeedsAttentionQueue({
  items,
  labelledBy,
  asOf = null,
}: {
  items: NeedsAttentionItem[];
  labelledBy?: string;
  /** The day shown: links open the commitment as of it. */
  asOf?: Date | null;
}) {
  return (
    <ol aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.id} className="px-4 py-3 sm:px-5">
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
            <div className="min-w-0 flex-1">
              <Link
                href={`/commitments/${item.id}${asOf ? `?asOf=${formatDay(asOf)}` : ''}`}
                className="text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {item.title}
              </Link>
              <p className="mt-0.5 truncate text-xs text-slate-600">
                <span className="sr-only">Agreement: </span>
                {item.agreement.title}
              </p>
            </div>
            <StatusChip status={item.status} />
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <AttentionBadges flags={item.flags} />
            <span className="text-xs text-slate-500">
              {item.dueOn ? (
                <>
                  Due <Day date={item.dueOn} />
                  {' · '}
                </>
              ) : null}
              {item.lastEvidenceOn ? (
                <>
                  Last news <Day date={item.lastEvidenceOn} />
                </>
              ) : (
                'No news yet'
              )}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}
