// Steps 3 and 4 of the dry run (lib/csv/import-plan.ts): each row checked against what it names (its commitment,
// party, evidence and outlet, the agreement's dates), with the log-follow-up form's rules and messages; what a row
// without a problem would write, the evidence and outlets it would create; then the status a corroboration without
// one takes from its scope.
import { contextDateWarning, factDateProblem } from '../../domain/agreement-dates.ts';
import { ADOPTION_NEEDS_PROPOSAL, NOTHING_TO_CORROBORATE } from '../../validation/follow-up.ts';
import { currentCountingStatuses } from '../../data/status-updates.ts';
import type { UpdateColumn } from '../columns.ts';
import type { PlannedEvidence, PlannedOutlet, PlannedUpdate } from '../import-plan.ts';
import type { Queryable } from '../scope.ts';
import type { IssueLog } from './issues.ts';
import { commitmentKey, type CommitmentRow, type EvidenceRow, type Lookups } from './look-up.ts';
import type { Draft, EvidenceDetails } from './read-rows.ts';

/** What the preview names a planned row by. */
type RowNames = { agreement: string; commitment: string; party: string | null };

export type CheckedRows = {
  /** Rows without a problem, in file order, as they would be written. */
  candidates: PlannedUpdate[];
  /** Corroborations without a status (among the candidates): their scope's current status is looked up next. */
  toCorroborate: PlannedUpdate[];
  names: Map<number, RowNames>;
  /** Evidence and outlets new to the database, by normalised address and lower-cased name. */
  newEvidence: Map<string, PlannedEvidence>;
  newOutlets: Map<string, PlannedOutlet>;
  /** Rows withdrawn in the source, not imported. */
  withdrawn: number;
};

type RowIssues = {
  problem: (column: UpdateColumn | null, message: string) => void;
  warning: (column: UpdateColumn | null, message: string) => void;
};

/** Checks each draft against the lookups and plans the rows that have no problem. */
export function checkRows(
  drafts: readonly Draft[],
  lookups: Lookups,
  actorName: string,
  issues: IssueLog,
): CheckedRows {
  const checked: CheckedRows = {
    candidates: [],
    toCorroborate: [],
    names: new Map(),
    newEvidence: new Map(),
    newOutlets: new Map(),
    withdrawn: 0,
  };
  for (const draft of drafts) {
    const row: RowIssues = {
      problem: (column, message) => issues.problem(draft.row, column, message),
      warning: (column, message) => issues.warning(draft.row, column, message),
    };
    if (draft.withdrawn) {
      checked.withdrawn += 1;
      row.warning('withdrawn_at', 'Withdrawn in the source (corrected or retracted): not imported.');
      continue;
    }

    const commitment = findCommitment(draft, lookups, row);
    const party = findParty(draft, commitment, lookups, row);
    planEvidence(draft, lookups, checked, row, issues);
    if (commitment) checkAgainstAgreement(draft, commitment, row);

    // An address that did not read: the item's other columns are still checked, so nothing waits for a round.
    if (!draft.url && draft.evidence) draft.evidence.problems.forEach((issue) => issues.report(issue));

    // The importer is the author of every row; a copy keeps what its file says as "originally".
    if (!draft.loggedAt && draft.author && draft.author !== actorName) {
      row.warning(
        'author',
        'A row without logged_at is a new follow-up: you will be recorded as its author.',
      );
    }

    if (issues.hasProblems(draft.row) || !commitment) continue;
    const candidate = plannedUpdate(draft, commitment, party?.id ?? null, lookups, checked.newEvidence);
    if (!candidate) continue;
    checked.names.set(draft.row, {
      agreement: commitment.agreement_title,
      commitment: commitment.title,
      party: party?.name ?? null,
    });
    if (!draft.status) checked.toCorroborate.push(candidate);
    checked.candidates.push(candidate);
  }
  return checked;
}

/** The commitment, by agreement title + commitment title: exactly one live one. */
function findCommitment(draft: Draft, lookups: Lookups, { problem }: RowIssues): CommitmentRow | null {
  if (!draft.agreement || !draft.commitment) return null;
  const agreements = lookups.agreements.get(draft.agreement) ?? [];
  const matches = lookups.commitments.get(commitmentKey(draft.agreement, draft.commitment)) ?? [];
  const live = matches.filter((row) => !row.archived && !row.agreement_archived);
  if (!agreements.length) problem('agreement', `No agreement is titled “${draft.agreement}”.`);
  else if (live.length === 1) return live[0];
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
  return null;
}

/** The party assessed, when the row names one: one of the commitment's responsible parties. */
function findParty(
  draft: Draft,
  commitment: CommitmentRow | null,
  lookups: Lookups,
  { problem }: RowIssues,
): { id: number; name: string } | null {
  if (!draft.party) return null;
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
  } else return { id: matching[0].id, name: matching[0].name };
  return null;
}

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

/** Evidence: reuse a logged item, or plan a new one (and maybe its outlet). */
function planEvidence(
  draft: Draft,
  lookups: Lookups,
  planned: Pick<CheckedRows, 'newEvidence' | 'newOutlets'>,
  { problem, warning }: RowIssues,
  issues: IssueLog,
): void {
  if (!draft.url || !draft.evidence) return;
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
    return;
  }
  if (details.problems.length) {
    details.problems.forEach((issue) => issues.report(issue));
    return;
  }
  const earlier = planned.newEvidence.get(draft.url);
  const outletKey = details.outlet!.toLowerCase();
  if (earlier) {
    const same =
      earlier.outletKey === outletKey &&
      earlier.title === details.title &&
      earlier.originalTitle === details.originalTitle &&
      earlier.language === details.language &&
      earlier.reliability === details.reliability &&
      earlier.credibility === details.credibility &&
      earlier.type === details.type;
    if (!same)
      warning(
        'evidence_url',
        `Row ${earlier.row} gives this URL with other details; row ${earlier.row}’s are used.`,
      );
    return;
  }
  const outlet = lookups.outlets.get(outletKey);
  if (outlet?.archived) {
    problem('outlet', `The outlet “${outlet.name}” is archived: restore it on the Outlets page first.`);
    return;
  }
  if (!outlet && !planned.newOutlets.has(outletKey)) {
    planned.newOutlets.set(outletKey, {
      key: outletKey,
      name: details.outlet!,
      defaultReliability: details.reliability ?? 'F',
    });
  }
  planned.newEvidence.set(draft.url, {
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

/** The fact date against the agreement's; adoption of a proposal (the form's rules and messages). */
function checkAgainstAgreement(
  draft: Draft,
  commitment: CommitmentRow,
  { problem, warning }: RowIssues,
): void {
  if (draft.observedOn && draft.observedPrecision && draft.kind) {
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
  if (draft.adoptsProposal && commitment.strength !== 'proposal')
    problem('adopts_proposal', ADOPTION_NEEDS_PROPOSAL);
}

/** What a row without problems writes; null when a column it needs did not read. */
function plannedUpdate(
  draft: Draft,
  commitment: CommitmentRow,
  partyId: number | null,
  lookups: Lookups,
  newEvidence: CheckedRows['newEvidence'],
): PlannedUpdate | null {
  if (
    !draft.kind ||
    (!draft.status && draft.kind !== 'corroboration') ||
    !draft.observedOn ||
    !draft.observedPrecision
  )
    return null;
  // The item's own type is stored as null: the row then follows the item.
  const itemType = draft.url
    ? (lookups.evidence.get(draft.url)?.type ?? newEvidence.get(draft.url)?.type ?? null)
    : null;
  return {
    row: draft.row,
    commitmentId: commitment.id,
    partyId,
    kind: draft.kind,
    evidenceType: draft.rowEvidenceType === itemType ? null : draft.rowEvidenceType,
    adoptsProposal: draft.adoptsProposal,
    // A corroboration without a status: filled in by takeCorroboratedStatuses.
    status: draft.status ?? 'no_evidence',
    reason: draft.reason,
    observedOn: draft.observedOn,
    observedPrecision: draft.observedPrecision,
    originallyLoggedAt: draft.loggedAt,
    originallyLoggedBy: draft.loggedAt ? draft.author || null : null,
    evidenceUrl: draft.url,
  };
}

/**
 * A corroboration without a status takes its scope's current counting status, as the form does; with none there is
 * nothing to corroborate (a problem). The candidates without those.
 */
export async function takeCorroboratedStatuses(
  client: Queryable,
  { candidates, toCorroborate }: Pick<CheckedRows, 'candidates' | 'toCorroborate'>,
  issues: IssueLog,
): Promise<PlannedUpdate[]> {
  const current = await currentCountingStatuses(client, toCorroborate);
  const nothing = new Set<PlannedUpdate>();
  toCorroborate.forEach((candidate, index) => {
    const status = current[index];
    if (status) candidate.status = status;
    else {
      issues.problem(candidate.row, 'kind', NOTHING_TO_CORROBORATE);
      nothing.add(candidate);
    }
  });
  return nothing.size ? candidates.filter((candidate) => !nothing.has(candidate)) : candidates;
}
