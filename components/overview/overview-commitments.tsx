import Link from 'next/link';
import { StatusLabel } from '@/components/commitments/status-chip';
import { AgreementGroupHeader, groupByAgreement } from '@/components/commitments/commitment-table';
import { PartyNames } from '@/components/commitments/party-names';
import { StrengthBadge } from '@/components/commitments/strength-badge';
import { Day } from '@/components/ui/day';
import type { CommitmentRow } from '@/lib/data/commitments';
import { formatDay } from '@/lib/domain/dates';

/**
 * The overview's page of commitments, one row group per agreement: each row the title (category and responsible
 * parties under it) and the status with its since day. Two columns that fit a phone, so nothing is drawn twice
 * for narrow screens (the full table with its columns is /commitments), and the cells' styles are set once, by
 * the table's otable class (app/styles/dashboards.css), rather than on each row.
 */
export function OverviewCommitments({
  rows,
  caption,
  asOf,
}: {
  rows: readonly CommitmentRow[];
  caption: string;
  /** The day the statuses are as of: links open the commitment as of it. */
  asOf: Date | null;
}) {
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  return (
    <div className="overflow-x-auto">
      <table className="otable">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Commitment</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        {groupByAgreement(rows).map((group) => (
          <tbody key={group.agreement.id}>
            <AgreementGroupHeader agreement={group.agreement} colSpan={2} />
            {group.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link href={`/commitments/${row.id}${suffix}`}>{row.title}</Link>
                  {row.strength !== 'firm' ? (
                    <>
                      {' '}
                      <StrengthBadge strength={row.strength} />
                    </>
                  ) : null}
                  <div>
                    {`${row.category.name} · `}
                    <span className="sr-only">Responsible: </span>
                    <PartyNames parties={row.responsibleParties} empty="No responsible party" />
                  </div>
                </th>
                <td>
                  <StatusLabel status={row.status} />
                  {row.statusSince ? (
                    <div>
                      since <Day date={row.statusSince} />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
