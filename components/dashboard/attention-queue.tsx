import Link from 'next/link';
import { StatusLabel } from '@/components/commitments/status-chip';
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

const iconId = (flag: AttentionFlag) => `icon-${flag}`;

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
 * The items' styles are the feed-* and flags classes (app/styles/dashboards.css), set once rather than per item.
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
      <ol aria-labelledby={labelledBy} className="feed">
        {items.map((item) => (
          <li key={item.id}>
            <div className="feed-head">
              <Link href={`/commitments/${item.id}${suffix}`} className="feed-title">
                {item.title}
              </Link>
              <StatusLabel status={item.status} />
            </div>
            <p className="feed-sub">
              <span className="sr-only">Agreement: </span>
              {item.agreement.title}
            </p>
            <div className="feed-meta">
              <ul aria-label="Attention flags" className="flags">
                {ATTENTION_FLAGS.filter((flag) => item.flags.includes(flag)).map((flag) => (
                  <li key={flag} title={ATTENTION_DESCRIPTIONS[flag]} className={`f-${flag}`}>
                    <svg aria-hidden>
                      <use href={`#${iconId(flag)}`} />
                    </svg>
                    {ATTENTION_LABELS[flag]}
                  </li>
                ))}
              </ul>
              <span>
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
