import { Day } from '@/components/ui/day';
import { describeFactDate, formatFactDate, type DatePrecision } from '@/lib/domain/dates';
import type { CommitmentStatus } from '@/lib/domain/status';
import { StatusChip, StatusMarker } from './status-chip';

export type StatusHistoryEntry = {
  id: number;
  status: CommitmentStatus;
  reason: string | null;
  observedOn: Date;
  /** How much of the fact date is known (absent: to the day). */
  observedPrecision?: DatePrecision;
  createdAt: Date;
  author: { name: string } | null;
  /** Set on a copy imported from a file: what the file said. A claim, never shown as the entry's author. */
  originallyLoggedBy: string | null;
  originallyLoggedAt: Date | null;
  party: { id: number; name: string } | null;
  evidence: { id: number; title: string } | null;
};

/**
 * The follow-up log as a timeline, newest news first (the caller passes the entries in that order). The first
 * entry is the one the current status rests on. Each says when it was logged and by whom, which may be long
 * after the day it describes (a back-dated item); an imported copy also says what its file claimed.
 */
export function StatusHistory({
  entries,
  labelledBy,
}: {
  entries: StatusHistoryEntry[];
  labelledBy?: string;
}) {
  return (
    <ol aria-labelledby={labelledBy} className="relative px-4 py-2 sm:px-5">
      {entries.map((entry, index) => (
        <li key={entry.id} className="relative flex gap-4 py-3">
          {/* The rail between markers; it stops at the oldest entry. */}
          {index < entries.length - 1 ? (
            <span aria-hidden className="absolute top-7 bottom-[-0.75rem] left-[7px] w-px bg-slate-200" />
          ) : null}
          <span className="relative mt-1.5 flex size-4 shrink-0 items-center justify-center rounded-full bg-white ring-4 ring-white">
            <StatusMarker status={entry.status} className="size-2.5" />
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="text-sm font-semibold text-slate-900">
                <FactDate date={entry.observedOn} precision={entry.observedPrecision ?? 'day'} />
              </span>
              <StatusChip status={entry.status} />
              {index === 0 ? (
                <span className="text-xs font-medium text-slate-500">Current status rests on this</span>
              ) : null}
            </div>
            {/* Labels in their own column so long reasons and titles wrap beside them, not under them. */}
            <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-2 gap-y-1 text-sm text-slate-700">
              <dt className="text-slate-500">Assessed</dt>
              <dd>{entry.party ? entry.party.name : 'The commitment as a whole'}</dd>
              {entry.reason ? (
                <>
                  <dt className="text-slate-500">Reason</dt>
                  <dd className="whitespace-pre-line">{entry.reason}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">Evidence</dt>
              <dd>
                {entry.evidence ? (
                  <a href={`#evidence-${entry.evidence.id}`} className="link">
                    {entry.evidence.title}
                  </a>
                ) : (
                  <span className="text-slate-500">None cited</span>
                )}
              </dd>
            </dl>
            <p className="mt-1 text-xs text-slate-500">
              Logged <Day date={entry.createdAt} /> by {entry.author?.name ?? 'the system'}
            </p>
            {entry.originallyLoggedAt ? (
              <p className="mt-0.5 text-xs text-slate-500">
                Imported; the file says originally logged <Day date={entry.originallyLoggedAt} />
                {entry.originallyLoggedBy ? <> by {entry.originallyLoggedBy}</> : null}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The day a fact held, or as much of it as is known: "14 Jun 2025", "June 2025", "2025", "undated, by 2 Dec 2026". */
export function FactDate({ date, precision }: { date: Date; precision: DatePrecision }) {
  if (precision === 'day') return <Day date={date} />;
  const text = describeFactDate(date, precision);
  return (
    <time
      dateTime={formatFactDate(date, precision)}
      title={
        precision === 'unknown'
          ? 'The item gives no date: the fact held by this day at the latest.'
          : `Known to the ${precision}; counts from its last day.`
      }
    >
      {precision === 'unknown' ? text[0].toUpperCase() + text.slice(1) : text}
    </time>
  );
}
