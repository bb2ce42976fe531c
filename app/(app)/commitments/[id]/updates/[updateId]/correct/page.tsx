import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CorrectionForm } from '@/components/commitments/correction-form';
import { UpdateSummary } from '@/components/commitments/update-summary';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getUpdateForCorrection } from '@/lib/data/corrections';
import { formatDay, formatFactDate, today } from '@/lib/domain/dates';
import { parseIdParam } from '@/lib/validation/params';
import { correctStatusUpdate } from '../../actions';
import { WithdrawnNotice } from '@/components/commitments/withdrawn-notice';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Correct a follow-up' };

type Props = { params: Promise<{ id: string; updateId: string }> };

export default async function CorrectUpdatePage({ params }: Props) {
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
        eyebrow="Correct a follow-up"
        title={`Correct follow-up #${update.id}`}
        description={
          <p className="text-sm text-slate-600">
            Saving writes a new row that replaces this one. The original stays in the history, marked as
            corrected, with your name, the time and why.
          </p>
        }
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card aria-labelledby="original-heading" className="self-start lg:col-span-2">
          <CardHeader id="original-heading" title="As logged" />
          <CardBody>
            <UpdateSummary update={update} />
          </CardBody>
        </Card>
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
