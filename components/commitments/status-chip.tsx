import clsx from 'clsx';
import { statusLabel, type CommitmentStatus } from '@/lib/domain/status';

// Colour supports the label, never replaces it: the text is always present. The markers also differ in shape
// (hollow, half-filled, diamond) so the chips stay distinguishable without colour vision.
export const STATUS_STYLES: Record<CommitmentStatus, { chip: string; marker: string; bar: string }> = {
  no_evidence: {
    chip: 'bg-white text-slate-600 ring-slate-300',
    marker: 'rounded-full border border-slate-500 bg-white',
    bar: 'bg-slate-300',
  },
  not_started: {
    chip: 'bg-slate-100 text-slate-800 ring-slate-300',
    marker: 'rounded-full bg-slate-500',
    bar: 'bg-slate-500',
  },
  in_progress: {
    chip: 'bg-blue-50 text-blue-800 ring-blue-200',
    marker: 'rounded-full bg-blue-600',
    bar: 'bg-blue-600',
  },
  stalled: {
    chip: 'bg-amber-50 text-amber-900 ring-amber-300',
    marker: 'rounded-full bg-amber-500',
    bar: 'bg-amber-500',
  },
  partially_fulfilled: {
    chip: 'bg-teal-50 text-teal-800 ring-teal-200',
    marker: 'rounded-full border border-teal-600 bg-linear-to-r from-teal-600 from-50% to-white to-50%',
    bar: 'bg-teal-600',
  },
  fulfilled: {
    chip: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
    marker: 'rounded-full bg-emerald-600',
    bar: 'bg-emerald-600',
  },
  broken: {
    chip: 'bg-red-50 text-red-800 ring-red-200',
    marker: 'rotate-45 rounded-[1px] bg-red-600',
    bar: 'bg-red-600',
  },
};

export function StatusMarker({ status, className }: { status: CommitmentStatus; className?: string }) {
  return <span aria-hidden className={clsx('status-dot', STATUS_STYLES[status].marker, className)} />;
}

/**
 * The status of a commitment as a labelled chip. The small one (every list and table) is one element with two short
 * classes, `st-chip s-<status>` (app/styles/dashboards.css draws the marker as its ::before): a page repeats it on
 * every row, and the marker element and long class lists cost more bytes than the row's own text. The medium one
 * (the commitment's header, once a page) keeps STATUS_STYLES.
 */
export function StatusChip({ status, size = 'sm' }: { status: CommitmentStatus; size?: 'sm' | 'md' }) {
  if (size === 'sm') return <span className={`st-chip s-${status}`}>{statusLabel(status)}</span>;
  return (
    <span className={clsx('status-chip px-3 py-1 text-sm', STATUS_STYLES[status].chip)}>
      <StatusMarker status={status} className="size-2.5" />
      {statusLabel(status)}
    </span>
  );
}

/**
 * A status as its marker (shaped as well as coloured) and label, without the chip's pill: `st s-<status>`, as
 * StatusChip's small one. The marker is an empty pseudo-element, which screen readers skip; the label says the status.
 */
export function StatusLabel({ status }: { status: CommitmentStatus }) {
  return <span className={`st s-${status}`}>{statusLabel(status)}</span>;
}
