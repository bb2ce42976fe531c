import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { History, Newspaper } from 'lucide-react';
import { PartyNames } from '@/components/commitments/party-names';
import { StatusChip } from '@/components/commitments/status-chip';
import { StatusHistory } from '@/components/commitments/status-history';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getCommitmentOrThrow } from '@/lib/data/commitments';
import { NotFoundError } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// Shared by generateMetadata and the page, so one request reads the commitment once.
const loadCommitment = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getCommitmentOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const commitment = await loadCommitment((await params).id);
  return { title: commitment.title };
}

export default async function CommitmentPage({ params }: Props) {
  const commitment = await loadCommitment((await params).id);
  const updateCount = commitment.statusUpdates.length;

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Agreements', href: '/agreements' },
          { label: commitment.agreement.title, href: `/agreements/${commitment.agreement.id}` },
        ]}
        eyebrow={commitment.category.name}
        title={commitment.title}
        meta={
          <>
            <span className="inline-flex flex-wrap items-center gap-2">
              <span className="sr-only">Current status: </span>
              <StatusChip status={commitment.status} size="md" />
              {commitment.statusSince ? (
                <span>
                  since <Day date={commitment.statusSince} />
                </span>
              ) : null}
            </span>
            {commitment.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
          </>
        }
        description={
          commitment.description ? <p className="whitespace-pre-line">{commitment.description}</p> : null
        }
      />

      <Card aria-labelledby="details-heading" className="mb-6">
        <CardHeader id="details-heading" title="Details" />
        <CardBody>
          <DescriptionList
            columns={3}
            items={[
              {
                term: 'Agreement',
                value: (
                  <Link href={`/agreements/${commitment.agreement.id}`} className="link">
                    {commitment.agreement.title}
                  </Link>
                ),
              },
              { term: 'Category', value: commitment.category.name },
              { term: 'Due', value: <Day date={commitment.dueOn} fallback="No due date" /> },
              {
                term: 'Responsible',
                value: <PartyNames parties={commitment.responsibleParties} empty="None recorded" />,
              },
              {
                term: 'Beneficiaries',
                value: <PartyNames parties={commitment.beneficiaryParties} empty="None recorded" />,
              },
              {
                term: 'Reciprocal commitment',
                value: commitment.reciprocal ? (
                  <Link href={`/commitments/${commitment.reciprocal.id}`} className="link">
                    {commitment.reciprocal.title}
                  </Link>
                ) : (
                  <span className="text-slate-500">None</span>
                ),
              },
              { term: 'Last evidence', value: <Day date={commitment.lastEvidenceOn} fallback="None yet" /> },
            ]}
          />
        </CardBody>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="history-heading" className="self-start">
          <CardHeader
            id="history-heading"
            title="Status history"
            description={`${updateCount} ${updateCount === 1 ? 'follow-up' : 'follow-ups'}, newest news first`}
          />
          {updateCount ? (
            <StatusHistory entries={commitment.statusUpdates} labelledBy="history-heading" />
          ) : (
            <EmptyState
              level={3}
              icon={History}
              title="No follow-ups yet"
              description="The status stays at “No evidence” until a follow-up is logged."
            />
          )}
        </Card>

        <Card aria-labelledby="evidence-heading" className="self-start">
          <CardHeader
            id="evidence-heading"
            title="Evidence"
            description="Graded with the Admiralty code: source reliability A–F, information credibility 1–6."
          />
          {commitment.evidence.length ? (
            <EvidenceList items={commitment.evidence} labelledBy="evidence-heading" />
          ) : (
            <EmptyState level={3} icon={Newspaper} title="No evidence cited yet" />
          )}
        </Card>
      </div>
    </>
  );
}
