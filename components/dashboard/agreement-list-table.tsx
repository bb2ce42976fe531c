import Link from 'next/link';
import { AGREEMENT_KIND_LABELS } from '@/components/agreements/labels';
import { PartyNames } from '@/components/commitments/party-names';
import { PartialDay } from '@/components/ui/day';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { AgreementListRow } from '@/lib/data/lists';
import { StatusBreakdown } from './status-breakdown';

/** Agreements with kind, date, parties and their commitments' statuses at a glance. */
export function AgreementListTable({ rows, caption }: { rows: AgreementListRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Agreement</Th>
          <Th className="hidden md:table-cell">Kind</Th>
          <Th className="hidden sm:table-cell">Date</Th>
          <Th className="hidden lg:table-cell">Parties</Th>
          <Th className="text-right">Commitments</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id} className="hover:bg-slate-50/70">
            <RowHeader className="min-w-56">
              <Link
                href={`/agreements/${row.id}`}
                className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {row.title}
              </Link>
              {row.place ? <div className="mt-0.5 text-xs text-slate-600">{row.place}</div> : null}
              <div className="mt-1 text-xs text-slate-600 md:hidden">
                {AGREEMENT_KIND_LABELS[row.kind]}
                <span className="sm:hidden">
                  {' · '}
                  <PartialDay date={row.concludedOn} precision={row.concludedPrecision} />
                </span>
              </div>
              <div className="mt-1 text-xs text-slate-600 lg:hidden">
                <PartyNames parties={row.parties} empty="No parties recorded" />
              </div>
            </RowHeader>
            <Td className="hidden md:table-cell">{AGREEMENT_KIND_LABELS[row.kind]}</Td>
            <Td className="hidden whitespace-nowrap sm:table-cell">
              <PartialDay date={row.concludedOn} precision={row.concludedPrecision} />
            </Td>
            <Td className="hidden lg:table-cell">
              <PartyNames parties={row.parties} />
            </Td>
            <Td className="text-right">
              <Link
                href={`/commitments?agreement=${row.id}`}
                className="link tabular-nums"
                aria-label={`${row.commitmentCount} commitments of ${row.title}`}
              >
                {row.commitmentCount}
              </Link>
              <div className="flex justify-end">
                <StatusBreakdown counts={row.statusCounts} />
              </div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
