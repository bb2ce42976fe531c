'use client';

// The status timeline of one commitment: its status as a step line over time across the seven statuses (as of each
// day, from the rows that count for status), and each follow-up as a point (filled when it cites evidence) whose
// tooltip shows the evidence's title, outlet and grade. Corroborations, context rows and withdrawn rows are drawn
// distinctly and never move the line; a fact dated only to the month or year, or undated, sits on the day it surely
// held by, marked as such.
// The chart is a picture for sighted mouse and keyboard users; the status history list beside it says the same
// in text, so the SVG is hidden from screen readers and the figure's caption points to the list.
import { useMemo } from 'react';
import dynamic from 'next/dynamic';
import { fromTimelineWire, type TimelineWire } from './status-timeline-data';

// Drawn in the browser only (status-timeline-plot.tsx says why); the legend below it is rendered with the page.
const StatusTimelinePlot = dynamic(() => import('./status-timeline-plot'), { ssr: false });

export function StatusTimelineChart({
  data,
  asOf,
  describedBy,
}: {
  /** The follow-ups in rule order (oldest news first) and the days to show, as toTimelineWire writes them. */
  data: TimelineWire;
  /** Marks the as-of day, YYYY-MM-DD. */
  asOf?: string;
  /** Id of the text that says the same as the chart (the status history). */
  describedBy?: string;
}) {
  const updates = useMemo(() => fromTimelineWire(data), [data]);
  const shown = useMemo(() => {
    const present = new Set<string>();
    for (const update of updates) {
      if (update.withdrawn) present.add('withdrawn');
      else if (update.kind && update.kind !== 'assessment') present.add(update.kind);
      if ((update.precision ?? 'day') !== 'day') present.add('vague');
    }
    return present;
  }, [updates]);

  return (
    <figure aria-describedby={describedBy} className="m-0">
      {/* Clipped: until its script measures the box, the chart is drawn at its initial 600 px, wider than a phone. The
          box keeps its height while the drawing's script loads. */}
      <div aria-hidden className="h-64 w-full overflow-hidden sm:h-72">
        <StatusTimelinePlot updates={updates} from={data.from} to={data.to} asOf={asOf} />
      </div>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 px-1 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block size-2.5 rounded-full bg-slate-500" />
          Follow-up citing evidence
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span
            aria-hidden
            className="inline-block size-2.5 rounded-full border-2 border-slate-500 bg-white"
          />
          Follow-up without evidence
        </span>
        {shown.has('corroboration') ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2 rotate-45 bg-slate-500" />
            Corroboration (status unchanged)
          </span>
        ) : null}
        {shown.has('context') ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2 border border-slate-500 bg-slate-300" />
            Context (does not set the status)
          </span>
        ) : null}
        {shown.has('withdrawn') ? (
          <span className="inline-flex items-center gap-1.5">
            <span
              aria-hidden
              className="inline-block size-2.5 rounded-full border-2 border-dashed border-slate-400 bg-white"
            />
            Withdrawn (no longer counts)
          </span>
        ) : null}
        {shown.has('vague') ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="text-slate-500">
              ←
            </span>
            Date known to the month or year, or undated: shown on the day it held by
          </span>
        ) : null}
        <span>
          Hover a point for its evidence; click it to open the follow-up in the status history below, which
          lists the same follow-ups.
        </span>
      </figcaption>
    </figure>
  );
}
