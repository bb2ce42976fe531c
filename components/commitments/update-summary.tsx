import { StatusChip } from '@/components/commitments/status-chip';
import { FactDate } from '@/components/ui/day';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { Day } from '@/components/ui/day';
import type { UpdateForCorrection } from '@/lib/data/corrections';
import { ROW_KIND_LABELS } from '@/lib/validation/follow-up';

/** One follow-up row as logged, for the pages that correct or retract it. */
export function UpdateSummary({ update }: { update: UpdateForCorrection }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm text-slate-700">
      <dt className="text-slate-500">Row</dt>
      <dd>
        #{update.id} · {ROW_KIND_LABELS[update.kind]}
      </dd>
      <dt className="text-slate-500">Status</dt>
      <dd>
        <StatusChip status={update.status} />
      </dd>
      <dt className="text-slate-500">Fact date</dt>
      <dd>
        <FactDate date={update.observedOn} precision={update.observedPrecision} />
      </dd>
      <dt className="text-slate-500">Assessed</dt>
      <dd>{update.party ? update.party.name : 'The commitment as a whole'}</dd>
      {update.reason ? (
        <>
          <dt className="text-slate-500">Reason</dt>
          <dd className="whitespace-pre-line">{update.reason}</dd>
        </>
      ) : null}
      <dt className="text-slate-500">Evidence</dt>
      <dd>
        {update.evidence ? (
          <>
            {update.evidence.title}
            {update.evidenceType ? ` (as ${EVIDENCE_TYPE_LABELS[update.evidenceType].toLowerCase()})` : null}
          </>
        ) : (
          <span className="text-slate-500">None cited</span>
        )}
      </dd>
      <dt className="text-slate-500">Logged</dt>
      <dd>
        <Day date={update.createdAt} /> by {update.author?.name ?? 'the system'}
      </dd>
    </dl>
  );
}
