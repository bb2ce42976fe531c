import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EvidenceEditForm } from '@/components/evidence/evidence-edit-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { evidenceFormValues, getEvidenceForEdit } from '@/lib/data/evidence-edit';
import { listOutletOptions } from '@/lib/data/outlets';
import { parseIdParam } from '@/lib/validation/params';
import { updateEvidence } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit evidence item' };

export default async function EditEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('write');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const [evidence, outlets] = await Promise.all([getEvidenceForEdit(id), listOutletOptions()]);
  if (!evidence) notFound();
  // The item's own outlet stays choosable even when archived.
  const outletOptions = outlets.map((outlet) => ({ value: String(outlet.id), label: outlet.name }));
  if (!outlets.some((outlet) => outlet.id === evidence.outletId)) {
    outletOptions.unshift({
      value: String(evidence.outlet.id),
      label: `${evidence.outlet.name}${evidence.outlet.archivedAt ? ' (archived)' : ''}`,
    });
  }
  const back = `/evidence/${evidence.id}`;

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: 'Evidence', href: '/evidence' },
          { label: evidence.title, href: back },
        ]}
        eyebrow="Edit evidence item"
        title={evidence.title}
        description={
          <p className="text-sm text-slate-600">
            Every edit is recorded with your name and what changed; the item page lists them.
          </p>
        }
      />
      <Card>
        <CardBody>
          <EvidenceEditForm
            key={evidence.version}
            action={updateEvidence}
            record={evidenceFormValues(evidence)}
            url={evidence.url}
            outletOptions={outletOptions}
            cancelHref={back}
          />
        </CardBody>
      </Card>
    </>
  );
}
