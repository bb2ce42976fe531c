import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ExternalLink, ShieldAlert, ShieldCheck } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EvidenceTypeBadge } from '@/components/evidence/evidence-type-badge';
import { languageName } from '@/components/evidence/evidence-list';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { getEvidenceOrThrow } from '@/lib/data/evidence';
import { NotFoundError } from '@/lib/errors';
import { formatDate } from '@/lib/format/date';
import { parseIdParam } from '@/lib/validation/params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

const loadEvidence = cache(async (rawId: string) => {
  const id = parseIdParam(rawId);
  if (id === null) notFound();
  try {
    return await getEvidenceOrThrow(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const evidence = await loadEvidence((await params).id);
  return { title: evidence.title };
}

function webAddress(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** One item: what it is, how it is graded, and the commitments it bears on (the status updates citing it). */
export default async function EvidencePage({ params }: Props) {
  const evidence = await loadEvidence((await params).id);
  const link = webAddress(evidence.url);
  const commitments = new Set(evidence.statusUpdates.map((update) => update.commitment.id)).size;

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Evidence', href: '/evidence' }]}
        eyebrow={evidence.outlet.name}
        title={evidence.title}
        meta={
          <>
            <AdmiraltyBadge reliability={evidence.reliability} credibility={evidence.credibility} withLabel />
            <EvidenceTypeBadge type={evidence.type} />
          </>
        }
        description={
          evidence.originalTitle ? (
            <p lang={evidence.language} dir="auto">
              {evidence.originalTitle}
            </p>
          ) : null
        }
      />

      <Card aria-labelledby="item-heading" className="mb-6">
        <CardHeader id="item-heading" title="The item" />
        <CardBody className="space-y-5">
          <DescriptionList
            columns={3}
            items={[
              {
                term: 'Published',
                value: <Day date={evidence.publishedOn} fallback="Undated (never guessed)" />,
              },
              { term: 'Language', value: `${languageName(evidence.language)} (${evidence.language})` },
              { term: 'Logged', value: formatDate(evidence.createdAt) },
              {
                term: 'Outlet',
                value: (
                  <Link href={`/evidence?outlet=${evidence.outlet.id}`} className="link">
                    {evidence.outlet.name}
                  </Link>
                ),
              },
              {
                term: 'Address',
                value: link ? (
                  <a
                    href={link}
                    rel="noopener noreferrer"
                    className="link inline-flex items-center gap-1 break-all"
                  >
                    {link}
                    <ExternalLink aria-hidden className="size-3.5 shrink-0" />
                  </a>
                ) : (
                  <code className="font-mono text-xs break-all">{evidence.url}</code>
                ),
              },
            ]}
          />
          {evidence.excerpt ? (
            <div>
              <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                Excerpt as logged
              </h3>
              <blockquote
                dir="auto"
                lang={evidence.language}
                className="mt-2 border-l-2 border-slate-300 pl-3 text-sm whitespace-pre-line text-slate-800"
              >
                {evidence.excerpt}
              </blockquote>
              {evidence.excerptIntact === false ? (
                <p className="mt-2 inline-flex items-center gap-1.5 text-xs font-medium text-red-700">
                  <ShieldAlert aria-hidden className="size-4" />
                  This text no longer matches the fingerprint taken when it was logged.
                </p>
              ) : evidence.excerptIntact ? (
                <p className="mt-2 inline-flex items-center gap-1.5 text-xs text-slate-600">
                  <ShieldCheck aria-hidden className="size-4" />
                  Unchanged since it was logged (SHA-256 fingerprint matches).
                </p>
              ) : null}
            </div>
          ) : null}
        </CardBody>
      </Card>

      <Card aria-labelledby="updates-heading">
        <CardHeader
          id="updates-heading"
          title="What it was logged as showing"
          description={
            evidence.statusUpdates.length
              ? `${evidence.statusUpdates.length} status update${evidence.statusUpdates.length === 1 ? '' : 's'} on ${commitments} commitment${commitments === 1 ? '' : 's'}, newest news first.`
              : undefined
          }
        />
        {evidence.statusUpdates.length === 0 ? (
          <EmptyState title="No status update cites this item" description="It is kept as a source only." />
        ) : (
          <Table caption="Status updates citing this item">
            <THead>
              <Tr>
                <Th>Commitment</Th>
                <Th>Status shown</Th>
                <Th className="hidden sm:table-cell">Fact held on</Th>
                <Th className="hidden md:table-cell">Assesses</Th>
                <Th className="hidden lg:table-cell">Reason</Th>
              </Tr>
            </THead>
            <TBody>
              {evidence.statusUpdates.map((update) => (
                <Tr key={update.id}>
                  <RowHeader className="max-w-sm">
                    <Link
                      href={`/commitments/${update.commitment.id}`}
                      className="link-quiet font-medium text-slate-900"
                    >
                      {update.commitment.title}
                    </Link>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {update.commitment.agreement.title}
                    </span>
                  </RowHeader>
                  <Td>
                    <StatusChip status={update.status} />
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    <Day date={update.observedOn} />
                  </Td>
                  <Td className="hidden md:table-cell">
                    {update.party?.name ?? 'The commitment as a whole'}
                  </Td>
                  <Td className="hidden max-w-md whitespace-pre-line lg:table-cell">
                    {update.reason ?? '—'}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
