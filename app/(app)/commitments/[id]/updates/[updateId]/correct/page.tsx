import type { Metadata } from 'next';
import Link from 'next/link';
import { CorrectionForm } from '@/components/commitments/correction-form';
import { AsLoggedCard, UpdatePageHeader } from '@/components/commitments/update-page';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatDay, formatFactDate, today } from '@/lib/domain/dates';
import { correctStatusUpdate } from '../../actions';
import { loadUpdateForCorrection } from '../load-update';
import { WithdrawnNotice } from '@/components/commitments/withdrawn-notice';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Correct a follow-up' };

type Props = { params: Promise<{ id: string; updateId: string }> };

export default async function CorrectUpdatePage({ params }: Props) {
  const { update, back } = await loadUpdateForCorrection(params);

  return (
    <>
      <UpdatePageHeader update={update} back={back} verb="Correct">
        Saving writes a new row that replaces this one. The original stays in the history, marked as
        corrected, with your name, the time and why.
      </UpdatePageHeader>
      <div className="grid gap-6 lg:grid-cols-5">
        <AsLoggedCard update={update} className="self-start lg:col-span-2" />
        <Card aria-labelledby="correction-heading" className="lg:col-span-3">
          <CardHeader id="correction-heading" title="The correction" />
          <CardBody>
            {update.withdrawnAt ? (
              <WithdrawnNotice update={update} back={back} />
            ) : (
              <CorrectionForm
                action={correctStatusUpdate}
                record={{
                  updateId: String(update.id),
                  commitmentId: String(update.commitmentId),
                  kind: update.kind,
                  status: update.status,
                  partyId: update.partyId === null ? '' : String(update.partyId),
                  evidenceType: update.evidenceType ?? '',
                  adoptsProposal: update.adoptsProposal,
                  observedOn: formatFactDate(update.observedOn, update.observedPrecision),
                  observedPrecision: update.observedPrecision,
                  reason: update.reason ?? '',
                }}
                parties={update.commitment.parties.map(({ party }) => party)}
                citesEvidence={update.evidence !== null}
                proposal={update.commitment.strength === 'proposal'}
                cancelHref={back}
                today={formatDay(today())}
              />
            )}
          </CardBody>
        </Card>
      </div>
      <p className="mt-6 text-sm">
        <Link href={back} className="link">
          Back to the commitment
        </Link>
      </p>
    </>
  );
}
