import type { LucideIcon } from 'lucide-react';
import { Inbox } from 'lucide-react';

type EmptyStateProps = {
  title: string;
  description?: React.ReactNode;
  icon?: LucideIcon;
  /** A next step, e.g. a link to add the first record. */
  action?: React.ReactNode;
  /** Heading level, so the empty state fits the outline of the page it sits in (1 when it is the whole page). */
  level?: 1 | 2 | 3;
};

export function EmptyState({ title, description, icon: Icon = Inbox, action, level = 2 }: EmptyStateProps) {
  const Heading = (['h1', 'h2', 'h3'] as const)[level - 1];
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100">
        <Icon aria-hidden className="size-6 text-slate-500" />
      </div>
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {description ? <div className="mt-1 max-w-md text-sm text-slate-600">{description}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
