import { ClipboardList } from 'lucide-react';
import { AuditTrail } from '@/components/dashboard/audit-trail';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { AuditTrailEntry } from '@/lib/data/timeline';

/** Who changed the commitment or logged its follow-ups, newest first (the latest events when there are many). */
export function AuditCard({ audit }: { audit: { entries: AuditTrailEntry[]; truncated: boolean } }) {
  return (
    <Card aria-labelledby="audit-heading">
      <CardHeader
        id="audit-heading"
        title="Audit trail"
        description="Who changed this commitment or logged its follow-ups, and what changed, newest first."
      />
      {audit.entries.length ? (
        <>
          <AuditTrail entries={audit.entries} labelledBy="audit-heading" />
          {audit.truncated ? (
            <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500 sm:px-5">
              Showing the latest {audit.entries.length} events.
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState level={3} icon={ClipboardList} title="No recorded changes" />
      )}
    </Card>
  );
}
