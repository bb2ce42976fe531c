import Link from 'next/link';
import { PartialDay } from '@/components/ui/day';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { AgreementKind, DatePrecision } from '@/lib/generated/prisma/enums';
import { PartyNames, type PartyName } from '@/components/commitments/party-names';
import { AGREEMENT_KIND_LABELS } from './labels';

export type AgreementTableRow = {
  id: number;
  title: string;
  kind: AgreementKind;
  concludedOn: Date | null;
  concludedPrecision: DatePrecision;
  place: string | null;
  parties: PartyName[];
  commitmentCount: number;
};

export function AgreementsTable({ rows, caption }: { rows: AgreementTableRow[]; caption: string }) {
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
            <Td className="text-right tabular-nums">{row.commitmentCount}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
