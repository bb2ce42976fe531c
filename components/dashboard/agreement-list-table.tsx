import Link from 'next/link';
import { AGREEMENT_KIND_LABELS } from '@/components/agreements/labels';
import { PartyNames } from '@/components/commitments/party-names';
import { PartialDay } from '@/components/ui/day';
import type { AgreementListRow } from '@/lib/data/lists';
import { StatusBreakdown } from './status-breakdown';

/**
 * Agreements with kind, date, parties and their commitments' statuses at a glance. The cells' styles are set once,
 * by the table's dtable classes (app/styles/dashboards.css), rather than on every cell of every row: a row carries
 * only what differs (the width from which a cell shows, the lines folded under the title until then).
 */
export function AgreementListTable({ rows, caption }: { rows: AgreementListRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="dtable dtable-hover">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {/* The title column's width, set once for all its cells. */}
            <th scope="col" className="min-w-56">
              Agreement
            </th>
            <th scope="col" className="hidden md:table-cell">
              Kind
            </th>
            <th scope="col" className="hidden sm:table-cell">
              Date
            </th>
            <th scope="col" className="hidden lg:table-cell">
              Parties
            </th>
            <th scope="col" className="text-right">
              Commitments
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link href={`/agreements/${row.id}`} className="c-title">
                  {row.title}
                </Link>
                {row.place ? <div className="c-sub">{row.place}</div> : null}
                <div className="c-sub mt-1 md:hidden">
                  {AGREEMENT_KIND_LABELS[row.kind]}
                  <span className="sm:hidden">
                    {' · '}
                    <PartialDay date={row.concludedOn} precision={row.concludedPrecision} />
                  </span>
                </div>
                <div className="c-sub mt-1 lg:hidden">
                  <PartyNames parties={row.parties} empty="No parties recorded" />
                </div>
              </th>
              <td className="hidden md:table-cell">{AGREEMENT_KIND_LABELS[row.kind]}</td>
              <td className="hidden whitespace-nowrap sm:table-cell">
                <PartialDay date={row.concludedOn} precision={row.concludedPrecision} />
              </td>
              <td className="hidden lg:table-cell">
                <PartyNames parties={row.parties} />
              </td>
              <td className="text-right">
                <Link
                  href={`/commitments?agreement=${row.id}`}
                  className="link tabular-nums"
                  aria-label={`${row.commitmentCount} commitments of ${row.title}`}
                >
                  {row.commitmentCount}
                </Link>
                <StatusBreakdown counts={row.statusCounts} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
