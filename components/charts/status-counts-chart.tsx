'use client';

// Commitments by status as a bar chart, one bar per status in the order of the scale. The numbers are also shown
// as text next to it (components/commitments/status-counts.tsx), so the SVG is hidden from screen readers.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { STATUSES, STATUS_LABELS, type CommitmentStatus } from '@/lib/domain/status';
import { STATUS_COLORS } from './status-colors';

export function StatusCountsChart({ counts }: { counts: Record<CommitmentStatus, number> }) {
  const data = STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] }));
  return (
    <div aria-hidden className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 256 }}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 32, bottom: 4, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
          <YAxis
            type="category"
            dataKey="label"
            width={120}
            tick={{ fontSize: 12, fill: '#334155' }}
            interval={0}
          />
          <Bar dataKey="count" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={22}>
            {data.map((entry) => (
              <Cell key={entry.status} fill={STATUS_COLORS[entry.status]} />
            ))}
            <LabelList dataKey="count" position="right" style={{ fontSize: 12, fill: '#0f172a' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
