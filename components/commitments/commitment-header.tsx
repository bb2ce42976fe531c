import Link from 'next/link';
import { Pencil, Plus } from 'lucide-react';
import { AttentionBadges } from '@/components/dashboard/attention-badges';
import { buttonClasses } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Day } from '@/components/ui/day';
import { PageHeader } from '@/components/ui/page-header';
import type { CommitmentDashboard } from '@/lib/data/commitment-dashboard';
import { formatDate } from '@/lib/format/date';
import { StatusChip } from './status-chip';
import { StrengthBadge } from './strength-badge';

/** The commitment's title with its status (today's or as of the day), strength, flags, and the writer's actions. */
export function CommitmentHeader({
  dashboard,
  pathname,
  canWrite,
}: {
  dashboard: CommitmentDashboard;
  pathname: string;
  canWrite: boolean;
}) {
  const { commitment, state, asOf } = dashboard;
  return (
    <PageHeader
      breadcrumbs={[
        { label: 'Commitments', href: '/commitments' },
        { label: commitment.agreement.title, href: `/agreements/${commitment.agreement.id}` },
      ]}
      eyebrow={commitment.category.name}
      title={commitment.title}
      meta={
        <>
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="sr-only">
              {asOf ? `Status as of ${formatDate(asOf)}: ` : 'Current status: '}
            </span>
            <StatusChip status={state.status} size="md" />
            {state.since ? (
              <span>
                since <Day date={state.since} />
              </span>
            ) : null}
            {asOf ? <Badge tone="violet">As of {formatDate(asOf)}</Badge> : null}
          </span>
          <StrengthBadge strength={commitment.strength} hideFirm />
          <AttentionBadges flags={state.flags} />
          {commitment.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
        </>
      }
      description={
        commitment.description ? <p className="whitespace-pre-line">{commitment.description}</p> : null
      }
      actions={
        canWrite ? (
          <>
            <Link href={`${pathname}/edit`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <Pencil aria-hidden className="size-4" />
              Edit<span className="sr-only"> commitment</span>
            </Link>
            <a href="#log-follow-up" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <Plus aria-hidden className="size-4" />
              Log follow-up
            </a>
          </>
        ) : null
      }
    />
  );
}
