'use client';

import { Plus, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

type Row<T> = { key: number; value: T };

/**
 * A group of rows the user can add to and remove from (parties with roles, people, sources). Each row renders its
 * own controls; the form receives them as repeated fields in document order. Keyboard: "Add" puts focus in the
 * new row; "Remove" moves it to the next row, or back to "Add".
 */
export function RepeatingRows<T>({
  legend,
  hint,
  error,
  noun,
  initial,
  blank,
  renderRow,
  headings,
  emptyText,
  max = 50,
}: {
  legend: string;
  hint?: React.ReactNode;
  error?: string;
  /** Singular noun for buttons and row labels: "party" → "Add a party", "Remove party 2". */
  noun: string;
  initial: T[];
  blank: T;
  /**
   * The row's controls; `label` names the row ("Party 2") for their accessible names, `rowId` is unique in the
   * page (a prefix for their ids).
   */
  renderRow: (value: T, index: number, label: string, rowId: string) => React.ReactNode;
  /** Column headings shown above the rows (the controls carry their own accessible names). */
  headings?: string[];
  emptyText?: string;
  max?: number;
}) {
  const id = useId();
  const nextKey = useRef(initial.length);
  const [rows, setRows] = useState<Row<T>[]>(() => initial.map((value, key) => ({ key, value })));
  // Where focus goes after the rows re-render: a new row, the next row, or the "Add" button.
  const pendingFocus = useRef<number | 'add' | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'add') addRef.current?.focus();
    else
      containerRef.current
        ?.querySelector<HTMLElement>(`[data-row="${target}"] select, [data-row="${target}"] input`)
        ?.focus();
  }, [rows]);

  function add() {
    const key = nextKey.current++;
    pendingFocus.current = key;
    setRows((current) => [...current, { key, value: blank }]);
  }

  function remove(index: number) {
    const next = rows[index + 1];
    pendingFocus.current = next ? next.key : 'add';
    setRows((current) => current.filter((_, position) => position !== index));
  }

  const label = (index: number) => `${noun[0].toUpperCase()}${noun.slice(1)} ${index + 1}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset
      aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined}
      className="min-w-0 space-y-2"
    >
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <div ref={containerRef} className="space-y-2">
        {rows.length && headings ? (
          <div aria-hidden className="hidden gap-2 pr-10 text-xs font-medium text-slate-500 sm:flex">
            {headings.map((heading) => (
              <span key={heading} className="flex-1">
                {heading}
              </span>
            ))}
          </div>
        ) : null}
        {rows.map((row, index) => (
          <div
            key={row.key}
            data-row={row.key}
            className="flex flex-wrap items-start gap-2 rounded-md bg-slate-50 p-2 sm:flex-nowrap sm:bg-transparent sm:p-0"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row">
              {renderRow(row.value, index, label(index), `${id}-${row.key}`)}
            </div>
            <Button variant="secondary" size="icon" onClick={() => remove(index)} className="shrink-0">
              <X aria-hidden className="size-4" />
              <span className="sr-only">Remove {label(index).toLowerCase()}</span>
            </Button>
          </div>
        ))}
        {!rows.length && emptyText ? <p className="text-sm text-slate-600">{emptyText}</p> : null}
      </div>
      {rows.length < max ? (
        <Button ref={addRef} variant="secondary" size="sm" onClick={add}>
          <Plus aria-hidden className="size-4" />
          Add {/^[aeiou]/.test(noun) ? 'an' : 'a'} {noun}
        </Button>
      ) : null}
      <p id={errorId} className="text-xs font-medium text-red-700" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
