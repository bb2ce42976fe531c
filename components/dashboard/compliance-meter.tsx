import clsx from 'clsx';
import type { Compliance } from '@/lib/domain/compliance';

/** "67%" with a bar, or "Not scored" when no responsibility has evidence yet. */
export function ComplianceMeter({
  compliance,
  size = 'sm',
  className,
}: {
  compliance: Compliance & { commitments: number };
  size?: 'sm' | 'lg';
  className?: string;
}) {
  const { percent, scored, commitments } = compliance;
  const tone =
    percent === null
      ? 'bg-slate-300'
      : percent >= 67
        ? 'bg-emerald-600'
        : percent >= 34
          ? 'bg-amber-500'
          : 'bg-red-600';
  // The figures' and the track's shared styles are the meter-* classes (app/styles/dashboards.css). A missing
  // percentage ("—", "Not scored") keeps the figures' colour, as it always showed: a text-slate-500 given beside
  // text-slate-900 never took effect.
  return (
    <div className={clsx('min-w-0', className)}>
      <div className="meter-figures">
        <span className={size === 'lg' ? 'text-3xl' : 'text-sm'}>
          {percent === null ? (size === 'lg' ? '—' : 'Not scored') : `${percent}%`}
        </span>
        <span>{commitments ? `${scored} of ${commitments} scored` : 'No commitments'}</span>
      </div>
      <div aria-hidden className={clsx('meter-track', size === 'lg' && 'h-2.5')}>
        <div className={`rounded-full ${tone}`} style={{ width: `${percent ?? 0}%` }} />
      </div>
    </div>
  );
}

export const COMPLIANCE_EXPLANATION =
  'Scored as the G20 Research Group does: fulfilled +1; partially fulfilled or in progress 0; not started, stalled or broken −1; no evidence not counted. Shown as a percentage: (average + 1) ÷ 2. A proposal counts only from the day an update records its adoption.';
