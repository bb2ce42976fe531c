import Link from 'next/link';
import { Day } from '@/components/ui/day';
import type { UpdateForCorrection } from '@/lib/data/corrections';

/** Instead of a form: the row was already corrected or retracted, by whom, when and why. */
export function WithdrawnNotice({ update, back }: { update: UpdateForCorrection; back: string }) {
  if (!update.withdrawnAt) return null;
  return (
    <div
      role="status"
      className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <p className="font-semibold">
        This follow-up was already{' '}
        {update.supersededBy ? `corrected by #${update.supersededBy.id}` : 'retracted'} by{' '}
        {update.withdrawnBy?.name ?? 'someone'} on <Day date={update.withdrawnAt} />: it can no longer be
        corrected or retracted.
      </p>
      {update.withdrawnReason ? (
        <p className="mt-1 whitespace-pre-line">Why: {update.withdrawnReason}</p>
      ) : null}
      <p className="mt-2">
        <Link href={back} className="font-medium underline underline-offset-2">
          Back to the commitment
        </Link>
      </p>
    </div>
  );
}
