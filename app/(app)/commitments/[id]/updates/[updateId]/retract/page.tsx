import type { Metadata } from 'next';
import { RetractionForm } from '@/components/commitments/correction-form';
import { AsLoggedCard, UpdatePageHeader } from '@/components/commitments/update-page';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { retractStatusUpdate } from '../../actions';
import { loadUpdateForCorrection } from '../load-update';
import { WithdrawnNotice } from '@/components/commitments/withdrawn-notice';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Retract a follow-up' };

type Props = { params: Promise<{ id: string; updateId: string }> };

export default async function RetractUpdatePage({ params }: Props) {
  const { update, back } = await loadUpdateForCorrection(params);

  return (
    <>
      <UpdatePageHeader update={update} back={back} verb="Retract">
        A retracted row stays in the history, marked as retracted with your name, the time and why, and no
        longer counts for status. To change what it says instead, correct it.
      </UpdatePageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <AsLoggedCard update={update} className="self-start" />
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
