import { History, Newspaper } from 'lucide-react';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { CommitmentDashboard } from '@/lib/data/commitment-dashboard';
import { formatDay } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';
import { ShowAll } from './show-all';
import { StatusHistory } from './status-history';

/**
 * Follow-ups and evidence items listed before "Show all": a commitment followed for years has hundreds, which the
 * timeline chart shows at a glance; the lists open with the newest.
 */
const LIST_LENGTH = 10;

/** The follow-up log (every row, newest news first) and the evidence it cites, side by side. */
export function HistoryAndEvidence({
  dashboard,
  pathname,
  showAll,
  canWrite,
}: {
  dashboard: CommitmentDashboard;
  pathname: string;
  showAll: boolean;
  /** Whether the user may write: the history then offers Correct / Retract. */
  canWrite: boolean;
}) {
  const { asOf, history, evidence, laterCount } = dashboard;
  const historyShown = [...history].reverse().slice(0, showAll ? undefined : LIST_LENGTH);
  const evidenceShown = showAll ? evidence : evidence.slice(0, LIST_LENGTH);
  const showAllHref = `${pathname}?${new URLSearchParams({
    ...(asOf ? { asOf: formatDay(asOf) } : {}),
    all: '1',
  })}#history-heading`;
  return (
    <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card aria-labelledby="history-heading" className="self-start">
        <CardHeader
          id="history-heading"
          title="Status history"
          description={`${history.length} ${history.length === 1 ? 'follow-up' : 'follow-ups'}${asOf ? ` up to ${formatDate(asOf)}` : ''}, newest news first${laterCount ? ` (${laterCount} later not shown)` : ''}`}
        />
        {history.length ? (
          <>
            <StatusHistory
              entries={historyShown}
              labelledBy="history-heading"
              commitmentId={dashboard.commitment.id}
              canWrite={canWrite}
            />
            {historyShown.length < history.length ? (
              <ShowAll
                href={showAllHref}
                shown={historyShown.length}
                total={history.length}
                noun="follow-ups"
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
        {evidence.length ? (
          <>
            <EvidenceList items={evidenceShown} labelledBy="evidence-heading" />
            {evidenceShown.length < evidence.length ? (
              <ShowAll href={showAllHref} shown={evidenceShown.length} total={evidence.length} noun="items" />
            ) : null}
          </>
        ) : (
          <EmptyState level={3} icon={Newspaper} title="No evidence cited yet" />
        )}
      </Card>
    </div>
  );
}
