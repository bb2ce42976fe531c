'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Badge } from '@/components/ui/badge';
import type { FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/submit-button';

type Action = (state: unknown, formData: FormData) => Promise<FormState>;

export type NotificationItem = {
  id: string;
  kind: string;
  summary: string;
  href: string;
  createdAt: string;
  when: string;
  read: boolean;
};

const KIND_LABELS: Record<string, string> = {
  status_update: 'Follow-up',
  evidence: 'Evidence',
  status_change: 'Status change',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  stale: 'Stale',
  contradicted: 'Contradicted',
  import: 'Import',
  proposal: 'Proposal',
};

/** The user's notifications, newest first; each links to the change and can be marked read. */
export function NotificationList({ items, markRead }: { items: NotificationItem[]; markRead: Action }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Notifications">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={item.read ? 'slate' : 'blue'}>{KIND_LABELS[item.kind] ?? item.kind}</Badge>
              {item.read ? null : <span className="sr-only">Unread: </span>}
              <Link href={item.href} className={item.read ? 'link-quiet' : 'link font-medium'}>
                {item.summary}
              </Link>
            </p>
            <p className="mt-1 text-xs text-slate-500">
              <time dateTime={item.createdAt}>{item.when}</time>
            </p>
          </div>
          {item.read ? null : <MarkReadForm id={item.id} summary={item.summary} action={markRead} />}
        </li>
      ))}
    </ul>
  );
}

function MarkReadForm({ id, summary, action }: { id: string; summary: string; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <p className="text-xs font-medium text-red-700">{state.message}</p> : null}
      <SubmitButton size="sm" variant="secondary" pendingLabel="Marking…">
        Mark read<span className="sr-only">: {summary}</span>
      </SubmitButton>
    </form>
  );
}

/** Marks every unread notification read. */
export function MarkAllReadForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-3">
      {state && !state.ok ? <p className="text-xs font-medium text-red-700">{state.message}</p> : null}
      <SubmitButton size="sm" variant="secondary" pendingLabel="Marking…">
        Mark all read
      </SubmitButton>
    </form>
  );
}
