import Link from 'next/link';
import { ClipboardList } from 'lucide-react';
import { AuditTrail } from '@/components/dashboard/audit-trail';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { AuditTrailEntry } from '@/lib/data/timeline';
import { ListPager, NEWER_OLDER } from '@/components/ui/list-pager';

/**
 * Who changed the commitment or logged its follow-ups, newest first, a page of events at a time. Only on request
 * (`audit`: null until then): every event lists each field it set, and the status history already says who logged
 * each follow-up and when.
 */
export function AuditCard({
  audit,
  pageHref,
}: {
  audit: { entries: AuditTrailEntry[]; page: number; hasOlder: boolean } | null;
  /** The address of this page with the trail at a page, or hidden (null). */
  pageHref: (page: number | null) => string;
}) {
  return (
    <Card aria-labelledby="audit-heading">
      <CardHeader
        id="audit-heading"
        title="Audit trail"
        description="Who changed this commitment or logged its follow-ups, and what changed, newest first."
      />
      {!audit ? (
        <p className="px-4 py-3 text-sm sm:px-5">
          <Link href={pageHref(1)} className="link">
            Show the audit trail
          </Link>
        </p>
      ) : audit.entries.length ? (
        <>
          <AuditTrail entries={audit.entries} labelledBy="audit-heading" />
          <ListPager
            label="Pages of the audit trail"
            summary={`Page ${audit.page} of the events.`}
            page={audit.page}
            words={NEWER_OLDER}
            hasNext={audit.hasOlder}
            href={pageHref}
          >
            <Link href={pageHref(null)} className="link">
              Hide the audit trail
            </Link>
          </ListPager>
        </>
      ) : (
        <EmptyState level={3} icon={ClipboardList} title="No recorded changes" />
      )}
    </Card>
  );
}
