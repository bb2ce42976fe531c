import Link from 'next/link';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { StatusChip } from '@/components/commitments/status-chip';
import { Day, FactDate } from '@/components/ui/day';
import type { ProposalRow } from '@/lib/data/review';

const KIND_NOTES = {
  corroboration: 'Corroborates the status',
  context: 'Context from before the agreement',
} as const;

/** What a proposed update says: status (and party), fact date, why, the item it rests on, who proposed it when. */
export function ProposalDetails({ proposal }: { proposal: ProposalRow }) {
  const { evidence } = proposal;
  return (
    <div className="space-y-2 text-sm text-slate-700">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <StatusChip status={proposal.status} />
        {proposal.party ? <span>for {proposal.party.name}</span> : null}
        {proposal.kind !== 'assessment' ? (
          <span className="text-slate-600">({KIND_NOTES[proposal.kind]})</span>
        ) : null}
        {proposal.adoptsProposal ? <span className="text-slate-600">(records the adoption)</span> : null}
        <span>
          · fact held <FactDate date={proposal.observedOn} precision={proposal.observedPrecision} />
        </span>
      </p>
      {proposal.reason ? <p className="whitespace-pre-line">{proposal.reason}</p> : null}
      {evidence ? (
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span>Evidence:</span>
          <Link href={`/evidence/${evidence.id}`} className="link">
            {evidence.title}
          </Link>
          <span className="text-slate-600">({evidence.outlet.name})</span>
          <AdmiraltyBadge reliability={evidence.reliability} credibility={evidence.credibility} />
          <span className="text-slate-600">
            {EVIDENCE_TYPE_LABELS[proposal.evidenceType ?? evidence.type]}
          </span>
        </p>
      ) : null}
      <p className="text-xs text-slate-600">
        Proposed by {proposal.author.name} on <Day date={proposal.createdAt} />
      </p>
    </div>
  );
}
