import Link from 'next/link';
import { ATTENTION_STYLES } from '@/components/dashboard/attention-badges';
import { Day } from '@/components/ui/day';
import type { NeedsAttentionItem } from '@/lib/data/attention';
import {
  ATTENTION_DESCRIPTIONS,
  ATTENTION_FLAGS,
  ATTENTION_LABELS,
  type AttentionFlag,
} from '@/lib/domain/attention';
import { formatDay } from '@/lib/domain/dates';
import { StatusLabel } from '@/components/commitments/status-chip';

const iconId = (flag: AttentionFlag) => `attention-icon-${flag}`;

/**
 * Each flag's icon drawn once, for the badges to reference: a queue of eight commitments with up to four flags
 * each would otherwise carry up to 32 copies of the icons' paths, in the HTML and again in the RSC payload.
 */
function FlagIcons() {
  return (
    <svg aria-hidden className="absolute size-0">
      {ATTENTION_FLAGS.map((flag) => {
        const Icon = ATTENTION_STYLES[flag].icon;
        return (
          <symbol key={flag} id={iconId(flag)} viewBox="0 0 24 24">
            <Icon />
          </symbol>
        );
      })}
    </svg>
  );
}

/**
 * The needs-attention queue, most urgent first (the order the query gives): each commitment with its status, its
 * flags as badges (icon, colour and label; the tooltip gives the rule behind it), its due day and newest news.
 */
export function AttentionQueue({
  items,
  labelledBy,
  asOf,
}: {
  items: readonly NeedsAttentionItem[];
  labelledBy: string;
  /** The day shown: links open the commitment as of it. */
  asOf: Date | null;
}) {
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  return (
    <>
      <FlagIcons />
      <ol aria-labelledby={labelledBy} className="divide-y divide-slate-200 *:px-4 *:py-3 sm:*:px-5">
        {items.map((item) => (
          <li key={item.id}>
            <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
              <Link
                href={`/commitments/${item.id}${suffix}`}
                className="text-sm font-medium text-slate-900 hover:underline"
              >
                {item.title}
              </Link>
              <StatusLabel status={item.status} />
            </div>
            <p className="mt-0.5 truncate text-xs text-slate-600">
              <span className="sr-only">Agreement: </span>
              {item.agreement.title}
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs">
              <ul
                aria-label="Attention flags"
                className="flex flex-wrap gap-1 font-medium *:inline-flex *:items-center *:gap-1 *:rounded-md *:px-1.5 *:py-0.5 *:ring-1 *:ring-inset"
              >
                {ATTENTION_FLAGS.filter((flag) => item.flags.includes(flag)).map((flag) => (
                  <li
                    key={flag}
                    title={ATTENTION_DESCRIPTIONS[flag]}
                    className={ATTENTION_STYLES[flag].badge}
                  >
                    <svg aria-hidden className="size-3.5 shrink-0">
                      <use href={`#${iconId(flag)}`} />
                    </svg>
                    {ATTENTION_LABELS[flag]}
                  </li>
                ))}
              </ul>
              <span className="text-slate-500">
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
    </>
  );
}
