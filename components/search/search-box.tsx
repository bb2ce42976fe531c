'use client';

// The header's search box: a GET form to /search (works without JavaScript), focused from anywhere by `/` or
// Ctrl-K (⌘K on a Mac), as in most tools analysts use. As you type, a popover lists the first hits of each kind
// (app/api/search): the WAI-ARIA combobox pattern, so arrow keys move through them and Enter opens the one
// highlighted; Enter with none highlighted opens the full results page.
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { Search } from 'lucide-react';
import { SEARCH_TEXT_MAX } from '@/lib/validation/filters';
import { Highlighted } from './highlighted';
import type { QuickGroup } from './quick-results';

/** Waiting this long after a key press before searching spares a request per letter typed quickly. */
const TYPING_PAUSE_MS = 200;

/** Whether a key press belongs to a field the user is typing in (where `/` is just a character). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

type Answer = { q: string; groups: QuickGroup[] } | null;

export function SearchBox({ defaultValue }: { defaultValue?: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState(defaultValue ?? '');
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<Answer>(null);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut =
        (event.key === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey) ||
        (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target));
      if (!shortcut || !input.current) return;
      event.preventDefault();
      input.current.focus();
      input.current.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const query = text.trim();
  useEffect(() => {
    if (!open || !query) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/search?${new URLSearchParams({ q: query })}`, {
          signal: controller.signal,
          headers: { Accept: 'application/json' },
        });
        if (!response.ok) return;
        const body = (await response.json()) as { groups: QuickGroup[] };
        if (controller.signal.aborted) return;
        setAnswer({ q: query, groups: body.groups });
        setActive(-1);
      } catch {
        // Aborted, or offline: the full page is still an Enter away.
      }
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  const shown = open && query && answer ? answer : null;
  const hits = shown ? shown.groups.flatMap((group) => group.hits) : [];
  const optionId = (index: number) => `${listId}-option-${index}`;

  function go(href: string) {
    setOpen(false);
    router.push(href);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (hits.length) setActive((index) => Math.min(index + 1, hits.length - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (hits.length) setActive((index) => Math.max(index - 1, -1));
        return;
      case 'Enter':
        // With a hit highlighted, open it; otherwise the form goes to the full results page.
        if (active >= 0 && active < hits.length) {
          event.preventDefault();
          go(hits[active].href);
        } else setOpen(false);
        return;
      case 'Escape':
        if (!open) return;
        event.preventDefault();
        setOpen(false);
        setActive(-1);
        return;
    }
  }

  let index = 0;
  return (
    <form action="/search" method="get" role="search" className="relative w-full max-w-xs">
      <label htmlFor="header-search" className="sr-only">
        Search records
      </label>
      <Search aria-hidden className="search-icon" />
      <input
        ref={input}
        id="header-search"
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={Boolean(shown)}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        required
        maxLength={SEARCH_TEXT_MAX}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        placeholder="Search…"
        aria-keyshortcuts="/ Control+K Meta+K"
        className="search-input"
      />
      <kbd aria-hidden className="search-kbd">
        /
      </kbd>
      <div hidden={!shown} className="popup right-0 z-30 w-[28rem] max-w-[90vw]">
        <div
          id={listId}
          role="listbox"
          aria-label="Search results"
          // Keeps the focus in the box when a hit is clicked.
          onMouseDown={(event) => event.preventDefault()}
          className="max-h-[70vh] overflow-y-auto py-1"
        >
          {(shown?.groups ?? []).map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`}>
              <div
                id={`${listId}-${group.kind}`}
                role="presentation"
                className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
              >
                {group.label}{' '}
                <span className="font-normal">
                  ({group.total.toLocaleString('en')}
                  {group.capped ? '+' : ''})
                </span>
              </div>
              {group.hits.map((hit) => {
                const at = index++;
                return (
                  <div
                    key={hit.key}
                    id={optionId(at)}
                    role="option"
                    aria-selected={at === active}
                    onClick={() => go(hit.href)}
                    onMouseMove={() => setActive(at)}
                    className={`cursor-pointer px-3 py-1.5 text-sm ${at === active ? 'bg-indigo-50' : ''}`}
                  >
                    <span className="block text-slate-900">
                      <Highlighted segments={hit.title} />
                    </span>
                    {hit.context ? <span className="block text-xs text-slate-500">{hit.context}</span> : null}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p className="popup-note">
          {hits.length
            ? 'Enter: all results · ↑↓ to choose'
            : 'Nothing found yet. Enter searches everything.'}
        </p>
      </div>
      <p role="status" className="sr-only">
        {shown ? (hits.length ? `${hits.length} results shown` : 'Nothing found') : ''}
      </p>
    </form>
  );
}
