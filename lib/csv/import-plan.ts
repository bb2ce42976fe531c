// The dry run of an import: every row of the file checked against the rules and the database, and the plan of
// what importing would write. The preview shows the plan; the import recomputes it inside its own transaction
// (never trusting an earlier preview) and writes it only when no row has a problem.
//
// How a row is read (the rules are also on the import page):
// - Cells starting with ' lose that one quote (the export's CSV-injection guard, lib/csv/cells.ts). Text is then
//   trimmed and limited as the log-follow-up form does (lib/validation/follow-up.ts), whose checks are reused.
// - The commitment is identified by agreement title + commitment title (ids differ between databases); both must
//   name a live commitment, exactly (surrounding spaces ignored). `party`, if given, must be one of its
//   responsible parties (matched by name, case-insensitively).
// - `status`: a status code (in_progress) or label (In progress); `reason` is required for stalled and broken.
// - `observed_on`: YYYY-MM-DD, not after today: the day the fact held, or held by (lib/domain/dates.ts).
//   `observed_precision`: day, month, year or unknown; an empty cell, or a file without the column, is day.
//   `previous_status` is derived and ignored.
// - Every row is logged now, by you: the file can name no other author and no other logged time. `logged_at`
//   (optional, ISO 8601 with a time zone, not in the future) marks a copy of a follow-up logged earlier (from an
//   export): that time and the row's `author` (a name, as written) are kept as "originally logged at / by", a
//   claim of the file that the commitment page shows as such. A row without it is new; its author cell is ignored.
// - Evidence: by `evidence_url`, normalised (lib/domain/url.ts). An address already logged is reused as it is
//   (the row's other evidence columns are then only compared, and differences reported as warnings). A new one
//   needs outlet, credibility, evidence_type, language and title; reliability defaults to the outlet's. An outlet
//   that does not exist is created, with the row's reliability (or F) as its default. No evidence_url: leave the
//   evidence columns empty.
// - Re-importing creates no duplicates: a row is skipped when the log already holds the same commitment, party,
//   status, observed day and precision, evidence address and reason (and, when the row has logged_at, that time as the logged
//   row's original logged time or as its own, so the same file and an export of this database are both
//   recognised), or when an earlier row of the file is the same.
// - `kind` (issue "[3/9]" item 11; empty: assessment), `row_evidence_type` (empty: the item's own type; equal to it
//   is stored empty) and `adopts_proposal` (true/false, empty: false) are planned as the log-follow-up form plans
//   them, with its messages: a fact date before the agreement's earliest possible day is refused unless the row is
//   context (and context after the agreement is refused; for a copy, a row with logged_at, both are warnings, so
//   an export of this log imports again); a corroboration and an adoption need an evidence_url;
//   an adoption needs a proposal and a row that sets the status; a corroboration with an empty status takes its
//   scope's current counting status (none: refused, "nothing to corroborate yet"), with a status it keeps it (a
//   copy of a row logged earlier records what was corroborated then).
// - A row with `withdrawn_at` set (corrected or retracted in the source) is not imported: the preview lists it as
//   "withdrawn in the source, not imported" and checks nothing else of it. The correction, if the file has it, is
//   a row of its own and is imported like any other.
// - Every problem of every row is reported at once: each column's own check, then those against the database.
// - Warnings (never problems): a row that would not become its commitment's current status (an older or undated
//   fact date than the one the status rests on) or would move it backwards (lib/domain/status.ts updateWarning).
//
// The steps, each in lib/csv/import-plan/: read each row from its cells (read-rows.ts), look up what the rows name
// (look-up.ts), check each row against that and plan what it writes, then give corroborations their status
// (check-rows.ts), skip what the log already holds (skip-known.ts), and warn of what each row would do to its
// status (below).
import type { CommitmentStatus, EvidenceType, Reliability } from '../generated/prisma/enums.ts';
import { formatDay, type DatePrecision } from '../domain/dates.ts';
import type { UpdateKind } from '../domain/status.ts';
import { proposedUpdateWarnings } from '../data/status-updates.ts';
import type { UpdateColumn } from './columns.ts';
import type { ParsedImport } from './import-parse.ts';
import { checkRows, takeCorroboratedStatuses, type CheckedRows } from './import-plan/check-rows.ts';
import { IssueLog, sortIssues } from './import-plan/issues.ts';
import { canonicaliseUrls, lookUp, type Lookups } from './import-plan/look-up.ts';
import { readRows } from './import-plan/read-rows.ts';
import { skipKnownFollowUps } from './import-plan/skip-known.ts';
import type { Queryable } from './scope.ts';

/** Problems listed in a preview at most (the count says how many there are in all). */
const MAX_LISTED_ISSUES = 1_000;
/** Rows to write listed in a preview at most (`toImport` says how many there are in all). */
const MAX_LISTED_ROWS = 1_000;

/** What the import action answers: the dry run or the import's outcome, and the file's digest. */
export type ImportActionResult = {
  outcome: 'preview' | 'imported' | 'rejected';
  preview: ImportPreview;
  /** SHA-256 of the file checked, sent back with "Import" so that exactly this file is imported. */
  digest: string;
  message?: string;
};

export type ImportIssue = { row: number; column: UpdateColumn | null; message: string };

/** A row the import will write, as the preview lists it: names as stored, the fact date as YYYY-MM-DD. */
export type PreviewRow = {
  row: number;
  agreement: string;
  commitment: string;
  /** The responsible party it assesses; null: the commitment as a whole. */
  party: string | null;
  status: CommitmentStatus;
  /** What the row does: only an assessment sets the status. */
  kind: UpdateKind;
  adoptsProposal: boolean;
  observedOn: string;
  observedPrecision: DatePrecision;
  /** The normalised evidence address, or null. */
  evidenceUrl: string | null;
  /** The import creates that evidence item. */
  newEvidence: boolean;
  reason: string | null;
};

export type ImportPreview = {
  /** Rows read (blank rows not counted). */
  rows: number;
  /** Rows that would be written. */
  toImport: number;
  /** Rows skipped because the log already holds them. */
  alreadyImported: number;
  /** Rows skipped because an earlier row of the file is the same. */
  duplicates: number;
  /** Rows skipped because they were withdrawn (corrected or retracted) in the source. */
  withdrawn: number;
  problems: ImportIssue[];
  problemCount: number;
  warnings: ImportIssue[];
  warningCount: number;
  newOutlets: { name: string; defaultReliability: Reliability }[];
  newEvidence: number;
  /** The rows that would be written, in file order; the first MAX_LISTED_ROWS. */
  planned: PreviewRow[];
};

export type PlannedUpdate = {
  row: number;
  commitmentId: number;
  partyId: number | null;
  kind: UpdateKind;
  /** How the item bears on this commitment; null: the item's own type. */
  evidenceType: EvidenceType | null;
  adoptsProposal: boolean;
  status: CommitmentStatus;
  reason: string | null;
  observedOn: Date;
  observedPrecision: DatePrecision;
  /** The row's logged_at and author, for a copy of an earlier follow-up; never the update's own. */
  originallyLoggedAt: Date | null;
  originallyLoggedBy: string | null;
  /** The normalised address of the evidence it cites (existing or new), or null. */
  evidenceUrl: string | null;
};

export type PlannedEvidence = {
  /** The first row that gives it. */
  row: number;
  url: string;
  /** Lower-cased outlet name: the key of an existing or a new outlet. */
  outletKey: string;
  title: string;
  originalTitle: string | null;
  language: string;
  reliability: Reliability | null;
  credibility: number;
  type: EvidenceType;
};

export type PlannedOutlet = { key: string; name: string; defaultReliability: Reliability };

export type ImportPlan = {
  preview: ImportPreview;
  updates: PlannedUpdate[];
  /** Evidence to create, and the ids of those already logged, by normalised address. */
  newEvidence: PlannedEvidence[];
  existingEvidence: Map<string, number>;
  newOutlets: PlannedOutlet[];
  existingOutlets: Map<string, { id: number; defaultReliability: Reliability }>;
};

export type PlanOptions = { actorName: string; now?: Date };

/** Checks every row and works out what importing the file would write. Reads only. */
export async function planImport(
  client: Queryable,
  parsed: ParsedImport,
  options: PlanOptions,
): Promise<ImportPlan> {
  const issues = new IssueLog();
  const drafts = readRows(parsed, options.now ?? new Date(), issues);
  const lookups = await lookUp(client, drafts);
  canonicaliseUrls(drafts, lookups.evidence.values());
  const checked = checkRows(drafts, lookups, options.actorName, issues);
  const candidates = await takeCorroboratedStatuses(client, checked, issues);
  const { updates, alreadyImported, duplicates } = await skipKnownFollowUps(client, candidates, issues);
  await warnOfStatusChanges(client, updates, issues);
  return toPlan({ rows: drafts.length, checked, lookups, updates, alreadyImported, duplicates, issues });
}

/**
 * What each written row would do to its commitment's status (as if imported now, in file order): one that would
 * not become current, or would move a status backwards, is worth a second look before importing.
 */
async function warnOfStatusChanges(
  client: Queryable,
  updates: PlannedUpdate[],
  issues: IssueLog,
): Promise<void> {
  const statusWarnings = await proposedUpdateWarnings(client, updates);
  statusWarnings.forEach((warning, index) => {
    if (warning) {
      issues.warning(
        updates[index].row,
        warning.kind === 'not_current' ? 'observed_on' : 'status',
        warning.message,
      );
    }
  });
}

/** The plan and its preview: only the evidence and outlets a written row needs; issues in row and column order. */
function toPlan({
  rows,
  checked,
  lookups,
  updates,
  alreadyImported,
  duplicates,
  issues,
}: {
  rows: number;
  checked: CheckedRows;
  lookups: Lookups;
  updates: PlannedUpdate[];
  alreadyImported: number;
  duplicates: number;
  issues: IssueLog;
}): ImportPlan {
  const cited = new Set(updates.map((update) => update.evidenceUrl));
  const evidenceToCreate = [...checked.newEvidence.values()].filter((item) => cited.has(item.url));
  const outletKeys = new Set(evidenceToCreate.map((item) => item.outletKey));
  const outletsToCreate = [...checked.newOutlets.values()].filter((outlet) => outletKeys.has(outlet.key));

  const problems = sortIssues(issues.problems);
  const warnings = sortIssues(issues.warnings);
  return {
    preview: {
      rows,
      toImport: updates.length,
      alreadyImported,
      duplicates,
      withdrawn: checked.withdrawn,
      problems: problems.slice(0, MAX_LISTED_ISSUES),
      problemCount: problems.length,
      warnings: warnings.slice(0, MAX_LISTED_ISSUES),
      warningCount: warnings.length,
      newOutlets: outletsToCreate.map(({ name, defaultReliability }) => ({ name, defaultReliability })),
      newEvidence: evidenceToCreate.length,
      planned: updates.slice(0, MAX_LISTED_ROWS).map((update) => ({
        row: update.row,
        ...checked.names.get(update.row)!,
        status: update.status,
        kind: update.kind,
        adoptsProposal: update.adoptsProposal,
        observedOn: formatDay(update.observedOn),
        observedPrecision: update.observedPrecision,
        evidenceUrl: update.evidenceUrl,
        newEvidence: update.evidenceUrl !== null && !lookups.evidence.has(update.evidenceUrl),
        reason: update.reason,
      })),
    },
    updates,
    newEvidence: evidenceToCreate,
    existingEvidence: new Map([...lookups.evidence].map(([url, row]) => [url, row.id])),
    newOutlets: outletsToCreate,
    existingOutlets: new Map(
      [...lookups.outlets].map(([key, outlet]) => [
        key,
        { id: outlet.id, defaultReliability: outlet.defaultReliability },
      ]),
    ),
  };
}
