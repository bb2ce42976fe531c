import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { Compliance } from '@/lib/domain/compliance';
import { formatDate } from '@/lib/format/date';

export type CompliancePoint = { day: Date; compliance: Compliance & { commitments: number } };

const WIDTH = 360;
const HEIGHT = 120;
const TOP = 8;
const BOTTOM = 20;
const LEFT = 30;

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

function tone(percent: number): string {
  return percent >= 67 ? '#059669' : percent >= 34 ? '#f59e0b' : '#dc2626';
}

/**
 * Compliance (%) at each month end (the last point: the day shown), as small bars drawn on the server (no
 * client JavaScript), with the same figures in a table beneath for screen readers and for reading exact values.
 * A month with nothing scored has no bar and says so in the table.
 */
export function ComplianceOverTimeChart({ points, caption }: { points: CompliancePoint[]; caption: string }) {
  const slot = (WIDTH - LEFT) / Math.max(points.length, 1);
  const bar = Math.min(22, slot * 0.7);
  const y = (percent: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - percent / 100);
  const scored = points.filter((point) => point.compliance.percent !== null);
  const summary = scored.length
    ? `${caption}: from ${scored[0].compliance.percent}% (${formatDate(scored[0].day)}) to ${scored.at(-1)!.compliance.percent}% (${formatDate(scored.at(-1)!.day)}). The table below has every month.`
    : `${caption}: nothing scored in this period.`;
  return (
    <figure className="px-4 py-3 sm:px-5">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-xl"
        data-testid="compliance-over-time"
      >
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeDasharray="3 3" />
            <text x={LEFT - 4} y={y(tick) + 3} textAnchor="end" fontSize="9" fill="#64748b">
              {tick}%
            </text>
          </g>
        ))}
        {points.map((point, index) => {
          const x = LEFT + slot * index + (slot - bar) / 2;
          const { percent } = point.compliance;
          return (
            <g key={point.day.toISOString()}>
              {percent === null ? null : (
                <rect
                  x={x}
                  y={y(percent)}
                  width={bar}
                  height={Math.max(1, y(0) - y(percent))}
                  rx="2"
                  fill={tone(percent)}
                >
                  <title>{`${formatDate(point.day)}: ${percent}%`}</title>
                </rect>
              )}
              <text x={x + bar / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="9" fill="#475569">
                {monthLabel.format(point.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">The figures, month by month</summary>
        <Table caption={caption}>
          <THead>
            <Tr>
              <Th>Day</Th>
              <Th>Compliance</Th>
              <Th>Scored</Th>
            </Tr>
          </THead>
          <TBody>
            {points.map((point) => (
              <Tr key={point.day.toISOString()}>
                <RowHeader>{formatDate(point.day)}</RowHeader>
                <Td>{point.compliance.percent === null ? 'Not scored' : `${point.compliance.percent}%`}</Td>
                <Td>
                  {point.compliance.scored} of {point.compliance.commitments}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </details>
    </figure>
  );
}
