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
    <div className="empty-state">
      <div className="empty-icon">
        <Icon aria-hidden className="size-6 text-slate-500" />
      </div>
      <Heading className="card-title">{title}</Heading>
      {description ? <div className="empty-desc">{description}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
