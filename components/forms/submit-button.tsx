'use client';

import clsx from 'clsx';
import { useFormStatus } from 'react-dom';

/** Disabled while its form is submitting, so a double click never submits twice. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  name,
  value,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={clsx(
        'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm',
        'focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-wait disabled:opacity-60',
        variant === 'primary' &&
          'bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600',
        variant === 'secondary' &&
          'bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-slate-500',
        variant === 'danger' && 'bg-red-600 text-white hover:bg-red-500 focus-visible:outline-red-600',
      )}
    >
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </button>
  );
}
