import Link from 'next/link';
import type { PartyListItem } from '@/lib/data/party-dashboard';
import { PARTY_KIND_LABELS } from './party-labels';
import { ComplianceMeter } from './compliance-meter';

/**
 * Parties in tree order (sub-parties indented under their parent) with their compliance: on their own
 * responsibilities and, for a party with parties under it, including theirs. The cells' styles are set once, by
 * the table's dtable classes (app/styles/dashboards.css), rather than on every cell of every row.
 */
export function PartyComplianceTable({ rows, caption }: { rows: PartyListItem[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="dtable dtable-hover">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col" className="hidden md:table-cell">
              Kind
            </th>
            <th scope="col" className="w-40">
              Own
            </th>
            <th scope="col" className="hidden w-40 sm:table-cell">
              With sub-parties
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const withSubParties = row.compliance.withSubParties;
            return (
              <tr key={row.id}>
                <th scope="row">
                  <div className="flex items-start gap-1.5" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
                    {row.depth ? (
                      <span aria-hidden className="text-slate-400">
                        └
                      </span>
                    ) : null}
                    <div className="min-w-0">
                      <Link href={`/parties/${row.id}`} className="c-title">
                        {row.name}
                      </Link>
                      {row.shortName ? (
                        <span className="ml-1.5 text-xs text-slate-500">{`(${row.shortName})`}</span>
                      ) : null}
                      {row.hasChildren ? (
                        <p className="c-sub mt-1 sm:hidden">
                          {`With sub-parties: ${withSubParties.percent === null ? 'not scored' : `${withSubParties.percent}%`} (${withSubParties.scored} of ${withSubParties.commitments} scored)`}
                        </p>
                      ) : null}
                    </div>
                  </div>
                </th>
                <td className="hidden md:table-cell">{PARTY_KIND_LABELS[row.kind]}</td>
                <td>
                  <ComplianceMeter compliance={row.compliance.own} />
                </td>
                <td className="hidden sm:table-cell">
                  {row.hasChildren ? (
                    <ComplianceMeter compliance={withSubParties} />
                  ) : (
                    <span className="c-none">No sub-parties</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
