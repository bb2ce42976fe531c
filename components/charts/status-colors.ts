import type { CommitmentStatus } from '@/lib/domain/status';

// The status colours of components/commitments/status-chip.tsx as hex values, for SVG charts that cannot take
// Tailwind classes. Colour never carries meaning alone: every chart here has labels and a text fallback.
export const STATUS_COLORS: Record<CommitmentStatus, string> = {
  no_evidence: '#94a3b8', // slate-400
  not_started: '#64748b', // slate-500
  in_progress: '#2563eb', // blue-600
  stalled: '#f59e0b', // amber-500
  partially_fulfilled: '#0d9488', // teal-600
  fulfilled: '#059669', // emerald-600
  broken: '#dc2626', // red-600
};
