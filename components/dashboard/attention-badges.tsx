import clsx from 'clsx';
import { CalendarX2, Hourglass, ShieldAlert, Scale, type LucideIcon } from 'lucide-react';
import {
  ATTENTION_DESCRIPTIONS,
  ATTENTION_FLAGS,
  ATTENTION_LABELS,
  type AttentionFlag,
} from '@/lib/domain/attention';

// Each flag has its own icon as well as its colour and label, so the badges stay apart without colour vision.
export const ATTENTION_STYLES: Record<AttentionFlag, { icon: LucideIcon; badge: string }> = {
  overdue: { icon: CalendarX2, badge: 'bg-red-50 text-red-800 ring-red-200' },
  contradicted: { icon: ShieldAlert, badge: 'bg-rose-50 text-rose-800 ring-rose-300' },
  stale: { icon: Hourglass, badge: 'bg-amber-50 text-amber-900 ring-amber-300' },
  weak: { icon: Scale, badge: 'bg-violet-50 text-violet-800 ring-violet-200' },
};

/** One needs-attention flag; the tooltip gives the rule behind it. */
function AttentionBadge({ flag, className }: { flag: AttentionFlag; className?: string }) {
  const { icon: Icon, badge } = ATTENTION_STYLES[flag];
  return (
    <span title={ATTENTION_DESCRIPTIONS[flag]} className={clsx('attention-badge', badge, className)}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {ATTENTION_LABELS[flag]}
    </span>
  );
}

/** The flags that hold, in the fixed order of ATTENTION_FLAGS; `empty` when none does. */
export function AttentionBadges({
  flags,
  empty = null,
}: {
  flags: readonly AttentionFlag[];
  empty?: React.ReactNode;
}) {
  if (!flags.length) return <>{empty}</>;
  return (
    <ul aria-label="Attention flags" className="flex flex-wrap gap-1">
      {ATTENTION_FLAGS.filter((flag) => flags.includes(flag)).map((flag) => (
        <li key={flag}>
          <AttentionBadge flag={flag} />
        </li>
      ))}
    </ul>
  );
}
