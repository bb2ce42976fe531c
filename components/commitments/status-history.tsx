import Link from 'next/link';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import { Badge } from '@/components/ui/badge';
import { Day, FactDate } from '@/components/ui/day';
import type { DatePrecision } from '@/lib/domain/dates';
import { countsForStatus, type CommitmentStatus, type UpdateKind } from '@/lib/domain/status';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import { StatusChip, StatusMarker } from './status-chip';

export type StatusHistoryEntry = {
  id: number;
  status: CommitmentStatus;
  reason: string | null;
  observedOn: Date;
  /** How much of the fact date is known (absent: to the day). */
  observedPrecision?: DatePrecision;
  createdAt: Date;
  author: { name: string } | null;
  /** Set on a copy imported from a file: what the file said. A claim, never shown as the entry's author. */
  originallyLoggedBy: string | null;
  originallyLoggedAt: Date | null;
  party: { id: number; name: string } | null;
  evidence: { id: number; title: string } | null;
  // Optional so the history renders from loaders that do not select them yet (then: an assessment, never withdrawn).
  /** What the row is: only an assessment sets the status. */
  kind?: UpdateKind;
  /** How the cited item bears on the commitment; null: the item's own type. */
  evidenceType?: EvidenceType | null;
  /** The row records that a proposal was adopted. */
  adoptsProposal?: boolean;
  /** The row this one corrects. */
  supersedesId?: number | null;
  /** The row that corrects this one (then it is withdrawn). */
  supersededBy?: { id: number } | null;
  /** Set when the row was corrected or retracted: it stays listed and no longer counts. */
  withdrawnAt?: Date | null;
  withdrawnBy?: { name: string } | null;
  withdrawnReason?: string | null;
};

const KIND_NOTES: Record<Exclude<UpdateKind, 'assessment'>, string> = {
  corroboration: 'Corroborates the status (does not change it)',
  context: 'Context from before the agreement (does not count for status)',
};

/**
 * The follow-up log as a timeline, newest news first (the caller passes the entries in that order, perhaps one page
 * of them). `restsOn` is the entry the current status rests on (the newest that counts for status; by default the
 * first such entry passed). Each says when it was logged and by whom,
 * which may be long after the day it describes (a back-dated item); an imported copy also says what its file
 * claimed. A corrected or retracted entry stays listed, marked in words (who, when, why) and struck through; a
 * correction names the entry it corrects. With `commitmentId` and `canWrite`, entries still standing offer
 * "Correct" and "Retract".
 */
export function StatusHistory({
  entries,
  labelledBy,
  commitmentId,
  canWrite = false,
  restsOn = entries.find((entry) => countsForStatus(entry))?.id,
}: {
  entries: StatusHistoryEntry[];
  labelledBy?: string;
  /** The commitment whose history this is: needed for the Correct / Retract links. */
  commitmentId?: number;
  /** Whether the user may write (lib/auth/permissions.ts `write`): otherwise no controls are shown. */
  canWrite?: boolean;
  restsOn?: number;
}) {
  const controls = canWrite && commitmentId !== undefined;
  // Named classes (app/styles/commitment.css): a page of entries is sent twice (HTML and RSC payload), so the
  // entries' layout and the rail between markers are said once on the list and the rest by short names.
  return (
    <ol aria-labelledby={labelledBy} className="history">
      {entries.map((entry) => (
        <li
          key={entry.id}
          id={`update-${entry.id}`}
          // Spread, so a live entry sends no className at all (an undefined prop still travels in the RSC payload).
          {...(entry.withdrawnAt ? { className: 'opacity-80' } : {})}
        >
          <span className="history-dot">
            <StatusMarker status={entry.status} className="size-2.5" />
          </span>
          <div>
            <div className="history-head">
              <span
                className={
                  entry.withdrawnAt ? 'history-date line-through decoration-slate-400' : 'history-date'
                }
              >
                <FactDate date={entry.observedOn} precision={entry.observedPrecision ?? 'day'} />
              </span>
              <StatusChip status={entry.status} />
              <span className="history-id">{`#${entry.id}`}</span>
              {entry.withdrawnAt ? (
                <Badge tone="amber">
                  {entry.supersededBy ? `Corrected by #${entry.supersededBy.id}` : 'Retracted'}
                </Badge>
              ) : null}
              {entry.supersedesId ? <Badge tone="violet">Corrects #{entry.supersedesId}</Badge> : null}
              {entry.id === restsOn ? (
                <span className="text-xs font-medium text-slate-500">Current status rests on this</span>
              ) : null}
            </div>
            {entry.kind && entry.kind !== 'assessment' ? (
              <p className="mt-1 text-xs font-medium text-slate-600">{KIND_NOTES[entry.kind]}</p>
            ) : null}
            {entry.adoptsProposal ? (
              <p className="mt-1 text-xs font-medium text-slate-600">Records that the proposal was adopted</p>
            ) : null}
            {/* Labels in their own column so long reasons and titles wrap beside them, not under them. */}
            <dl className="history-facts">
              <dt>Assessed</dt>
              <dd>{entry.party ? entry.party.name : 'The commitment as a whole'}</dd>
              {entry.reason ? (
                <>
                  <dt>Reason</dt>
                  <dd className="whitespace-pre-line">{entry.reason}</dd>
                </>
              ) : null}
              <dt>Evidence</dt>
              <dd>
                {entry.evidence ? (
                  <>
                    <a href={`#evidence-${entry.evidence.id}`} className="link">
                      {entry.evidence.title}
                    </a>
                    {entry.evidenceType ? (
                      <span className="text-slate-500">
                        {' '}
                        (as {EVIDENCE_TYPE_LABELS[entry.evidenceType].toLowerCase()})
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">None cited</span>
                )}
              </dd>
            </dl>
            <p className="history-logged">
              Logged <Day date={entry.createdAt} />
              {` by ${entry.author?.name ?? 'the system'}`}
            </p>
            {entry.originallyLoggedAt ? (
              <p className="mt-0.5 text-xs text-slate-500">
                Imported; the file says originally logged <Day date={entry.originallyLoggedAt} />
                {entry.originallyLoggedBy ? <> by {entry.originallyLoggedBy}</> : null}
              </p>
            ) : null}
            {entry.withdrawnAt ? (
              <p className="mt-1.5 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-950 ring-1 ring-amber-200">
                <strong className="font-semibold">
                  {entry.supersededBy ? `Corrected by #${entry.supersededBy.id}` : 'Retracted'}
                </strong>{' '}
                <Day date={entry.withdrawnAt} /> by {entry.withdrawnBy?.name ?? 'someone'}; it no longer
                counts for status.
                {entry.withdrawnReason ? (
                  <span className="mt-0.5 block whitespace-pre-line">Why: {entry.withdrawnReason}</span>
                ) : null}
              </p>
            ) : null}
            {controls && !entry.withdrawnAt ? (
              <p className="mt-1.5 flex flex-wrap gap-3 text-xs">
                {/* Their icons (lucide's pencil-line and undo-2) are drawn by CSS: see commitment.css. */}
                <Link
                  href={`/commitments/${commitmentId}/updates/${entry.id}/correct`}
                  className="link history-correct"
                >
                  Correct<span className="sr-only">{` follow-up #${entry.id}`}</span>
                </Link>
                <Link
                  href={`/commitments/${commitmentId}/updates/${entry.id}/retract`}
                  className="link history-retract"
                >
                  Retract<span className="sr-only">{` follow-up #${entry.id}`}</span>
                </Link>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
