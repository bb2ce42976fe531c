import { History, Newspaper } from 'lucide-react';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { CommitmentDashboard } from '@/lib/data/commitment-dashboard';
import { formatDate } from '@/lib/format/date';
import { ListPager, NEWER_OLDER } from '@/components/ui/list-pager';
import { StatusHistory } from './status-history';

/**
 * The follow-up log (every row, newest news first) and the evidence it cites, side by side, each a page at a time:
 * a commitment followed for years has hundreds of both, which the timeline chart shows at a glance.
 */
export function HistoryAndEvidence({
  dashboard,
  pageHref,
  canWrite,
}: {
  dashboard: CommitmentDashboard;
  /** The address of this page with one list at another page (`page`: the history, `evidencePage`: the evidence). */
  pageHref: (list: 'page' | 'evidencePage', page: number) => string;
  /** Whether the user may write: the history then offers Correct / Retract. */
  canWrite: boolean;
}) {
  const { asOf, historyPage, evidencePage, laterCount } = dashboard;
  const total = historyPage.total;
  return (
    <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card aria-labelledby="history-heading" className="self-start">
        <CardHeader
          id="history-heading"
          title="Status history"
          description={`${total} ${total === 1 ? 'follow-up' : 'follow-ups'}${asOf ? ` up to ${formatDate(asOf)}` : ''}, newest news first${laterCount ? ` (${laterCount} later not shown)` : ''}`}
        />
        {total ? (
          <>
            <StatusHistory
              entries={historyPage.items}
              labelledBy="history-heading"
              commitmentId={dashboard.commitment.id}
              canWrite={canWrite}
              restsOn={dashboard.restsOnId}
            />
            {historyPage.pageCount > 1 ? (
              <ListPager
                label="Pages of the status history"
                summary={range(historyPage, 'follow-ups')}
                page={historyPage.page}
                words={NEWER_OLDER}
                hasNext={historyPage.page < historyPage.pageCount}
                href={(page) => pageHref('page', page)}
              />
            ) : null}
          </>
        ) : (
          <EmptyState
            level={3}
            icon={History}
            title={asOf ? 'No follow-ups by that day' : 'No follow-ups yet'}
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
        {evidencePage.total ? (
          <>
            <EvidenceList items={evidencePage.items} labelledBy="evidence-heading" />
            {evidencePage.pageCount > 1 ? (
              <ListPager
                label="Pages of the evidence"
                summary={range(evidencePage, 'items')}
                page={evidencePage.page}
                words={NEWER_OLDER}
                hasNext={evidencePage.page < evidencePage.pageCount}
                href={(page) => pageHref('evidencePage', page)}
              />
            ) : null}
          </>
        ) : (
          <EmptyState level={3} icon={Newspaper} title="No evidence cited yet" />
        )}
      </Card>
    </div>
  );
}

/** "11–20 of 489 follow-ups". */
function range(
  list: { items: unknown[]; page: number; pageSize: number; total: number },
  noun: string,
): string {
  const first = (list.page - 1) * list.pageSize + 1;
  return `${first}–${first + list.items.length - 1} of ${list.total} ${noun}`;
}
