'use client';

// The rows a dry run says the import will write, as a table a page at a time: what each row of the file becomes
// (commitment, party, status, fact date, evidence, reason) before anything is written.
import { useState } from 'react';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import { Badge } from '@/components/ui/badge';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { formatDate, formatPartialDate } from '@/lib/format/date';
import type { PreviewRow } from '@/lib/csv/import-plan';
import type { DatePrecision } from '@/lib/generated/prisma/enums';

/** One row the import will write, as the planner lists it in the preview (lib/csv/import-plan.ts). */
export type PlannedRowView = PreviewRow;

const IMPORT_ROWS_PAGE_SIZE = 25;

const count = new Intl.NumberFormat('en-GB');

/** "3 Jun 2025", "Jun 2025", "2025" or "Undated, by 3 Jun 2025". */
function factDate(day: string, precision: DatePrecision = 'day') {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) return day;
  if (precision === 'unknown') return `Undated, by ${formatDate(date)}`;
  const iso = precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day;
  return <time dateTime={iso}>{formatPartialDate(date, precision)}</time>;
}

const pageButtonClass =
  'inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium ' +
  'text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:border-slate-200 ' +
  'disabled:bg-slate-50 disabled:text-slate-400';

/**
 * `rows` are the listed ones (the planner lists a capped number); `total` is how many the import writes in all,
 * so a capped list says so.
 */
export function ImportRows({
  rows,
  total,
  heading,
}: {
  rows: PlannedRowView[];
  total: number;
  heading: string;
}) {
  const [page, setPage] = useState(1);
  const pageCount = Math.max(1, Math.ceil(rows.length / IMPORT_ROWS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const first = (current - 1) * IMPORT_ROWS_PAGE_SIZE;
  const shown = rows.slice(first, first + IMPORT_ROWS_PAGE_SIZE);

  return (
    <section aria-labelledby="import-rows-heading" className="space-y-2">
      <h3 id="import-rows-heading" className="text-sm font-semibold text-slate-900">
        {heading}
      </h3>
      <p className="text-sm text-slate-600" aria-live="polite">
        Rows {count.format(first + 1)}–{count.format(first + shown.length)} of {count.format(rows.length)}
        {rows.length < total
          ? ` listed (the first ${count.format(rows.length)} of ${count.format(total)} to import)`
          : ''}
        , in file order. Row numbers are those your spreadsheet shows (the header is row 1).
      </p>
      <Table caption={heading}>
        <THead>
          <Tr>
            <Th>Row</Th>
            <Th>Commitment</Th>
            <Th>Party</Th>
            <Th>Status</Th>
            <Th>Fact date</Th>
            <Th>Evidence</Th>
            <Th>Reason</Th>
          </Tr>
        </THead>
        <TBody>
          {shown.map((row) => (
            <Tr key={row.row}>
              <RowHeader className="tabular-nums">{row.row}</RowHeader>
              <Td className="min-w-48">
                <span className="font-medium text-slate-900">{row.commitment}</span>
                <span className="mt-0.5 block text-xs text-slate-500">{row.agreement}</span>
              </Td>
              <Td className="min-w-28">
                {row.party ?? <span className="text-slate-500">Whole commitment</span>}
              </Td>
              <Td>
                <StatusChip status={row.status} />
                {row.kind !== 'assessment' ? (
                  <span className="mt-0.5 block text-xs text-slate-500">
                    {row.kind === 'corroboration' ? 'Corroborates' : 'Context'}
                  </span>
                ) : null}
                {row.adoptsProposal ? (
                  <span className="mt-0.5 block text-xs text-slate-500">Adopts the proposal</span>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap">{factDate(row.observedOn, row.observedPrecision)}</Td>
              <Td className="max-w-64 min-w-40">
                {row.evidenceUrl ? (
                  <>
                    <span className="[overflow-wrap:anywhere]">{row.evidenceUrl}</span>
                    {row.newEvidence ? (
                      <Badge tone="blue" className="ml-1.5">
                        New
                      </Badge>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">None</span>
                )}
              </Td>
              <Td className="max-w-72 min-w-40 [overflow-wrap:anywhere]">
                {row.reason ?? <span className="text-slate-500">—</span>}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {pageCount > 1 ? (
        <nav aria-label="Rows to import, pages" className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={pageButtonClass}
            disabled={current === 1}
            onClick={() => setPage(current - 1)}
          >
            <ChevronLeft aria-hidden className="size-4" />
            Previous<span className="sr-only"> rows</span>
          </button>
          <span className="px-1 text-sm text-slate-600">
            Page {current} of {pageCount}
          </span>
          <button
            type="button"
            className={pageButtonClass}
            disabled={current === pageCount}
            onClick={() => setPage(current + 1)}
          >
            Next<span className="sr-only"> rows</span>
            <ChevronRight aria-hidden className="size-4" />
          </button>
        </nav>
      ) : null}
    </section>
  );
}
