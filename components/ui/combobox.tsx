'use client';

// A picker that searches as you type (the WAI-ARIA combobox pattern with a list popup): the input is the
// combobox, the options a listbox it controls, the highlighted option its aria-activedescendant, so the focus
// never leaves the input. Arrow keys move, Enter picks, Escape closes (and then puts back the chosen label).
// Options come from the server a page at a time (`load`), so no page carries a whole list; the chosen value
// travels in a hidden input under the field's name, as a select's would.
import clsx from 'clsx';
import { useEffect, useId, useRef, useState } from 'react';
import { Check, ChevronsUpDown } from 'lucide-react';

/** Waiting this long after a key press before asking the server spares a request per letter typed quickly. */
const TYPING_PAUSE_MS = 150;

export type ComboboxProps<T> = {
  id: string;
  /** The hidden input's name (the field the server reads); none for a picker the form must not send. */
  name?: string;
  /** The listbox's accessible name (the field's label). */
  label: string;
  /** The chosen option's value ('' for none). */
  value: string;
  /** The chosen option, for its label; null when none is chosen (or it is not known here). */
  selected: T | null;
  onSelect: (option: T | null) => void;
  /** The options for what was typed ('' for the first page), at most a page of them. */
  load: (query: string, signal: AbortSignal) => Promise<T[]>;
  valueOf: (option: T) => string;
  /** The text the input shows once the option is chosen. */
  labelOf: (option: T) => string;
  renderOption?: (option: T) => React.ReactNode;
  /** Offered after whatever was found, whatever was typed ("+ Add a new outlet…"). */
  extras?: T[];
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
};

type Status = 'idle' | 'loading' | 'done' | 'failed';

/** `load` for a JSON route answering `{ options }` to `?q=&limit=` (app/api/options/*). */
export function optionsFrom<T>(path: string, limit = 20) {
  return async (query: string, signal: AbortSignal): Promise<T[]> => {
    const params = new URLSearchParams({ q: query, limit: String(limit) });
    const response = await fetch(`${path}?${params}`, { signal, headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    const body = (await response.json()) as { options: T[] };
    return body.options;
  };
}

export function Combobox<T>({
  id,
  name,
  label,
  value,
  selected,
  onSelect,
  load,
  valueOf,
  labelOf,
  renderOption,
  extras = [],
  placeholder,
  ...aria
}: ComboboxProps<T>) {
  const listId = `${id}-listbox`;
  const optionId = useId();
  const chosenLabel = selected ? labelOf(selected) : '';
  const [text, setText] = useState(chosenLabel);
  // Whether the text is the analyst's own (a query) rather than the chosen option's label.
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<T[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [active, setActive] = useState(-1);

  // A choice made elsewhere (a preset, a commitment created in the form) shows its label.
  const [shownFor, setShownFor] = useState(chosenLabel);
  if (shownFor !== chosenLabel) {
    setShownFor(chosenLabel);
    setText(chosenLabel);
    setTyped(false);
  }

  const query = typed ? text.trim() : '';
  const items = [...found, ...extras];
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(
      async () => {
        setStatus('loading');
        try {
          const options = await loadRef.current(query, controller.signal);
          if (controller.signal.aborted) return;
          setFound(options);
          setStatus('done');
          setActive(query ? 0 : -1);
        } catch {
          if (!controller.signal.aborted) setStatus('failed');
        }
      },
      query ? TYPING_PAUSE_MS : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  useEffect(() => {
    if (!open || active < 0) return;
    document.getElementById(`${optionId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active, optionId]);

  function choose(option: T) {
    setOpen(false);
    setTyped(false);
    setText(labelOf(option));
    setShownFor(labelOf(option));
    onSelect(option);
  }

  /** Back to the chosen option's label, or no choice once the text was cleared. */
  function settle() {
    setOpen(false);
    if (!typed) return;
    setTyped(false);
    if (text.trim() === '' && selected) {
      setText('');
      setShownFor('');
      onSelect(null);
    } else setText(chosenLabel);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setActive(-1);
          setOpen(true);
        } else if (items.length) setActive((index) => Math.min(index + 1, items.length - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        else if (items.length) setActive((index) => Math.max(index - 1, 0));
        return;
      case 'Enter':
        if (!open) return;
        // Never submits the form while the list is open: Enter is for picking.
        event.preventDefault();
        if (active >= 0 && active < items.length) choose(items[active]);
        return;
      case 'Escape':
        if (!open && !typed) return;
        event.preventDefault();
        settle();
        return;
    }
  }

  const count = found.length;
  const message =
    status === 'loading'
      ? 'Searching…'
      : status === 'failed'
        ? 'The options could not be loaded. Type again to retry.'
        : status === 'done'
          ? count === 0
            ? 'Nothing found.'
            : `${count} found${count >= 20 ? ': type more to narrow them' : ''}.`
          : '';

  return (
    <div className="relative">
      <input
        {...aria}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${optionId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onClick={() => setOpen((was) => !was)}
        onBlur={settle}
        // `input` pads both sides alike; the right leaves room for the chevron.
        className="input pr-9"
      />
      <ChevronsUpDown
        aria-hidden
        className="pointer-events-none absolute top-2.5 right-2.5 size-4 text-slate-400"
      />
      {name ? <input type="hidden" name={name} value={value} /> : null}
      <div hidden={!open} className="popup z-20 w-full">
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          // Keeps the focus in the input when an option is clicked.
          onMouseDown={(event) => event.preventDefault()}
          className="max-h-80 overflow-y-auto py-1"
        >
          {(open ? items : []).map((option, index) => {
            const chosen = valueOf(option) === value && value !== '';
            return (
              <li
                key={`${valueOf(option)}-${index}`}
                id={`${optionId}-${index}`}
                role="option"
                aria-selected={index === active}
                onClick={() => choose(option)}
                onMouseMove={() => setActive(index)}
                className={clsx(
                  'flex cursor-pointer items-start gap-2 px-3 py-2 text-sm text-slate-900',
                  index === active && 'bg-indigo-50',
                )}
              >
                <Check
                  aria-hidden
                  className={clsx('mt-0.5 size-4 shrink-0 text-indigo-600', !chosen && 'invisible')}
                />
                <span className="min-w-0 flex-1">
                  {renderOption ? renderOption(option) : labelOf(option)}
                </span>
              </li>
            );
          })}
        </ul>
        {message ? (
          <p aria-hidden className="popup-note">
            {message}
          </p>
        ) : null}
      </div>
      {/* A live region without the status role: the form's rows have statuses of their own (their warnings). */}
      <p aria-live="polite" className="sr-only">
        {open ? message : ''}
      </p>
    </div>
  );
}
