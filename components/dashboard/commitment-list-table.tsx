import Link from 'next/link';
import { PartyNames } from '@/components/commitments/party-names';
import { StatusChip } from '@/components/commitments/status-chip';
import { StrengthBadge } from '@/components/commitments/strength-badge';
import { Day } from '@/components/ui/day';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { CommitmentListRow } from '@/lib/data/lists';
import { AttentionBadges } from './attention-badges';

/**
 * The filtered commitment list: title with agreement and category, responsible parties, status and since when
 * (as of the list's day), due date and attention flags. On a phone the secondary columns fold under the title.
 */
export function CommitmentListTable({
  rows,
  caption,
  asOfQuery = '',
}: {
  rows: CommitmentListRow[];
  caption: string;
  /** `?asOf=…` to carry an as-of list's day to each dashboard. */
  asOfQuery?: string;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Commitment</Th>
          <Th className="hidden lg:table-cell">Responsible</Th>
          <Th className="hidden sm:table-cell">Status</Th>
          <Th className="hidden md:table-cell">Due</Th>
          <Th className="hidden md:table-cell">Attention</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id} className="hover:bg-slate-50/70">
            <RowHeader className="min-w-56">
              <Link
                href={`/commitments/${row.id}${asOfQuery}`}
                className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {row.title}
              </Link>
              {row.strength !== 'firm' ? (
                <>
                  {' '}
                  <StrengthBadge strength={row.strength} />
                </>
              ) : null}
              <div className="mt-0.5 text-xs text-slate-600">
                <Link href={`/agreements/${row.agreement.id}`} className="link-quiet">
                  {row.agreement.title}
                </Link>
                {' · '}
                {row.category.name}
              </div>
              <div className="mt-1 text-xs text-slate-600 lg:hidden">
                <span className="sr-only">Responsible: </span>
                <PartyNames parties={row.responsibleParties} empty="No responsible party" />
              </div>
              {/* Folded columns for narrow screens (display:none hides them from wider layouts and readers). */}
              <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 sm:hidden">
                <StatusChip status={row.status} />
                {row.statusSince ? (
                  <span>
                    since <Day date={row.statusSince} />
                  </span>
                ) : null}
              </div>
              <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 md:hidden">
                {row.dueOn ? (
                  <span>
                    Due <Day date={row.dueOn} />
                  </span>
                ) : null}
                <AttentionBadges flags={row.flags} />
              </div>
            </RowHeader>
            <Td className="hidden lg:table-cell">
              <PartyNames parties={row.responsibleParties} />
            </Td>
            <Td className="hidden sm:table-cell">
              <StatusChip status={row.status} />
              {row.statusSince ? (
                <div className="mt-1 text-xs whitespace-nowrap text-slate-500">
                  since <Day date={row.statusSince} />
                </div>
              ) : null}
            </Td>
            <Td className="hidden whitespace-nowrap md:table-cell">
              <Day date={row.dueOn} fallback="None" />
            </Td>
            <Td className="hidden md:table-cell">
              <AttentionBadges
                flags={row.flags}
                empty={<span className="text-xs text-slate-500">None</span>}
              />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
