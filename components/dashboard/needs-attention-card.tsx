import type { ReactNode } from 'react';
import { CheckCircle2 } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AttentionQueue } from './attention-queue';
import type { NeedsAttentionItem } from '@/lib/data/attention';

/** A dashboard's needs-attention card: the head of the queue, and a link to all of it when the card cannot hold it. */
export function NeedsAttentionCard({
  queue,
  asOf,
  className,
  description,
  allLink,
  emptyDescription,
}: {
  queue: { total: number; items: NeedsAttentionItem[] };
  asOf: Date | null;
  className: string;
  /** What the queue holds, shown when it holds anything. */
  description: string;
  /** The link to the whole queue, shown when it is longer than the card. */
  allLink: ReactNode;
  /** Said when nothing needs attention. */
  emptyDescription: string;
}) {
  return (
    <Card aria-labelledby="attention-heading" className={className}>
      <CardHeader
        id="attention-heading"
        title="Needs attention"
        description={queue.total ? description : undefined}
        actions={queue.total > queue.items.length ? allLink : null}
      />
      {queue.items.length ? (
        <AttentionQueue items={queue.items} labelledBy="attention-heading" asOf={asOf} />
      ) : (
        <EmptyState
          level={3}
          icon={CheckCircle2}
          title="Nothing needs attention"
          description={emptyDescription}
        />
      )}
    </Card>
  );
}
