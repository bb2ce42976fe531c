// The two reports' columns: the header row of each file, in order. These names are an interface (spreadsheets,
// scripts and the import read them), so they only ever grow at the end; never rename or reorder one.

export const COMMITMENT_COLUMNS = [
  'agreement',
  'agreement_date',
  'commitment',
  'category',
  'responsible_parties',
  'beneficiary_parties',
  'status',
  'status_since',
  'party_statuses',
  'last_evidence_on',
  'evidence_count',
  'latest_evidence_reliability',
  'latest_evidence_credibility',
  'due_on',
  'overdue',
  'days_since_last_evidence',
  'attention_flags',
  'compliance_contribution',
  'dashboard_url',
  /** How firm the commitment is: firm, intent (a pledge or stated intent) or proposal (not yet agreed). */
  'strength',
] as const;

/** The follow-up log, one row per status update; also the one format the import accepts. */
export const UPDATE_COLUMNS = [
  'observed_on',
  'logged_at',
  'author',
  'agreement',
  'commitment',
  'party',
  'status',
  'previous_status',
  'reason',
  'evidence_url',
  'outlet',
  'reliability',
  'credibility',
  'evidence_type',
  'language',
  'title',
  'original_title',
  /** How much of observed_on is known: day, month, year or unknown (observed_on is then the day it held by). */
  'observed_precision',
  /** assessment (sets the status), corroboration (cites evidence, status unchanged) or context (before the agreement). */
  'kind',
  /** How the item bears on this commitment when that differs from its own type (evidence_type); empty otherwise. */
  'row_evidence_type',
  /** true when the update records that a proposal was adopted. */
  'adopts_proposal',
  /** Set when the update was corrected or retracted: it stays in the log and no longer counts. */
  'withdrawn_at',
  'withdrawn_by',
  'withdrawn_reason',
  /** The id of the update that corrected this one (empty for a retraction or a row still counting). */
  'corrected_by_update_id',
] as const;

export type UpdateColumn = (typeof UPDATE_COLUMNS)[number];

/**
 * Appended to updates.csv only when asked for (`proposed=1`), with the updates proposed on agreements that require
 * review and still waiting (lib/data/review.ts): `proposed` on those rows, empty on the log's own. The import
 * accepts the column and refuses a row marked in it (a proposal is not in the log).
 */
export const REVIEW_COLUMN = 'review';

/** Columns appended after files were already exported: the import reads a file without them (empty cells). */
export const OPTIONAL_UPDATE_COLUMNS: readonly UpdateColumn[] = [
  'observed_precision',
  'kind',
  'row_evidence_type',
  'adopts_proposal',
  'withdrawn_at',
  'withdrawn_by',
  'withdrawn_reason',
  'corrected_by_update_id',
];

/** The evidence columns of an update row: all empty when the update cites no evidence. */
export const EVIDENCE_COLUMNS = [
  'outlet',
  'reliability',
  'credibility',
  'evidence_type',
  'language',
  'title',
  'original_title',
] as const satisfies readonly UpdateColumn[];

export type ReportKind = 'commitments' | 'updates';
