import clsx from 'clsx';
import type { Reliability } from '@/lib/generated/prisma/enums';

// The Admiralty (NATO) grading used by OpenCTI and MISP: how reliable the source is, and how credible this
// particular piece of information is, judged separately.
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

export const CREDIBILITY_LABELS: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

/** "Source B (usually reliable), information 2 (probably true)" */
export function describeGrade(reliability: Reliability, credibility: number): string {
  const credibilityText = CREDIBILITY_LABELS[credibility] ?? 'unknown credibility';
  return `Source ${reliability} (${RELIABILITY_LABELS[reliability]}), information ${credibility} (${credibilityText})`;
}

/** Grades that cannot carry a status on their own: a doubtful source (D–F) or doubtful information (4–6). */
function isWeak(reliability: Reliability, credibility: number): boolean {
  return reliability >= 'D' || credibility >= 4;
}

const EXPLANATION =
  'Admiralty code: source reliability A (completely reliable) to F (cannot be judged); information credibility 1 (confirmed) to 6 (cannot be judged).';

/**
 * The evidence grade as "B2". The tooltip and the screen-reader text spell it out; `withLabel` also shows the
 * meaning in words next to the code.
 */
export function AdmiraltyBadge({
  reliability,
  credibility,
  withLabel = false,
}: {
  reliability: Reliability;
  credibility: number;
  withLabel?: boolean;
}) {
  const description = describeGrade(reliability, credibility);
  // One text node each (template strings), not several split by React's <!-- --> markers.
  const badge = (
    <span
      title={`${description}.\n${EXPLANATION}`}
      className={clsx(
        'grade-badge',
        isWeak(reliability, credibility)
          ? 'bg-amber-50 text-amber-900 ring-amber-300'
          : 'bg-slate-800 text-white ring-slate-800',
      )}
    >
      <span className="sr-only">Grade </span>
      {`${reliability}${credibility}`}
      <span className="sr-only">{`: ${description}`}</span>
    </span>
  );
  // The wrapper only pairs the code with its words: a lone badge goes without it (most lists show many).
  if (!withLabel) return badge;
  return (
    <span className="inline-flex items-center gap-2">
      {badge}
      <span aria-hidden className="text-xs text-slate-600">
        {RELIABILITY_LABELS[reliability]}, {CREDIBILITY_LABELS[credibility] ?? 'unknown credibility'}
      </span>
    </span>
  );
}
