import { Fragment } from 'react';
import type { Compliance } from '@/lib/domain/compliance';
import { formatDate } from '@/lib/format/date';

export type CompliancePoint = { day: Date; compliance: Compliance & { commitments: number } };

const WIDTH = 360;
const HEIGHT = 120;
const TOP = 8;
const BOTTOM = 20;
const LEFT = 30;

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

/** A coordinate to a hundredth: a float's last digits are bytes (sent twice, HTML and RSC payload), not pixels. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

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
  const x = (index: number) => LEFT + slot * index + (slot - bar) / 2;
  const scored = points.filter((point) => point.compliance.percent !== null);
  const summary = scored.length
    ? `${caption}: from ${scored[0].compliance.percent}% (${formatDate(scored[0].day)}) to ${scored.at(-1)!.compliance.percent}% (${formatDate(scored.at(-1)!.day)}). The table below has every month.`
    : `${caption}: nothing scored in this period.`;
  // The texts' font size, anchor and colour are set once on their group (SVG inherits them), not on each text.
  return (
    <figure className="px-4 py-3 sm:px-5">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        fontSize="9"
        className="h-auto w-full max-w-xl"
        data-testid="compliance-over-time"
      >
        <g textAnchor="end" fill="#64748b">
          {[0, 50, 100].map((tick) => (
            <Fragment key={tick}>
              <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeDasharray="3 3" />
              <text x={LEFT - 4} y={y(tick) + 3}>{`${tick}%`}</text>
            </Fragment>
          ))}
        </g>
        {points.map((point, index) => {
          const { percent } = point.compliance;
          return percent === null ? null : (
            <rect
              key={point.day.toISOString()}
              x={round(x(index))}
              y={round(y(percent))}
              width={round(bar)}
              height={round(Math.max(1, y(0) - y(percent)))}
              rx="2"
              fill={tone(percent)}
            >
              <title>{`${formatDate(point.day)}: ${percent}%`}</title>
            </rect>
          );
        })}
        <g textAnchor="middle" fill="#475569">
          {points.map((point, index) => (
            <text key={point.day.toISOString()} x={round(x(index) + bar / 2)} y={HEIGHT - 6}>
              {monthLabel.format(point.day)}
            </text>
          ))}
        </g>
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">The figures, month by month</summary>
        {/* The cells' styles are the table's dtable class (app/styles/dashboards.css), not one per cell. */}
        <div className="overflow-x-auto">
          <table className="dtable">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Compliance</th>
                <th scope="col">Scored</th>
              </tr>
            </thead>
            <tbody>
              {points.map(({ day, compliance: { percent, scored, commitments } }) => (
                <tr key={day.toISOString()}>
                  <th scope="row">{formatDate(day)}</th>
                  <td>{percent === null ? 'Not scored' : `${percent}%`}</td>
                  <td>{`${scored} of ${commitments}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
