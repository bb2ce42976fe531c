import clsx from 'clsx';

export type BadgeTone = 'neutral' | 'slate' | 'blue' | 'teal' | 'green' | 'amber' | 'red' | 'violet';

const tones: Record<BadgeTone, string> = {
  neutral: 'bg-white text-slate-700 ring-slate-300',
  slate: 'bg-slate-100 text-slate-700 ring-slate-300',
  blue: 'bg-blue-50 text-blue-800 ring-blue-200',
  teal: 'bg-teal-50 text-teal-800 ring-teal-200',
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  amber: 'bg-amber-50 text-amber-900 ring-amber-300',
  red: 'bg-red-50 text-red-800 ring-red-200',
  violet: 'bg-violet-50 text-violet-800 ring-violet-200',
};

type BadgeProps = React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone };

/** A small label. Tones add emphasis only; the text must carry the meaning on its own. */
export function Badge({ tone = 'slate', className, ...props }: BadgeProps) {
  return <span className={clsx('badge', tones[tone], className)} {...props} />;
}
