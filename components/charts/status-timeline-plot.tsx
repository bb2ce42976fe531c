'use client';

// The drawing of components/charts/status-timeline-chart.tsx: recharts' step line and points, their tooltip and
// marks. Loaded in the browser only (next/dynamic, ssr: false): recharts cannot draw before its container is
// measured, so rendered on the server it produced an empty box for the same work (its store, its selectors over
// every point) on every render of a commitment's page.
import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
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
import { describeFactDate, parseDay } from '@/lib/domain/dates';
import { STATUS_LABELS } from '@/lib/domain/status';
import { STATUS_COLORS } from './status-colors';
import {
  TIMELINE_LEVELS,
  dayToTime,
  timeAxisLabel,
  timeAxisTicks,
  timelineSeries,
  type TimelineChartUpdate,
  type UpdatePoint,
} from './status-timeline-data';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * The hovered point's follow-up. Recharts' tooltip payload for a scatter can name another point than the one under
 * the pointer (many points, recharts 3), so the point the Scatter reported entering wins; the payload is the
 * fallback.
 */
function UpdateTooltip({ active, payload, hovered }: TooltipContentProps & { hovered: UpdatePoint | null }) {
  if (!active || !payload?.length) return null;
  const point =
    hovered ??
    (payload.find((entry) => (entry.payload as UpdatePoint | undefined)?.update)?.payload as
      UpdatePoint | undefined);
  if (!point) return null;
  const { update } = point;
  const precision = update.precision ?? 'day';
  const when =
    precision === 'day'
      ? dateFormat.format(point.t)
      : `${describeFactDate(parseDay(update.day), precision)}${precision === 'unknown' ? '' : `, held by ${dateFormat.format(point.t)}`}`;
  return (
    <div className="max-w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700 shadow-lg">
      <p className="font-semibold text-slate-900">
        {when} · {STATUS_LABELS[update.status]}
      </p>
      {update.withdrawn ? (
        <p className="mt-0.5 font-medium text-slate-500">Withdrawn: no longer counts</p>
      ) : update.kind === 'corroboration' ? (
        <p className="mt-0.5 text-slate-500">Corroboration: the status is unchanged</p>
      ) : update.kind === 'context' ? (
        <p className="mt-0.5 text-slate-500">Context: background, does not set the status</p>
      ) : null}
      {update.party ? <p className="mt-0.5">Assessed: {update.party}</p> : null}
      {update.evidence ? (
        <>
          {update.evidence.title ? (
            <p className="mt-1.5 font-medium text-slate-900">{update.evidence.title}</p>
          ) : null}
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
      <p className="mt-1.5 text-slate-500">
        #{update.id}
        {update.detailed === false ? ': click for its reason and evidence in the status history' : ''}
      </p>
    </div>
  );
}

type ShapeProps = { cx?: number; cy?: number; payload?: UpdatePoint };

/**
 * Filled dot for an assessment citing evidence, hollow ring for one without; coloured by its status. A
 * corroboration is a diamond, a context row a small grey square, a withdrawn row a grey ring crossed out. A fact
 * dated only to the month or year, or undated, carries a tail to the left: it held by this day, maybe earlier.
 */
function UpdateDot({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const { update } = payload;
  const color = STATUS_COLORS[payload.status];
  const vague = (update.precision ?? 'day') !== 'day';
  const tail = vague ? (
    <path d={`M${cx - 6} ${cy}h-9m3 -3l-3 3 3 3`} stroke="#64748b" strokeWidth={1.5} fill="none" />
  ) : null;
  let mark;
  if (update.withdrawn) {
    mark = (
      <>
        <circle cx={cx} cy={cy} r={5} fill="#fff" stroke="#94a3b8" strokeWidth={1.5} strokeDasharray="2 2" />
        <path d={`M${cx - 4} ${cy + 4}L${cx + 4} ${cy - 4}`} stroke="#94a3b8" strokeWidth={1.5} />
      </>
    );
  } else if (update.kind === 'context') {
    mark = (
      <rect x={cx - 4} y={cy - 4} width={8} height={8} fill="#cbd5e1" stroke="#64748b" strokeWidth={1} />
    );
  } else if (update.kind === 'corroboration') {
    mark = (
      <path
        d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`}
        fill={update.evidence ? color : '#fff'}
        stroke={update.evidence ? '#fff' : color}
        strokeWidth={update.evidence ? 1.5 : 2}
      />
    );
  } else {
    mark = update.evidence ? (
      <circle cx={cx} cy={cy} r={6} fill={color} stroke="#fff" strokeWidth={2} />
    ) : (
      <circle cx={cx} cy={cy} r={5} fill="#fff" stroke={color} strokeWidth={2} />
    );
  }
  return (
    <g data-kind={update.withdrawn ? 'withdrawn' : (update.kind ?? 'assessment')} className="cursor-pointer">
      {tail}
      {mark}
    </g>
  );
}

/** The chart itself: `updates` in rule order (fromTimelineWire), drawn from `from` to `to`. */
export default function StatusTimelinePlot({
  updates,
  from,
  to,
  asOf,
}: {
  updates: readonly TimelineChartUpdate[];
  from: string;
  to: string;
  asOf?: string;
}) {
  const router = useRouter();
  const [hovered, setHovered] = useState<UpdatePoint | null>(null);
  const { steps, points, domain } = useMemo(() => timelineSeries(updates, from, to), [updates, from, to]);
  // A point opens its row in the status history: the page that lists it (?update=), scrolled to it.
  const openUpdate = (id: number) => {
    const url = new URL(window.location.href);
    url.searchParams.delete('page');
    url.searchParams.set('update', String(id));
    router.push(`${url.pathname}${url.search}#update-${id}`);
  };
  const axis = useMemo(() => timeAxisTicks(domain), [domain]);

  return (
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
          content={(props: TooltipContentProps) => <UpdateTooltip {...props} hovered={hovered} />}
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
          onClick={(point: { payload?: UpdatePoint }) => {
            if (point.payload) openUpdate(point.payload.update.id);
          }}
          onMouseEnter={(point: { payload?: UpdatePoint }) => setHovered(point.payload ?? null)}
          onMouseLeave={() => setHovered(null)}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
