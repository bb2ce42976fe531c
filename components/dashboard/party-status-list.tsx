import Link from 'next/link';
import { StatusChip } from '@/components/commitments/status-chip';
import { Day } from '@/components/ui/day';
import type { PartyStatusRow } from '@/lib/data/timeline';

/** Each responsible party's own status on the commitment (from the updates assessing it or the whole). */
export function PartyStatusList({ rows, labelledBy }: { rows: PartyStatusRow[]; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {rows.map((row) => (
        <li
          key={row.party.id}
          className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-3 sm:px-5"
        >
          <Link
            href={`/parties/${row.party.id}`}
            className="text-sm font-medium text-slate-900 hover:underline"
          >
            {row.party.name}
          </Link>
          <span className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <StatusChip status={row.status} />
            {row.since ? (
              <span>
                since <Day date={row.since} />
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
