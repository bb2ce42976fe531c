import clsx from 'clsx';
import { CheckCircle2 } from 'lucide-react';
import { ATTENTION_FLAGS, ATTENTION_LABELS, type AttentionFlag } from '@/lib/domain/attention';
import { ATTENTION_STYLES } from './attention-badges';

/**
 * All four needs-attention checks of one commitment, each saying whether it holds and why, in words specific to
 * this commitment (`explanations`, written by the page from the same facts the flags were computed from).
 */
export function AttentionPanel({
  flags,
  explanations,
  labelledBy,
}: {
  flags: readonly AttentionFlag[];
  explanations: Record<AttentionFlag, string>;
  labelledBy?: string;
}) {
  return (
    <ul aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {ATTENTION_FLAGS.map((flag) => {
        const on = flags.includes(flag);
        const { icon: Icon, badge } = ATTENTION_STYLES[flag];
        return (
          <li key={flag} className="flex gap-3 px-4 py-3 sm:px-5">
            <span
              aria-hidden
              className={clsx(
                'mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full ring-1 ring-inset',
                on ? badge : 'bg-white text-emerald-700 ring-slate-200',
              )}
            >
              {on ? <Icon className="size-4" /> : <CheckCircle2 className="size-4" />}
            </span>
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">
                {ATTENTION_LABELS[flag]}
                <span
                  className={clsx('ml-2 text-xs font-semibold', on ? 'text-red-700' : 'text-emerald-700')}
                >
                  {on ? 'Yes' : 'No'}
                </span>
              </p>
              <p className="mt-0.5 text-sm text-slate-600">{explanations[flag]}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
