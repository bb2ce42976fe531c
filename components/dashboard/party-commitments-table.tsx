import Link from 'next/link';
import { StatusChip } from '@/components/commitments/status-chip';
import { StrengthBadge } from '@/components/commitments/strength-badge';
import { Day } from '@/components/ui/day';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { PartyCommitmentRow } from '@/lib/data/party-dashboard';
import { formatDay } from '@/lib/domain/dates';
import { AttentionBadges } from './attention-badges';

/**
 * Commitments of a party and the parties under it, one row per (commitment, party). For responsibilities the
 * party's own status leads; the commitment's status as a whole follows. With `asOf`, the statuses are those of
 * that day and the commitment links open its page as of it.
 */
export function PartyCommitmentsTable({
  rows,
  caption,
  partyId,
  role,
  asOf = null,
}: {
  rows: PartyCommitmentRow[];
  caption: string;
  /** The party whose page this is: rows about a party under it say which one. */
  partyId: number;
  role: 'responsible' | 'beneficiary';
  asOf?: Date | null;
}) {
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Commitment</Th>
          <Th className="hidden md:table-cell">{role === 'responsible' ? 'Responsible' : 'Beneficiary'}</Th>
          {role === 'responsible' ? <Th className="hidden sm:table-cell">Party’s status</Th> : null}
          <Th className="hidden sm:table-cell">Overall status</Th>
          <Th className="hidden lg:table-cell">Due</Th>
          <Th className="hidden lg:table-cell">Attention</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.commitmentId}:${row.party.id}`} className="hover:bg-slate-50/70">
            <RowHeader className="min-w-56">
              <Link
                href={`/commitments/${row.commitmentId}${suffix}`}
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
                {row.category}
              </div>
              <div className="mt-1 text-xs text-slate-600 md:hidden">
                {role === 'responsible' ? 'Responsible: ' : 'Beneficiary: '}
                {row.party.name}
              </div>
              <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 sm:hidden">
                {row.partyStatus ? (
                  <>
                    <span>Party:</span>
                    <StatusChip status={row.partyStatus} />
                  </>
                ) : null}
                <span>Overall:</span>
                <StatusChip status={row.status} />
              </div>
              <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600 lg:hidden">
                {row.dueOn ? (
                  <span>
                    Due <Day date={row.dueOn} />
                  </span>
                ) : null}
                <AttentionBadges flags={row.flags} />
              </div>
            </RowHeader>
            <Td className="hidden md:table-cell">
              {row.party.id === partyId ? (
                row.party.name
              ) : (
                <Link href={`/parties/${row.party.id}`} className="link">
                  {row.party.name}
                </Link>
              )}
            </Td>
            {role === 'responsible' ? (
              <Td className="hidden sm:table-cell">
                {row.partyStatus ? <StatusChip status={row.partyStatus} /> : null}
                {row.partySince ? (
                  <div className="mt-1 text-xs whitespace-nowrap text-slate-500">
                    since <Day date={row.partySince} />
                  </div>
                ) : null}
              </Td>
            ) : null}
            <Td className="hidden sm:table-cell">
              <StatusChip status={row.status} />
            </Td>
            <Td className="hidden whitespace-nowrap lg:table-cell">
              <Day date={row.dueOn} fallback="None" />
            </Td>
            <Td className="hidden lg:table-cell">
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
