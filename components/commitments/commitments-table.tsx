import Link from 'next/link';
import { Day } from '@/components/ui/day';
import { RowHeader, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { CommitmentStatus } from '@/lib/domain/status';
import { formatDay } from '@/lib/domain/dates';
import { PartyNames, type PartyName } from './party-names';
import { StatusChip } from './status-chip';
import { StrengthBadge } from './strength-badge';
import type { CommitmentStrength } from '@/lib/domain/strength';

export type CommitmentTableRow = {
  id: number;
  title: string;
  /** Firm when absent; other strengths get a badge beside the title. */
  strength?: CommitmentStrength;
  status: CommitmentStatus;
  statusSince: Date | null;
  agreement: { id: number; title: string };
  category: { name: string };
  responsibleParties: PartyName[];
};

const COLUMN_COUNT = 5;

/** Consecutive rows of the same agreement, in the order given. */
function groupByAgreement(rows: CommitmentTableRow[]) {
  const groups: { agreement: CommitmentTableRow['agreement']; rows: CommitmentTableRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.agreement.id === row.agreement.id) last.rows.push(row);
    else groups.push({ agreement: row.agreement, rows: [row] });
  }
  return groups;
}

/**
 * Commitments with their current status. With `groupByAgreement`, rows (already sorted by agreement) come in one
 * row group per agreement under its title. On a phone the secondary columns fold into the first cell, so a row
 * reads without sideways scrolling.
 */
export function CommitmentsTable({
  rows,
  caption,
  groupByAgreement: grouped = false,
  asOf = null,
}: {
  rows: CommitmentTableRow[];
  caption: string;
  groupByAgreement?: boolean;
  /** The day the statuses are as of: links open the commitment as of it. */
  asOf?: Date | null;
}) {
  const groups = grouped ? groupByAgreement(rows) : [{ agreement: null, rows }];
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Commitment</Th>
          <Th className="hidden md:table-cell">Category</Th>
          <Th className="hidden md:table-cell">Responsible</Th>
          <Th className="hidden sm:table-cell">Status</Th>
          <Th className="hidden sm:table-cell">Since</Th>
        </Tr>
      </THead>
      {groups.map((group) => (
        <tbody
          key={group.agreement?.id ?? 'all'}
          className="divide-y divide-slate-200 border-b border-slate-200 last:border-b-0"
        >
          {group.agreement ? (
            <tr>
              <th
                scope="rowgroup"
                colSpan={COLUMN_COUNT}
                className="bg-slate-50/70 px-4 py-2 text-left text-sm font-medium text-slate-700 sm:px-5"
              >
                <span className="sr-only">Agreement: </span>
                <Link href={`/agreements/${group.agreement.id}`} className="link-quiet">
                  {group.agreement.title}
                </Link>
              </th>
            </tr>
          ) : null}
          {group.rows.map((row) => (
            <Tr key={row.id} className="hover:bg-slate-50/70">
              <RowHeader className="min-w-56">
                <Link
                  href={`/commitments/${row.id}${asOf ? `?asOf=${formatDay(asOf)}` : ''}`}
                  className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                >
                  {row.title}
                </Link>
                {row.strength && row.strength !== 'firm' ? (
                  <>
                    {' '}
                    <StrengthBadge strength={row.strength} />
                  </>
                ) : null}
                {/* The folded columns, for narrow screens only (display:none hides them from wider layouts and
                    from screen readers there). */}
                <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 sm:hidden">
                  <StatusChip status={row.status} />
                  {row.statusSince ? (
                    <span>
                      since <Day date={row.statusSince} />
                    </span>
                  ) : null}
                </div>
                <div className="mt-1 text-xs text-slate-600 md:hidden">
                  {row.category.name} ·{' '}
                  <PartyNames parties={row.responsibleParties} empty="No responsible party" />
                </div>
              </RowHeader>
              <Td className="hidden md:table-cell">{row.category.name}</Td>
              <Td className="hidden md:table-cell">
                <PartyNames parties={row.responsibleParties} />
              </Td>
              <Td className="hidden sm:table-cell">
                <StatusChip status={row.status} />
              </Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">
                <Day date={row.statusSince} />
              </Td>
            </Tr>
          ))}
        </tbody>
      ))}
    </Table>
  );
}
