import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RetractionForm } from '@/components/commitments/correction-form';
import { UpdateSummary } from '@/components/commitments/update-summary';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getUpdateForCorrection } from '@/lib/data/corrections';
import { parseIdParam } from '@/lib/validation/params';
import { retractStatusUpdate } from '../../actions';
import { WithdrawnNotice } from '@/components/commitments/withdrawn-notice';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Retract a follow-up' };

type Props = { params: Promise<{ id: string; updateId: string }> };

export default async function RetractUpdatePage({ params }: Props) {
  await requirePermission('write');
  const raw = await params;
  const commitmentId = parseIdParam(raw.id);
  const updateId = parseIdParam(raw.updateId);
  if (commitmentId === null || updateId === null) notFound();
  const update = await getUpdateForCorrection(commitmentId, updateId);
  if (!update) notFound();
  const back = `/commitments/${commitmentId}`;

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Commitments', href: '/commitments' },
          { label: update.commitment.title, href: back },
        ]}
        eyebrow="Retract a follow-up"
        title={`Retract follow-up #${update.id}`}
        description={
          <p className="text-sm text-slate-600">
            A retracted row stays in the history, marked as retracted with your name, the time and why, and no
            longer counts for status. To change what it says instead, correct it.
          </p>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="original-heading" className="self-start">
          <CardHeader id="original-heading" title="As logged" />
          <CardBody>
            <UpdateSummary update={update} />
          </CardBody>
        </Card>
        <Card aria-labelledby="retraction-heading" className="self-start">
          <CardHeader id="retraction-heading" title="Retraction" />
          <CardBody>
            {update.withdrawnAt ? (
              <WithdrawnNotice update={update} back={back} />
            ) : (
              <RetractionForm action={retractStatusUpdate} updateId={String(update.id)} cancelHref={back} />
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
