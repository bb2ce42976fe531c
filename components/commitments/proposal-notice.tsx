import { FactDate } from '@/components/ui/day';
import type { DatePrecision } from '@/lib/domain/dates';

/**
 * On a proposal's page: that it is a proposal, and whether an update recorded its adoption (linking to that
 * update in the history). Until then it is not counted in compliance.
 */
export function ProposalNotice({
  adoption,
}: {
  adoption: { updateId: number; observedOn: Date; observedPrecision: DatePrecision } | null;
}) {
  return (
    <div
      role="note"
      aria-label="Proposal"
      className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-300"
    >
      {adoption ? (
        <p>
          This was a proposal.{' '}
          <a href={`#update-${adoption.updateId}`} className="font-medium underline">
            Adopted on <FactDate date={adoption.observedOn} precision={adoption.observedPrecision} />
          </a>
          ; it counts in compliance from that day.
        </p>
      ) : (
        <p>
          This is a proposal, an idea floated and not yet agreed: it is not counted in compliance until
          adopted. Log a follow-up that records its adoption when it is.
        </p>
      )}
    </div>
  );
}
