// Step 1 of the dry run (lib/csv/import-plan.ts): each row read from its own cells, every column checked on its own
// (the rules are at the top of lib/csv/import-plan.ts). Nothing is looked up yet.
import type { CommitmentStatus, EvidenceType, Reliability } from '../../generated/prisma/enums.ts';
import { DATE_PRECISIONS, isDatePrecision, type DatePrecision } from '../../domain/dates.ts';
import {
  requiresReason,
  statusLabel,
  STATUSES,
  STATUS_LABELS,
  type UpdateKind,
} from '../../domain/status.ts';
import {
  ADOPTION_NEEDS_ASSESSMENT,
  EVIDENCE_TYPES,
  LIMITS,
  ROW_KINDS,
  ROW_KIND_LABELS,
  RELIABILITIES,
  evidenceUrlSchema,
  factDaySchema,
  newsItemSchema,
} from '../../validation/follow-up.ts';
import { restoreCell } from '../cells.ts';
import { EVIDENCE_COLUMNS, type UpdateColumn } from '../columns.ts';
import type { ImportIssue } from '../import-plan.ts';
import type { ImportRecord, ParsedImport } from '../import-parse.ts';
import type { IssueLog } from './issues.ts';

export type EvidenceDetails = {
  outlet: string | null;
  reliability: Reliability | null;
  credibility: number | null;
  type: EvidenceType | null;
  language: string | null;
  title: string | null;
  originalTitle: string | null;
  /** Column problems that matter only if the evidence is new. */
  problems: ImportIssue[];
};

/** A row as read from its cells alone, before anything is looked up. */
export type Draft = {
  row: number;
  /** Withdrawn in the source: not imported, nothing else read. */
  withdrawn: boolean;
  kind: UpdateKind | null;
  rowEvidenceType: EvidenceType | null;
  adoptsProposal: boolean;
  observedOn: Date | null;
  observedPrecision: DatePrecision | null;
  loggedAt: Date | null;
  author: string;
  agreement: string;
  commitment: string;
  party: string;
  status: CommitmentStatus | null;
  reason: string | null;
  url: string | null;
  evidence: EvidenceDetails | null;
};

const STATUS_BY_TEXT = new Map<string, CommitmentStatus>(
  STATUSES.flatMap((status) => [
    [status, status],
    [STATUS_LABELS[status].toLowerCase(), status],
  ]),
);

const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  announcement: 'Announcement',
  concrete_action: 'Concrete action',
  contradiction: 'Contradiction',
};

const TYPE_BY_TEXT = new Map<string, EvidenceType>(
  EVIDENCE_TYPES.flatMap((type) => [
    [type, type],
    [EVIDENCE_TYPE_LABELS[type].toLowerCase(), type],
  ]),
);

const KIND_BY_TEXT = new Map<string, UpdateKind>(
  ROW_KINDS.flatMap((kind) => [
    [kind, kind],
    [ROW_KIND_LABELS[kind].toLowerCase(), kind],
  ]),
);

const TRUE_TEXTS = new Set(['true', 'yes', '1']);
const FALSE_TEXTS = new Set(['', 'false', 'no', '0']);

/** The longest author name kept from a file (as "originally logged by"). */
const AUTHOR_MAX = 200;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? 'Not valid.';
}

function readEvidence(record: ImportRecord, cell: (column: UpdateColumn) => string): EvidenceDetails {
  const problems: ImportIssue[] = [];
  const problem = (column: UpdateColumn, message: string) =>
    problems.push({ row: record.row, column, message });

  const outlet = cell('outlet').trim() || null;
  if (!outlet) problem('outlet', 'Name the outlet that published the item.');
  else if (outlet.length > LIMITS.outletName)
    problem('outlet', `Use at most ${LIMITS.outletName} characters for the outlet.`);

  const reliabilityText = cell('reliability').trim().toUpperCase();
  const reliability = (RELIABILITIES as string[]).includes(reliabilityText)
    ? (reliabilityText as Reliability)
    : null;
  if (reliabilityText && !reliability)
    problem('reliability', 'Use a reliability from A to F (or leave it empty).');

  const credibilityText = cell('credibility').trim();
  const credibility = /^[1-6]$/.test(credibilityText) ? Number(credibilityText) : null;
  if (credibility === null) problem('credibility', 'Give the credibility as a number from 1 to 6.');

  const typeText = cell('evidence_type').trim().toLowerCase().replace(/\s+/g, ' ');
  const type = TYPE_BY_TEXT.get(typeText) ?? TYPE_BY_TEXT.get(typeText.replace(/ /g, '_')) ?? null;
  if (!type) problem('evidence_type', `Use one of ${EVIDENCE_TYPES.join(', ')}.`);

  const language = newsItemSchema.shape.language.safeParse(cell('language'));
  if (!language.success) problem('language', firstMessage(language));

  const title = newsItemSchema.shape.title.safeParse(cell('title'));
  if (!title.success) problem('title', firstMessage(title));

  const originalTitle = newsItemSchema.shape.originalTitle.safeParse(cell('original_title'));
  if (!originalTitle.success) problem('original_title', firstMessage(originalTitle));

  return {
    outlet,
    reliability,
    credibility,
    type,
    language: language.success ? language.data : null,
    title: title.success ? title.data : null,
    originalTitle: originalTitle.success ? originalTitle.data : null,
    problems,
  };
}

function readRecord(record: ImportRecord, columnCount: number, now: Date, issues: IssueLog): Draft {
  const problem = (column: UpdateColumn | null, message: string) =>
    issues.problem(record.row, column, message);
  const cell = (column: UpdateColumn) => restoreCell(record.cells[column]);

  if (cell('withdrawn_at').trim()) {
    return {
      row: record.row,
      withdrawn: true,
      kind: null,
      rowEvidenceType: null,
      adoptsProposal: false,
      observedOn: null,
      observedPrecision: null,
      loggedAt: null,
      author: '',
      agreement: '',
      commitment: '',
      party: '',
      status: null,
      reason: null,
      url: null,
      evidence: null,
    };
  }

  if (record.cellCount !== columnCount) {
    problem(null, `This row has ${record.cellCount} cells; the header has ${columnCount}.`);
  }

  let observedOn: Date | null = null;
  if (!cell('observed_on').trim()) problem('observed_on', 'Give the day the fact held, as YYYY-MM-DD.');
  else {
    const parsed = factDaySchema.safeParse(cell('observed_on'));
    if (parsed.success) observedOn = parsed.data;
    else problem('observed_on', firstMessage(parsed));
  }
  const precisionText = cell('observed_precision').trim().toLowerCase();
  const observedPrecision = precisionText ? (isDatePrecision(precisionText) ? precisionText : null) : 'day';
  if (!observedPrecision) {
    problem('observed_precision', `Use one of ${DATE_PRECISIONS.join(', ')} (or leave it empty for day).`);
  }

  let loggedAt: Date | null = null;
  const loggedText = cell('logged_at').trim();
  if (loggedText) {
    const time = TIMESTAMP.test(loggedText) ? new Date(loggedText) : null;
    if (!time || Number.isNaN(time.getTime())) {
      problem(
        'logged_at',
        'Write the time as ISO 8601 with a time zone, e.g. 2025-06-01T09:30:00.000Z (or leave it empty).',
      );
    } else if (time.getTime() > now.getTime()) {
      problem('logged_at', 'This time is in the future.');
    } else loggedAt = time;
  }

  const author = cell('author').trim();
  if (loggedAt && author.length > AUTHOR_MAX)
    problem('author', `Use at most ${AUTHOR_MAX} characters for the author.`);

  const agreement = cell('agreement').trim();
  if (!agreement) problem('agreement', 'Give the title of the agreement.');
  const commitment = cell('commitment').trim();
  if (!commitment) problem('commitment', 'Give the title of the commitment.');

  const kindText = cell('kind').trim().toLowerCase().replace(/\s+/g, ' ');
  const kind = kindText ? (KIND_BY_TEXT.get(kindText) ?? null) : 'assessment';
  if (!kind) problem('kind', `Use one of ${ROW_KINDS.join(', ')} (or leave it empty for assessment).`);

  const rowTypeText = cell('row_evidence_type').trim().toLowerCase().replace(/\s+/g, ' ');
  const rowEvidenceType = rowTypeText
    ? (TYPE_BY_TEXT.get(rowTypeText) ?? TYPE_BY_TEXT.get(rowTypeText.replace(/ /g, '_')) ?? null)
    : null;
  if (rowTypeText && !rowEvidenceType) {
    problem(
      'row_evidence_type',
      `Use one of ${EVIDENCE_TYPES.join(', ')} (or leave it empty for the item's own type).`,
    );
  }

  const adoptsText = cell('adopts_proposal').trim().toLowerCase();
  const adoptsProposal = TRUE_TEXTS.has(adoptsText);
  if (!adoptsProposal && !FALSE_TEXTS.has(adoptsText))
    problem('adopts_proposal', 'Write true or false (or leave it empty for false).');
  if (adoptsProposal && kind && kind !== 'assessment') problem('adopts_proposal', ADOPTION_NEEDS_ASSESSMENT);

  const statusText = cell('status').trim().toLowerCase().replace(/\s+/g, ' ');
  const status = STATUS_BY_TEXT.get(statusText) ?? STATUS_BY_TEXT.get(statusText.replace(/ /g, '_')) ?? null;
  // A corroboration without a status takes its scope's current one (checked against the database below).
  if (!status && !(kind === 'corroboration' && !statusText)) {
    problem(
      'status',
      statusText
        ? `“${cell('status').trim()}” is not a status. Use one of ${STATUSES.join(', ')}.`
        : 'Give the status.',
    );
  }

  const reasonText = cell('reason').trim();
  const reason = reasonText || null;
  if (reason && reason.length > LIMITS.reason) {
    problem('reason', `Use at most ${LIMITS.reason} characters for the reason (this has ${reason.length}).`);
  } else if (status && requiresReason(status) && !reason) {
    problem('reason', `A reason is required for “${statusLabel(status)}”.`);
  }

  if (!cell('evidence_url').trim()) {
    if (kind === 'corroboration')
      problem('kind', 'A corroboration cites the item that corroborates: give its evidence_url.');
    if (adoptsProposal)
      problem('adopts_proposal', 'An adoption cites the item that reports it: give its evidence_url.');
  }

  let url: string | null = null;
  let evidence: EvidenceDetails | null = null;
  if (cell('evidence_url').trim()) {
    const parsed = evidenceUrlSchema.safeParse(cell('evidence_url'));
    if (parsed.success) url = parsed.data;
    else problem('evidence_url', firstMessage(parsed));
    evidence = readEvidence(record, cell);
  } else {
    const stray = EVIDENCE_COLUMNS.find((column) => cell(column).trim());
    if (stray) {
      problem(
        'evidence_url',
        `Give the evidence URL, or leave the evidence columns (such as ${stray}) empty.`,
      );
    }
  }

  return {
    row: record.row,
    withdrawn: false,
    kind,
    rowEvidenceType,
    adoptsProposal,
    observedOn,
    observedPrecision,
    loggedAt,
    author,
    agreement,
    commitment,
    party: cell('party').trim(),
    status,
    reason,
    url,
    evidence,
  };
}

/** Every record of the file as a draft, in file order; each column's problems go to `issues`. */
export function readRows(parsed: ParsedImport, now: Date, issues: IssueLog): Draft[] {
  return parsed.records.map((record) => readRecord(record, parsed.columnCount, now, issues));
}
