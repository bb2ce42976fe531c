import type { ReactNode } from 'react';
import { UpdateSummary } from '@/components/commitments/update-summary';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import type { UpdateForCorrection } from '@/lib/data/corrections';

/** The header of the page that corrects or retracts a follow-up row, under its commitment. */
export function UpdatePageHeader({
  update,
  back,
  verb,
  children,
}: {
  update: UpdateForCorrection;
  back: string;
  verb: 'Correct' | 'Retract';
  /** What saving does to the row. */
  children: ReactNode;
}) {
  return (
    <PageHeader
      breadcrumbs={[
        { label: 'Commitments', href: '/commitments' },
        { label: update.commitment.title, href: back },
      ]}
      eyebrow={`${verb} a follow-up`}
      title={`${verb} follow-up #${update.id}`}
      description={<p className="text-sm text-slate-600">{children}</p>}
    />
  );
}

/** The row as it was logged, beside the form that corrects or retracts it. */
export function AsLoggedCard({ update, className }: { update: UpdateForCorrection; className: string }) {
  return (
    <Card aria-labelledby="original-heading" className={className}>
      <CardHeader id="original-heading" title="As logged" />
      <CardBody>
        <UpdateSummary update={update} />
      </CardBody>
    </Card>
  );
}
