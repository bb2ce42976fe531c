'use client';

// A GET form for list filters that navigates to the URL of the filters it holds and nothing else: empty fields and
// defaults are left out, so the address is short and shareable, and no redirect is needed to tidy it. Without
// JavaScript it is a plain GET form (the page then redirects the untidy URL to the canonical one).
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

export function FilterForm({
  action,
  defaults = {},
  children,
  ...props
}: {
  action: string;
  /** Values that need not be written (a default sort). */
  defaults?: Record<string, string>;
  children: React.ReactNode;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, 'action' | 'method' | 'onSubmit'>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      {...props}
      action={action}
      method="get"
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(event.currentTarget)) {
          if (typeof value !== 'string') continue;
          const text = value.trim();
          if (text !== '' && defaults[key] !== text) params.append(key, text);
        }
        const search = params.toString();
        startTransition(() => router.push(search ? `${action}?${search}` : action));
      }}
    >
      {children}
    </form>
  );
}
