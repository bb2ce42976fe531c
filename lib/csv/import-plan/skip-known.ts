// Step 5 of the dry run (lib/csv/import-plan.ts): re-importing creates no duplicates. A row is skipped when the
// log already holds the same follow-up (and, for a copy with logged_at, that logged time as the logged row's own or
// original one), or when an earlier row of the file is the same.
import type { CommitmentStatus, EvidenceType } from '../../generated/prisma/enums.ts';
import { formatDay, type DatePrecision } from '../../domain/dates.ts';
import type { UpdateKind } from '../../domain/status.ts';
import type { PlannedUpdate } from '../import-plan.ts';
import type { Queryable } from '../scope.ts';
import type { IssueLog } from './issues.ts';

/** What makes two follow-ups the same (logged time aside). */
function sameFollowUpKey(
  update: Pick<
    PlannedUpdate,
    | 'commitmentId'
    | 'partyId'
    | 'kind'
    | 'evidenceType'
    | 'adoptsProposal'
    | 'status'
    | 'observedOn'
    | 'observedPrecision'
    | 'evidenceUrl'
    | 'reason'
  >,
): string {
  return [
    update.commitmentId,
    update.partyId ?? '',
    update.kind,
    update.evidenceType ?? '',
    update.adoptsProposal ? 'adopts' : '',
    update.status,
    formatDay(update.observedOn),
    update.observedPrecision,
    update.evidenceUrl ?? '',
    update.reason ?? '',
  ].join('\u0000');
}

/**
 * The logged times of the follow-ups already in the log, by sameFollowUpKey: each row's own and, for a copy, the
 * original one. A file's logged_at is then found whether the file was imported before (its time is a copy's
 * original) or exported from this database (its time is a row's own).
 */
async function loggedFollowUps(client: Queryable, updates: PlannedUpdate[]): Promise<Map<string, number[]>> {
  const ids = [...new Set(updates.map((update) => update.commitmentId))];
  const days = [...new Set(updates.map((update) => formatDay(update.observedOn)))];
  if (!ids.length) return new Map();
  const rows = await client.$queryRaw<
    {
      commitment_id: number;
      party_id: number | null;
      kind: UpdateKind;
      evidence_type: EvidenceType | null;
      adopts_proposal: boolean;
      status: CommitmentStatus;
      observed_on: Date;
      observed_precision: DatePrecision;
      url: string | null;
      reason: string | null;
      created_at: Date;
      originally_logged_at: Date | null;
    }[]
  >`
    SELECT su."commitmentId" AS commitment_id, su."partyId" AS party_id, su.kind::text AS kind,
           su."evidenceType"::text AS evidence_type, su."adoptsProposal" AS adopts_proposal, su.status::text AS status,
           su."observedOn" AS observed_on, su."observedPrecision"::text AS observed_precision, e.url, su.reason, su."createdAt" AS created_at,
           su."originallyLoggedAt" AS originally_logged_at
      FROM "StatusUpdate" su LEFT JOIN "Evidence" e ON e.id = su."evidenceId"
     WHERE su."commitmentId" = ANY(${ids}::int[]) AND su."observedOn" = ANY(${days}::date[])`;
  const logged = new Map<string, number[]>();
  for (const row of rows) {
    const key = sameFollowUpKey({
      commitmentId: row.commitment_id,
      partyId: row.party_id,
      kind: row.kind,
      evidenceType: row.evidence_type,
      adoptsProposal: row.adopts_proposal,
      status: row.status,
      observedOn: row.observed_on,
      observedPrecision: row.observed_precision,
      evidenceUrl: row.url,
      reason: row.reason,
    });
    const times = logged.get(key) ?? [];
    times.push(row.created_at.getTime());
    if (row.originally_logged_at) times.push(row.originally_logged_at.getTime());
    logged.set(key, times);
  }
  return logged;
}

/**
 * The candidates that would be written, in file order: without those the log already holds (counted in
 * `alreadyImported`) and those an earlier row of the file repeats (counted in `duplicates`, each with a warning).
 */
export async function skipKnownFollowUps(
  client: Queryable,
  candidates: PlannedUpdate[],
  issues: IssueLog,
): Promise<{ updates: PlannedUpdate[]; alreadyImported: number; duplicates: number }> {
  const logged = await loggedFollowUps(client, candidates);
  const seen = new Map<string, number>();
  const updates: PlannedUpdate[] = [];
  let alreadyImported = 0;
  let duplicates = 0;
  for (const update of candidates) {
    const key = sameFollowUpKey(update);
    const fileKey = `${key}\u0000${update.originallyLoggedAt?.getTime() ?? ''}`;
    const times = logged.get(key);
    if (
      times &&
      (update.originallyLoggedAt === null || times.includes(update.originallyLoggedAt.getTime()))
    ) {
      alreadyImported += 1;
      continue;
    }
    const earlier = seen.get(fileKey);
    if (earlier !== undefined) {
      duplicates += 1;
      issues.warning(update.row, null, `The same as row ${earlier}; it will be skipped.`);
      continue;
    }
    seen.set(fileKey, update.row);
    updates.push(update);
  }
  return { updates, alreadyImported, duplicates };
}
