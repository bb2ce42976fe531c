'use client';

import { AlertTriangle } from 'lucide-react';
import clsx from 'clsx';

export type ConflictRow = { label: string; theirs: string; yours: string };

/**
 * After a lost race: the saved values ("Their version") beside what the user typed ("Yours"), the differences
 * marked. The form keeps the user's values and now carries the saved version, so saving again replaces theirs
 * deliberately; "discard" reloads the page with theirs.
 */
export function ConflictNotice({ rows, discardHref }: { rows: ConflictRow[]; discardHref: string }) {
  const differing = rows.filter((row) => row.theirs !== row.yours).length;
  return (
    <section
      aria-labelledby="conflict-heading"
      className="rounded-lg border border-amber-300 bg-amber-50 text-sm text-amber-950"
    >
      <div className="flex items-start gap-3 border-b border-amber-200 px-4 py-3">
        <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" />
        <div className="min-w-0">
          <h2
            id="conflict-heading"
            tabIndex={-1}
            data-conflict-heading
            className="font-semibold focus:outline-none"
          >
            This record was changed by someone else since you opened it.
          </h2>
          <p className="mt-1">
            Their saved version is below, next to yours ({differing}{' '}
            {differing === 1 ? 'difference' : 'differences'}
            ). Your edits are still in the form: <strong>save again</strong> to replace their version with
            yours, or{' '}
            <a href={discardHref} className="font-medium underline underline-offset-2">
              discard your edits and start from theirs
            </a>
            .
          </p>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Their saved version compared with yours</caption>
          <thead>
            <tr className="text-xs tracking-wide text-amber-900 uppercase">
              <th scope="col" className="px-4 py-2 font-semibold">
                Field
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Their version (saved)
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Yours (in the form)
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-amber-200">
            {rows.map((row) => {
              const differs = row.theirs !== row.yours;
              return (
                <tr key={row.label} className={clsx('align-top', differs && 'bg-amber-100/70')}>
                  <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
                    {row.label}
                    {differs ? <span className="ml-1 text-xs font-normal">(differs)</span> : null}
                  </th>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]" data-testid="theirs">
                    {row.theirs || <span className="text-amber-800/70">—</span>}
                  </td>
                  <td className="px-4 py-2 whitespace-pre-line [overflow-wrap:anywhere]">
                    {row.yours || <span className="text-amber-800/70">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Names of picked options, for the comparison: ids → labels, in option order. */
export function labelsOf(
  ids: readonly string[],
  options: readonly { value: string; label: string }[],
): string {
  return options
    .filter((option) => ids.includes(option.value))
    .map((option) => option.label)
    .join(', ');
}
