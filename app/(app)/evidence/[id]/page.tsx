import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ExternalLink, History, Pencil, ShieldAlert, ShieldCheck } from 'lucide-react';
import { StatusChip } from '@/components/commitments/status-chip';
import { ButtonLink } from '@/components/editors/button-link';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EvidenceTypeBadge } from '@/components/evidence/evidence-type-badge';
import { languageName } from '@/components/evidence/evidence-list';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Day, FactDate } from '@/components/ui/day';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { getEvidenceOrThrow } from '@/lib/data/evidence';
import { listEvidenceEdits, type EvidenceEdit } from '@/lib/data/evidence-edit';
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
  const [user, edits] = await Promise.all([getCurrentUser(), listEvidenceEdits(evidence.id)]);
  const writer = can(user, 'write');
  const excerptEdited = edits.some((edit) => edit.changes.some((change) => change.field === 'excerpt'));
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
        actions={
          writer ? (
            <ButtonLink
              href={`/evidence/${evidence.id}/edit`}
              icon={<Pencil aria-hidden className="size-4" />}
            >
              Edit<span className="sr-only"> item</span>
            </ButtonLink>
          ) : null
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
                {excerptEdited ? 'Excerpt (edited; earlier text in the edit history)' : 'Excerpt as logged'}
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
                  {excerptEdited
                    ? 'Unchanged since its last edit (SHA-256 fingerprint matches).'
                    : 'Unchanged since it was logged (SHA-256 fingerprint matches).'}
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
                    {withdrawal(update) ? (
                      <Badge tone="amber" className="mt-1">
                        {withdrawal(update)}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    <FactDate date={update.observedOn} precision={update.observedPrecision} />
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

      <Card aria-labelledby="edits-heading" className="mt-6">
        <CardHeader
          id="edits-heading"
          title="Edited"
          description={
            edits.length
              ? 'Who changed this item, when, and what changed, newest first.'
              : 'Never edited since it was logged.'
          }
        />
        {edits.length ? (
          <EditHistory edits={edits} />
        ) : (
          <EmptyState level={3} icon={History} title="No edits" />
        )}
      </Card>
    </>
  );
}

/**
 * "Corrected by #N" or "Retracted" for a follow-up withdrawn from the log (it no longer counts), when the query
 * loads `withdrawnAt` and `supersededBy` (lib/data/evidence.ts); null otherwise.
 */
function withdrawal(update: {
  withdrawnAt: Date | null;
  supersededBy: { id: number } | null;
}): string | null {
  if (!update.withdrawnAt) return null;
  return update.supersededBy ? `Corrected by #${update.supersededBy.id}` : 'Retracted';
}

const EDIT_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  originalTitle: 'Original title',
  language: 'Language',
  publishedOn: 'Published',
  excerpt: 'Excerpt',
  reliability: 'Reliability',
  credibility: 'Credibility',
  type: 'Type',
  outletId: 'Outlet',
};

/** The edits of the item, each with who, when and every field's before and after. */
function EditHistory({ edits }: { edits: EvidenceEdit[] }) {
  return (
    <ol aria-labelledby="edits-heading" className="divide-y divide-slate-200">
      {edits.map((edit) => (
        <li key={edit.id} className="px-4 py-3 text-sm sm:px-5">
          <p className="text-slate-900">
            <span className="font-medium">{edit.actor ?? 'The system'}</span> edited it{' '}
            <time dateTime={edit.at.toISOString()}>
              {formatDate(edit.at)}, {edit.at.toISOString().slice(11, 16)} UTC
            </time>
          </p>
          {edit.changes.length ? (
            <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs text-slate-700">
              {edit.changes.map((change) => (
                <div key={change.field} className="contents">
                  <dt className="text-slate-500">{EDIT_FIELD_LABELS[change.field] ?? change.field}</dt>
                  <dd className="break-words whitespace-pre-line">
                    <span className="sr-only">from </span>
                    <del className="text-slate-500 decoration-slate-400">{change.before ?? '—'}</del>
                    <span aria-hidden> → </span>
                    <span className="sr-only"> to </span>
                    <ins className="no-underline">{change.after ?? '—'}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="mt-1 text-xs text-slate-500">Saved without changes.</p>
          )}
        </li>
      ))}
    </ol>
  );
}
