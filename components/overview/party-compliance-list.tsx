import Link from 'next/link';
import type { PartyListItem } from '@/lib/data/party-dashboard';
import { formatDay } from '@/lib/domain/dates';

const TONES = { none: 'bg-slate-300', low: 'bg-red-600', mid: 'bg-amber-500', high: 'bg-emerald-600' };

function tone(percent: number | null): string {
  if (percent === null) return TONES.none;
  return percent >= 67 ? TONES.high : percent >= 34 ? TONES.mid : TONES.low;
}

/**
 * The overview's compliance per party: each party's figure with the parties under it, as a percentage, how many
 * of its commitments are scored, and a bar (the thresholds of ComplianceMeter). The cell styles are set once on
 * the table; the full table, own and with sub-parties, is on /parties.
 */
export function PartyComplianceList({
  rows,
  caption,
  asOf,
}: {
  rows: readonly PartyListItem[];
  caption: string;
  /** The day the compliance is as of: the party links open its page as of it. */
  asOf: Date | null;
}) {
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm [&_td]:w-40 [&_td]:px-4 [&_td]:py-2.5 [&_th]:px-4 [&_th]:py-2.5 sm:[&_td]:pr-5 sm:[&_th]:pl-5 [&>tbody>tr>th]:font-normal">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col">Party</th>
            <th scope="col" className="w-40">
              Compliance
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top">
          {rows.map(({ id, name, shortName, compliance: { withSubParties: figure } }) => (
            <tr key={id}>
              <th scope="row">
                <Link href={`/parties/${id}${suffix}`} className="font-medium text-slate-900 hover:underline">
                  {name}
                </Link>
                {shortName ? <span className="text-xs text-slate-500"> ({shortName})</span> : null}
              </th>
              <td>
                <div className="flex items-baseline justify-between gap-2 tabular-nums">
                  <span className="font-semibold text-slate-900">
                    {figure.percent === null ? 'Not scored' : `${figure.percent}%`}
                  </span>
                  <span className="text-xs text-slate-500">
                    {figure.scored} of {figure.commitments} scored
                  </span>
                </div>
                <div aria-hidden className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100">
                  <div
                    className={`h-full ${tone(figure.percent)}`}
                    style={{ width: `${figure.percent ?? 0}%` }}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
