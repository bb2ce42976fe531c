'use client';

import { AlertCircle } from 'lucide-react';

export type SummaryEntry = { name: string; label: string; message: string; targetId: string };

/**
 * The form-level alert after a refused submit: what went wrong, each problem a link to its field (the
 * GOV.UK error-summary pattern). The form focuses it when it appears, so keyboard and screen-reader users land
 * on it and can jump to each field from there.
 */
export function ErrorSummary({
  id,
  title,
  message,
  entries,
  headingLevel = 2,
  ref,
}: {
  id: string;
  /** The level of the form's own section headings, so the page outline stays in order. */
  headingLevel?: 2 | 3;
  title: string;
  message?: string | null;
  entries: SummaryEntry[];
  ref?: React.Ref<HTMLDivElement>;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-red-300 bg-red-50 p-4 focus:outline-2 focus:outline-offset-2 focus:outline-red-600"
    >
      <div className="flex gap-3">
        <AlertCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-700" />
        <div className="min-w-0">
          <Heading id={`${id}-title`} className="text-sm font-semibold text-red-900">
            {title}
          </Heading>
          {message ? <p className="mt-1 text-sm text-red-900">{message}</p> : null}
          {entries.length ? (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-900">
              {entries.map((entry) => (
                <li key={entry.name}>
                  <a
                    href={`#${entry.targetId}`}
                    onClick={(event) => {
                      // Focus the control itself (a fragment jump only scrolls), and leave the URL alone.
                      const target = document.getElementById(entry.targetId);
                      if (!target) return;
                      event.preventDefault();
                      target.scrollIntoView({ block: 'center' });
                      target.focus({ preventScroll: true });
                    }}
                    className="font-medium underline underline-offset-2 hover:text-red-700"
                  >
                    {entry.label}
                  </a>
                  : {entry.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
