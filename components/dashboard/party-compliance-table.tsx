import Link from 'next/link';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { PartyListItem } from '@/lib/data/party-dashboard';
import { PARTY_KIND_LABELS } from './party-labels';
import { ComplianceMeter } from './compliance-meter';

/**
 * Parties in tree order (sub-parties indented under their parent) with their compliance: on their own
 * responsibilities and, for a party with parties under it, including theirs.
 */
export function PartyComplianceTable({ rows, caption }: { rows: PartyListItem[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Party</Th>
          <Th className="hidden md:table-cell">Kind</Th>
          <Th className="w-40">Own</Th>
          <Th className="hidden w-40 sm:table-cell">With sub-parties</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id} className="hover:bg-slate-50/70">
            <RowHeader>
              <div className="flex items-start gap-1.5" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
                {row.depth ? (
                  <span aria-hidden className="text-slate-400">
                    └
                  </span>
                ) : null}
                <div className="min-w-0">
                  <Link
                    href={`/parties/${row.id}`}
                    className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  >
                    {row.name}
                  </Link>
                  {row.shortName ? (
                    <span className="ml-1.5 text-xs text-slate-500">({row.shortName})</span>
                  ) : null}
                  {row.hasChildren ? (
                    <p className="mt-1 text-xs text-slate-600 sm:hidden">
                      With sub-parties:{' '}
                      {row.compliance.withSubParties.percent === null
                        ? 'not scored'
                        : `${row.compliance.withSubParties.percent}%`}{' '}
                      ({row.compliance.withSubParties.scored} of {row.compliance.withSubParties.commitments}{' '}
                      scored)
                    </p>
                  ) : null}
                </div>
              </div>
            </RowHeader>
            <Td className="hidden md:table-cell">{PARTY_KIND_LABELS[row.kind]}</Td>
            <Td>
              <ComplianceMeter compliance={row.compliance.own} />
            </Td>
            <Td className="hidden sm:table-cell">
              {row.hasChildren ? (
                <ComplianceMeter compliance={row.compliance.withSubParties} />
              ) : (
                <span className="text-xs text-slate-500">No sub-parties</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
