import { STATUS_LABELS, isCommitmentStatus } from '@/lib/domain/status';
import type { AuditChange, AuditTrailEntry } from '@/lib/data/timeline';

const FIELD_LABELS: Record<string, string> = {
  kind: 'Kind',
  evidenceType: 'Evidence type',
  adoptsProposal: 'Adopts the proposal',
  supersedesId: 'Corrects',
  supersededById: 'Corrected by',
  withdrawnAt: 'Withdrawn',
  withdrawnReason: 'Why withdrawn',
  title: 'Title',
  description: 'Description',
  dueOn: 'Due date',
  categoryId: 'Category',
  agreementId: 'Agreement',
  reciprocalOfId: 'Reciprocal of',
  archivedAt: 'Archived',
  status: 'Status',
  statusSince: 'Status since',
  lastEvidenceOn: 'Last evidence',
  reason: 'Reason',
  observedOn: 'Observed on',
  partyId: 'Party assessed',
  evidenceId: 'Evidence',
  parties: 'Parties',
  originallyLoggedBy: 'Originally logged by',
  originallyLoggedAt: 'Originally logged at',
};

/** Fields that only repeat what the entry already says (whose, by whom). */
const HIDDEN_FIELDS = new Set(['commitmentId', 'authorId', 'withdrawnById']);

const ACTION_LABELS: Record<string, string> = {
  create: 'created',
  update: 'changed',
  archive: 'archived',
  unarchive: 'restored',
  delete: 'deleted',
  import: 'imported',
  change_password: 'changed the password of',
  reset_password: 'reset the password of',
  correct: 'corrected',
  retract: 'retracted',
};

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

function value(field: string, text: string | null): string {
  if (text === null) return '—';
  if (field === 'status' && isCommitmentStatus(text)) return STATUS_LABELS[text];
  if (field.endsWith('Id')) return `#${text}`;
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function what(entry: AuditTrailEntry): string {
  const verb = ACTION_LABELS[entry.action] ?? entry.action;
  if (entry.entityType === 'StatusUpdate')
    return entry.action === 'create'
      ? 'logged a follow-up'
      : entry.action === 'import'
        ? 'imported a follow-up'
        : `${verb} follow-up #${entry.entityId}`;
  if (entry.entityType === 'Commitment') return `${verb} the commitment`;
  return `${verb} ${entry.entityType} #${entry.entityId}`;
}

function Changes({ changes, create }: { changes: AuditChange[]; create: boolean }) {
  const shown = changes.filter((change) => !HIDDEN_FIELDS.has(change.field));
  if (!shown.length) return null;
  return (
    <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-700">
      {shown.map((change) => (
        <div key={change.field} className="contents">
          <dt className="text-slate-500">{FIELD_LABELS[change.field] ?? change.field}</dt>
          <dd className="break-words">
            {create ? (
              value(change.field, change.after)
            ) : (
              <>
                <span className="text-slate-500 line-through decoration-slate-400">
                  {value(change.field, change.before)}
                </span>
                <span aria-hidden> → </span>
                <span className="sr-only"> changed to </span>
                {value(change.field, change.after)}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Who changed what on this commitment and its follow-ups, newest first. */
export function AuditTrail({ entries, labelledBy }: { entries: AuditTrailEntry[]; labelledBy?: string }) {
  return (
    <ol aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {entries.map((entry) => (
        <li key={entry.id} className="px-4 py-3 sm:px-5">
          <p className="text-sm text-slate-800">
            <span className="font-medium text-slate-900">{entry.actor ?? 'The system'}</span> {what(entry)}
          </p>
          <p className="text-xs text-slate-500">
            <time dateTime={entry.createdAt.toISOString()}>{timeFormat.format(entry.createdAt)}</time>
          </p>
          <Changes changes={entry.changes} create={entry.action === 'create'} />
        </li>
      ))}
    </ol>
  );
}
