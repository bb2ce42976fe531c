'use client';

// The status timeline of one commitment: its status as a step line over time across the seven statuses, and each
// follow-up as a point (filled when it cites evidence) whose tooltip shows the evidence's title, outlet and grade.
// The chart is a picture for sighted mouse and keyboard users; the status history list beside it says the same
// in text, so the SVG is hidden from screen readers and the figure's caption points to the list.
import { useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { describeGrade } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { STATUS_LABELS } from '@/lib/domain/status';
import { STATUS_COLORS } from './status-colors';
import {
  TIMELINE_LEVELS,
  dayToTime,
  timeAxisLabel,
  timeAxisTicks,
  timelineSeries,
  fromWireUpdate,
  type TimelineWireUpdate,
  type UpdatePoint,
} from './status-timeline-data';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function UpdateTooltip({ active, payload }: TooltipContentProps) {
  if (!active || !payload?.length) return null;
  const point = payload.find((entry) => (entry.payload as UpdatePoint | undefined)?.update)?.payload as
    UpdatePoint | undefined;
  if (!point) return null;
  const { update } = point;
  return (
    <div className="max-w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700 shadow-lg">
      <p className="font-semibold text-slate-900">
        {dateFormat.format(point.t)} · {STATUS_LABELS[update.status]}
      </p>
      {update.party ? <p className="mt-0.5">Assessed: {update.party}</p> : null}
      {update.evidence ? (
        <>
          <p className="mt-1.5 font-medium text-slate-900">{update.evidence.title}</p>
          <p className="mt-0.5">
            {update.evidence.outlet} ·{' '}
            <span className="font-mono font-semibold">
              {update.evidence.reliability}
              {update.evidence.credibility}
            </span>{' '}
            · {EVIDENCE_TYPE_LABELS[update.evidence.type]}
          </p>
          <p className="mt-0.5 text-slate-500">
            {describeGrade(update.evidence.reliability, update.evidence.credibility)}
          </p>
        </>
      ) : (
        <p className="mt-1 text-slate-500">No evidence cited</p>
      )}
      {update.reason ? <p className="mt-1 line-clamp-3 italic">“{update.reason}”</p> : null}
    </div>
  );
}

type ShapeProps = { cx?: number; cy?: number; payload?: UpdatePoint };

/** Filled dot for a follow-up citing evidence, hollow ring for one without; coloured by its status. */
function UpdateDot({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const color = STATUS_COLORS[payload.status];
  return payload.update.evidence ? (
    <circle cx={cx} cy={cy} r={6} fill={color} stroke="#fff" strokeWidth={2} />
  ) : (
    <circle cx={cx} cy={cy} r={5} fill="#fff" stroke={color} strokeWidth={2} />
  );
}

export function StatusTimelineChart({
  updates,
  from,
  to,
  asOf,
  describedBy,
}: {
  /** Follow-ups in rule order (oldest news first), as toWireUpdate writes them. */
  updates: TimelineWireUpdate[];
  /** First and last day to show, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Marks the as-of day, YYYY-MM-DD. */
  asOf?: string;
  /** Id of the text that says the same as the chart (the status history). */
  describedBy?: string;
}) {
  const { steps, points, domain } = useMemo(
    () => timelineSeries(updates.map(fromWireUpdate), from, to),
    [updates, from, to],
  );
  const axis = useMemo(() => timeAxisTicks(domain), [domain]);

  return (
    <figure aria-describedby={describedBy} className="m-0">
      {/* Clipped: until its script measures the box, the chart is drawn at its initial 600 px, wider than a phone. */}
      <div aria-hidden className="h-64 w-full overflow-hidden sm:h-72">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 280 }}>
          <ComposedChart margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              ticks={axis.ticks}
              tickFormatter={(value: number) => timeAxisLabel(value, axis.unit)}
              tick={{ fontSize: 11, fill: '#475569' }}
              tickMargin={6}
              minTickGap={24}
              allowDuplicatedCategory={false}
            />
            <YAxis
              dataKey="level"
              type="number"
              domain={[0, TIMELINE_LEVELS.length - 1]}
              ticks={TIMELINE_LEVELS.map((_, index) => index)}
              tickFormatter={(value: number) => STATUS_LABELS[TIMELINE_LEVELS[value]] ?? ''}
              tick={{ fontSize: 11, fill: '#475569' }}
              width={112}
              interval={0}
            />
            <Tooltip
              content={UpdateTooltip}
              shared={false}
              cursor={{ stroke: '#94a3b8', strokeDasharray: '3 3' }}
              isAnimationActive={false}
            />
            {asOf ? (
              <ReferenceLine
                x={dayToTime(asOf)}
                stroke="#4f46e5"
                strokeDasharray="4 3"
                label={{ value: 'As of', position: 'insideTopRight', fontSize: 11, fill: '#4338ca' }}
              />
            ) : null}
            <Line
              data={steps}
              dataKey="level"
              type="stepAfter"
              stroke="#334155"
              strokeWidth={2}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              tooltipType="none"
            />
            <Scatter
              data={points}
              dataKey="level"
              shape={(props: unknown) => <UpdateDot {...(props as ShapeProps)} />}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
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
        <span>Hover a point for its evidence. The status history below lists the same follow-ups.</span>
      </figcaption>
    </figure>
  );
}
