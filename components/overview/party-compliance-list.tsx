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
 * of its commitments are scored, and a bar (the thresholds of ComplianceMeter). The cell styles are set once, by
 * the table's party-meters class and the meter-* classes (app/styles/dashboards.css); the full table, own and
 * with sub-parties, is on /parties.
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
      <table className="party-meters">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col" className="w-40">
              Compliance
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, name, shortName, compliance: { withSubParties: figure } }) => (
            <tr key={id}>
              <th scope="row">
                <Link href={`/parties/${id}${suffix}`}>{name}</Link>
                {shortName ? <span>{` (${shortName})`}</span> : null}
              </th>
              <td>
                <div className="meter-figures">
                  <span>{figure.percent === null ? 'Not scored' : `${figure.percent}%`}</span>
                  <span>{`${figure.scored} of ${figure.commitments} scored`}</span>
                </div>
                <div aria-hidden className="meter-track">
                  <div className={tone(figure.percent)} style={{ width: `${figure.percent ?? 0}%` }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
