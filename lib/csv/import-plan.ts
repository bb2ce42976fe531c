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
import type {
  CommitmentStatus,
  CommitmentStrength,
  EvidenceType,
  Reliability,
} from '../generated/prisma/enums.ts';
import { contextDateWarning, factDateProblem } from '../domain/agreement-dates.ts';
import { DATE_PRECISIONS, formatDay, isDatePrecision, type DatePrecision } from '../domain/dates.ts';
import { requiresReason, statusLabel, STATUSES, STATUS_LABELS, type UpdateKind } from '../domain/status.ts';
import { urlIdentity } from '../domain/url.ts';
import {
  ADOPTION_NEEDS_ASSESSMENT,
  ADOPTION_NEEDS_PROPOSAL,
  EVIDENCE_TYPES,
  LIMITS,
  NOTHING_TO_CORROBORATE,
  ROW_KINDS,
  ROW_KIND_LABELS,
  RELIABILITIES,
  evidenceUrlSchema,
  factDaySchema,
  newsItemSchema,
} from '../validation/follow-up.ts';
import { restoreCell } from './cells.ts';
import { EVIDENCE_COLUMNS, UPDATE_COLUMNS, type UpdateColumn } from './columns.ts';
import type { ImportRecord, ParsedImport } from './import-parse.ts';
import { currentCountingStatuses, proposedUpdateWarnings } from '../data/status-updates.ts';
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

type PlannedUpdate = {
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

type PlannedEvidence = {
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

type PlannedOutlet = { key: string; name: string; defaultReliability: Reliability };

export type ImportPlan = {
  preview: ImportPreview;
  updates: PlannedUpdate[];
  /** Evidence to create, and the ids of those already logged, by normalised address. */
  newEvidence: PlannedEvidence[];
  existingEvidence: Map<string, number>;
  newOutlets: PlannedOutlet[];
  existingOutlets: Map<string, { id: number; defaultReliability: Reliability }>;
};

// ---- reading one row -------------------------------------------------------------------------------------

type EvidenceDetails = {
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

type Draft = {
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

function readRecord(record: ImportRecord, columnCount: number, now: Date, problems: ImportIssue[]): Draft {
  const problem = (column: UpdateColumn | null, message: string) =>
    problems.push({ row: record.row, column, message });
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

// ---- looking things up ----------------------------------------------------------------------------------

type CommitmentRow = {
  id: number;
  title: string;
  archived: boolean;
  strength: CommitmentStrength;
  concluded_on: Date | null;
  concluded_precision: DatePrecision;
  agreement_title: string;
  agreement_archived: boolean;
  responsible: number[];
};

type EvidenceRow = {
  id: number;
  url: string;
  outlet: string;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
  language: string;
  title: string;
  original_title: string | null;
};

type Lookups = {
  agreements: Map<string, { archived: boolean }[]>;
  commitments: Map<string, CommitmentRow[]>;
  parties: Map<string, { id: number; name: string }[]>;
  outlets: Map<string, { id: number; name: string; defaultReliability: Reliability; archived: boolean }>;
  evidence: Map<string, EvidenceRow>;
};

const commitmentKey = (agreement: string, commitment: string) => `${agreement}\u0000${commitment}`;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

async function lookUp(client: Queryable, drafts: Draft[]): Promise<Lookups> {
  const unique = (values: (string | null)[]) => [
    ...new Set(values.filter((value): value is string => !!value)),
  ];
  const agreementTitles = unique(drafts.map((draft) => draft.agreement));
  const partyNames = unique(drafts.map((draft) => draft.party.toLowerCase()));
  const outletNames = unique(drafts.map((draft) => draft.evidence?.outlet?.toLowerCase() ?? null));
  const urls = unique(drafts.map((draft) => draft.url));
  const identities = unique(urls.map(urlIdentity));

  const [agreements, commitments, parties, outlets, evidence] = await Promise.all([
    client.$queryRaw<{ title: string; archived: boolean }[]>`
      SELECT btrim(title) AS title, "archivedAt" IS NOT NULL AS archived
        FROM "Agreement" WHERE btrim(title) = ANY(${agreementTitles}::text[])`,
    client.$queryRaw<CommitmentRow[]>`
      SELECT c.id, btrim(c.title) AS title, c."archivedAt" IS NOT NULL AS archived, c.strength::text AS strength,
             a."concludedOn" AS concluded_on, a."concludedPrecision"::text AS concluded_precision,
             btrim(a.title) AS agreement_title, a."archivedAt" IS NOT NULL AS agreement_archived,
             ARRAY(SELECT cp."partyId" FROM "CommitmentParty" cp
                    WHERE cp."commitmentId" = c.id AND cp.role = 'responsible') AS responsible
        FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
       WHERE btrim(a.title) = ANY(${agreementTitles}::text[])`,
    client.$queryRaw<{ id: number; name: string }[]>`
      SELECT id, name FROM "Party" WHERE lower(btrim(name)) = ANY(${partyNames}::text[])`,
    client.$queryRaw<{ id: number; name: string; default_reliability: Reliability; archived: boolean }[]>`
      SELECT id, name, "defaultReliability"::text AS default_reliability, "archivedAt" IS NOT NULL AS archived
        FROM "Outlet" WHERE lower(btrim(name)) = ANY(${outletNames}::text[])`,
    client.$queryRaw<EvidenceRow[]>`
      SELECT e.id, e.url, o.name AS outlet, e.reliability::text AS reliability, e.credibility::int AS credibility,
             e.type::text AS type, e.language, e.title, e."originalTitle" AS original_title
        FROM "Evidence" e JOIN "Outlet" o ON o.id = e."outletId"
       WHERE e."urlKey" = ANY(${identities}::text[])`,
  ]);
  return {
    agreements: groupBy(agreements, (row) => row.title),
    commitments: groupBy(commitments, (row) => commitmentKey(row.agreement_title, row.title)),
    parties: groupBy(parties, (row) => row.name.trim().toLowerCase()),
    outlets: new Map(
      outlets.map((row) => [
        row.name.trim().toLowerCase(),
        { id: row.id, name: row.name, defaultReliability: row.default_reliability, archived: row.archived },
      ]),
    ),
    evidence: new Map(evidence.map((row) => [row.url, row])),
  };
}

/**
 * One address per article (lib/domain/url.ts urlIdentity): a row citing another form of a logged item (its AMP
 * page, http for https, www.) cites the logged item's address; rows citing two forms of one new item cite the
 * first row's. Done before planning, so everything after compares plain addresses.
 */
function canonicaliseUrls(drafts: Draft[], stored: Iterable<EvidenceRow>): void {
  const byIdentity = new Map<string, string>();
  for (const row of stored) byIdentity.set(urlIdentity(row.url), row.url);
  for (const draft of drafts) {
    if (!draft.url) continue;
    const identity = urlIdentity(draft.url);
    const known = byIdentity.get(identity);
    if (known) draft.url = known;
    else byIdentity.set(identity, draft.url);
  }
}

// ---- duplicates -------------------------------------------------------------------------------------------

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

// ---- the plan ---------------------------------------------------------------------------------------------

const EVIDENCE_FIELDS: {
  column: UpdateColumn;
  stored: (row: EvidenceRow) => string | number | null;
  given: (details: EvidenceDetails) => string | number | null;
}[] = [
  {
    column: 'outlet',
    stored: (row) => row.outlet.toLowerCase(),
    given: (d) => d.outlet?.toLowerCase() ?? null,
  },
  { column: 'reliability', stored: (row) => row.reliability, given: (d) => d.reliability },
  { column: 'credibility', stored: (row) => row.credibility, given: (d) => d.credibility },
  { column: 'evidence_type', stored: (row) => row.type, given: (d) => d.type },
  { column: 'language', stored: (row) => row.language, given: (d) => d.language },
  { column: 'title', stored: (row) => row.title, given: (d) => d.title },
  { column: 'original_title', stored: (row) => row.original_title, given: (d) => d.originalTitle },
];

function differingColumns(stored: EvidenceRow, given: EvidenceDetails): UpdateColumn[] {
  return EVIDENCE_FIELDS.filter((field) => {
    const value = field.given(given);
    return value !== null && value !== field.stored(stored);
  }).map((field) => field.column);
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const order = (column: UpdateColumn | null) => (column === null ? -1 : UPDATE_COLUMNS.indexOf(column));
  return issues.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}

export type PlanOptions = { actorName: string; now?: Date };

/** Checks every row and works out what importing the file would write. Reads only. */
export async function planImport(
  client: Queryable,
  parsed: ParsedImport,
  options: PlanOptions,
): Promise<ImportPlan> {
  const now = options.now ?? new Date();
  const problems: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const drafts = parsed.records.map((record) => readRecord(record, parsed.columnCount, now, problems));
  const lookups = await lookUp(client, drafts);
  canonicaliseUrls(drafts, lookups.evidence.values());

  const rowsWithProblems = new Set(problems.map((issue) => issue.row));
  const report = (issue: ImportIssue) => {
    problems.push(issue);
    rowsWithProblems.add(issue.row);
  };
  const candidates: PlannedUpdate[] = [];
  /** What the preview names each candidate row by. */
  const names = new Map<number, { agreement: string; commitment: string; party: string | null }>();
  const newEvidence = new Map<string, PlannedEvidence>();
  const newOutlets = new Map<string, PlannedOutlet>();

  let withdrawn = 0;
  /** Corroborations without a status, by row: their scope's current status is looked up below. */
  const toCorroborate: PlannedUpdate[] = [];
  for (const draft of drafts) {
    const problem = (column: UpdateColumn | null, message: string) =>
      report({ row: draft.row, column, message });
    const warning = (column: UpdateColumn | null, message: string) =>
      warnings.push({ row: draft.row, column, message });
    if (draft.withdrawn) {
      withdrawn += 1;
      warning('withdrawn_at', 'Withdrawn in the source (corrected or retracted): not imported.');
      continue;
    }

    // The commitment, by agreement title + commitment title.
    let commitment: CommitmentRow | null = null;
    if (draft.agreement && draft.commitment) {
      const agreements = lookups.agreements.get(draft.agreement) ?? [];
      const matches = lookups.commitments.get(commitmentKey(draft.agreement, draft.commitment)) ?? [];
      const live = matches.filter((row) => !row.archived && !row.agreement_archived);
      if (!agreements.length) problem('agreement', `No agreement is titled “${draft.agreement}”.`);
      else if (live.length === 1) commitment = live[0];
      else if (live.length > 1) {
        problem(
          'commitment',
          `${live.length} commitments are titled “${draft.commitment}” in agreements titled “${draft.agreement}”: rename one so each is unique.`,
        );
      } else if (matches.length) problem('commitment', `The commitment “${draft.commitment}” is archived.`);
      else
        problem(
          'commitment',
          `The agreement “${draft.agreement}” has no commitment titled “${draft.commitment}”.`,
        );
    }

    // The party assessed.
    let partyId: number | null = null;
    let partyName: string | null = null;
    if (draft.party) {
      const candidatesByName = lookups.parties.get(draft.party.toLowerCase()) ?? [];
      // Party names are unique only within their parent ("Ministry of Interior" of Rwanda and of the UAE): the
      // commitment's responsible parties decide between namesakes, then the exact spelling.
      const ofCommitment = commitment
        ? candidatesByName.filter((row) => commitment.responsible.includes(row.id))
        : [];
      const pool = ofCommitment.length ? ofCommitment : candidatesByName;
      const exact = pool.filter((row) => row.name.trim() === draft.party);
      const matching = exact.length ? exact : pool;
      if (!matching.length) problem('party', `No party is named “${draft.party}”.`);
      else if (matching.length > 1)
        problem(
          'party',
          `${matching.length} parties are named “${draft.party}” (under different parents), and the commitment does not say which.`,
        );
      else if (commitment && !commitment.responsible.includes(matching[0].id)) {
        problem('party', `${matching[0].name} is not a responsible party of this commitment.`);
      } else {
        partyId = matching[0].id;
        partyName = matching[0].name;
      }
    }

    // Evidence: reuse a logged item, or plan a new one (and maybe its outlet).
    if (draft.url && draft.evidence) {
      const stored = lookups.evidence.get(draft.url);
      const details = draft.evidence;
      if (stored) {
        const differing = differingColumns(stored, details);
        if (differing.length) {
          warning(
            differing[0],
            `This URL is already logged with other details (${differing.join(', ')}); the logged details are kept.`,
          );
        }
      } else if (details.problems.length) {
        details.problems.forEach(report);
      } else {
        const planned = newEvidence.get(draft.url);
        const outletKey = details.outlet!.toLowerCase();
        if (planned) {
          const same =
            planned.outletKey === outletKey &&
            planned.title === details.title &&
            planned.originalTitle === details.originalTitle &&
            planned.language === details.language &&
            planned.reliability === details.reliability &&
            planned.credibility === details.credibility &&
            planned.type === details.type;
          if (!same)
            warning(
              'evidence_url',
              `Row ${planned.row} gives this URL with other details; row ${planned.row}’s are used.`,
            );
        } else {
          const outlet = lookups.outlets.get(outletKey);
          if (outlet?.archived) {
            problem(
              'outlet',
              `The outlet “${outlet.name}” is archived: restore it on the Outlets page first.`,
            );
          } else {
            if (!outlet && !newOutlets.has(outletKey)) {
              newOutlets.set(outletKey, {
                key: outletKey,
                name: details.outlet!,
                defaultReliability: details.reliability ?? 'F',
              });
            }
            newEvidence.set(draft.url, {
              row: draft.row,
              url: draft.url,
              outletKey,
              title: details.title!,
              originalTitle: details.originalTitle,
              language: details.language!,
              reliability: details.reliability,
              credibility: details.credibility!,
              type: details.type!,
            });
          }
        }
      }
    }

    // The fact date against the agreement's; adoption of a proposal (the form's rules and messages).
    if (commitment && draft.observedOn && draft.observedPrecision && draft.kind) {
      const agreement = {
        concludedOn: commitment.concluded_on,
        concludedPrecision: commitment.concluded_precision,
      };
      const fact = { observedOn: draft.observedOn, observedPrecision: draft.observedPrecision };
      const dateProblem = factDateProblem(fact, draft.kind === 'context', agreement);
      const dateColumn = dateProblem?.field === 'kind' ? 'kind' : 'observed_on';
      // A copy of a row logged earlier (logged_at) is imported as it was logged, so that an export of this log
      // (which may hold rows from before this rule) imports again: there the rule is a warning.
      if (dateProblem && draft.loggedAt)
        warning(
          dateColumn,
          `${dateProblem.message} (A copy of a row logged earlier: imported as it was logged.)`,
        );
      else if (dateProblem) problem(dateColumn, dateProblem.message);
      else if (draft.kind === 'context') {
        const old = contextDateWarning(fact, agreement);
        if (old) warning('observed_on', old);
      }
    }
    if (commitment && draft.adoptsProposal && commitment.strength !== 'proposal')
      problem('adopts_proposal', ADOPTION_NEEDS_PROPOSAL);

    // An address that did not read: the item's other columns are still checked, so nothing waits for a round.
    if (!draft.url && draft.evidence) draft.evidence.problems.forEach(report);

    // The importer is the author of every row; a copy keeps what its file says as "originally".
    if (!draft.loggedAt && draft.author && draft.author !== options.actorName) {
      warning('author', 'A row without logged_at is a new follow-up: you will be recorded as its author.');
    }

    if (
      rowsWithProblems.has(draft.row) ||
      !commitment ||
      !draft.kind ||
      (!draft.status && draft.kind !== 'corroboration') ||
      !draft.observedOn ||
      !draft.observedPrecision
    )
      continue;
    // The item's own type is stored as null: the row then follows the item.
    const itemType = draft.url
      ? (lookups.evidence.get(draft.url)?.type ?? newEvidence.get(draft.url)?.type ?? null)
      : null;
    names.set(draft.row, {
      agreement: commitment.agreement_title,
      commitment: commitment.title,
      party: partyName,
    });
    const candidate: PlannedUpdate = {
      row: draft.row,
      commitmentId: commitment.id,
      partyId,
      kind: draft.kind,
      evidenceType: draft.rowEvidenceType === itemType ? null : draft.rowEvidenceType,
      adoptsProposal: draft.adoptsProposal,
      // A corroboration without a status: filled in below.
      status: draft.status ?? 'no_evidence',
      reason: draft.reason,
      observedOn: draft.observedOn,
      observedPrecision: draft.observedPrecision,
      originallyLoggedAt: draft.loggedAt,
      originallyLoggedBy: draft.loggedAt ? draft.author || null : null,
      evidenceUrl: draft.url,
    };
    if (!draft.status) toCorroborate.push(candidate);
    candidates.push(candidate);
  }

  // A corroboration takes its scope's current counting status, as the form does; none: nothing to corroborate.
  const current = await currentCountingStatuses(client, toCorroborate);
  const nothing = new Set<PlannedUpdate>();
  toCorroborate.forEach((candidate, index) => {
    const status = current[index];
    if (status) candidate.status = status;
    else {
      report({ row: candidate.row, column: 'kind', message: NOTHING_TO_CORROBORATE });
      nothing.add(candidate);
    }
  });
  if (nothing.size) candidates.splice(0, candidates.length, ...candidates.filter((c) => !nothing.has(c)));

  // Skip what the log (or an earlier row) already holds.
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
      warnings.push({
        row: update.row,
        column: null,
        message: `The same as row ${earlier}; it will be skipped.`,
      });
      continue;
    }
    seen.set(fileKey, update.row);
    updates.push(update);
  }

  // What each written row would do to its commitment's status (as if imported now, in file order): one that
  // would not become current, or would move a status backwards, is worth a second look before importing.
  const statusWarnings = await proposedUpdateWarnings(client, updates);
  statusWarnings.forEach((warning, index) => {
    if (warning) {
      warnings.push({
        row: updates[index].row,
        column: warning.kind === 'not_current' ? 'observed_on' : 'status',
        message: warning.message,
      });
    }
  });

  // Only evidence and outlets that a written row needs.
  const cited = new Set(updates.map((update) => update.evidenceUrl));
  const evidenceToCreate = [...newEvidence.values()].filter((item) => cited.has(item.url));
  const outletKeys = new Set(evidenceToCreate.map((item) => item.outletKey));
  const outletsToCreate = [...newOutlets.values()].filter((outlet) => outletKeys.has(outlet.key));

  sortIssues(problems);
  sortIssues(warnings);
  return {
    preview: {
      rows: drafts.length,
      toImport: updates.length,
      alreadyImported,
      duplicates,
      withdrawn,
      problems: problems.slice(0, MAX_LISTED_ISSUES),
      problemCount: problems.length,
      warnings: warnings.slice(0, MAX_LISTED_ISSUES),
      warningCount: warnings.length,
      newOutlets: outletsToCreate.map(({ name, defaultReliability }) => ({ name, defaultReliability })),
      newEvidence: evidenceToCreate.length,
      planned: updates.slice(0, MAX_LISTED_ROWS).map((update) => ({
        row: update.row,
        ...names.get(update.row)!,
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
