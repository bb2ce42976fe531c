// Evidence (follow-up news items) and the follow-up log written with them. logFollowUp is the analyst's main
// write: one item, one or more status updates, one transaction. Everything else here reads.
import { createHash } from 'node:crypto';
import { db } from '../db.ts';
import { Prisma, type Evidence, type PrismaClient } from '../generated/prisma/client.ts';
import type {
  CommitmentStatus,
  CommitmentStrength,
  DatePrecision,
  EvidenceType,
  Reliability,
} from '../generated/prisma/enums.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import { formatDay } from '../domain/dates.ts';
import { normaliseUrl, urlIdentity } from '../domain/url.ts';
import { formatDate } from '../format/date.ts';
import { factDateProblem } from '../domain/agreement-dates.ts';
import type { UpdateKind } from '../domain/status.ts';
import {
  ADOPTION_NEEDS_PROPOSAL,
  NOTHING_TO_CORROBORATE,
  defaultFactDay,
  type FollowUpSubmission,
  type LogFollowUpInput,
  type LooseRow,
  type OutletChoice,
} from '../validation/follow-up.ts';
import type { AuditInput } from './audit.ts';
import { clampPage, type Page, type PartyRef } from './commitments.ts';
import { createOutletInTx, findOutletByName } from './outlets.ts';
import { appendOrPropose, underReview } from './review.ts';
import { scalarColumns } from './sql.ts';
import { currentCountingStatuses, StatusUpdateError } from './status-updates.ts';
import { evidenceFieldsSelect } from './selects.ts';

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------------------------
// Looking an item up by its address
//
// An item is found by its address's identity (lib/domain/url.ts urlIdentity: http/https, www. and AMP forms of one
// article are one item), kept by PostgreSQL in the generated column Evidence."urlKey" under a unique index
// (migration 20261202150000_evidence_url_identity). Prisma's schema cannot describe a generated column, so these
// lookups are raw SQL; Prisma never sees the column and its inserts leave it to PostgreSQL.

type Queryable = Pick<PrismaClient, '$queryRaw'>;

/** The id of the item whose address has this identity, or null. */
async function findEvidenceIdByIdentity(client: Queryable, identity: string): Promise<number | null> {
  const rows = await client.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Evidence" WHERE "urlKey" = ${identity}`;
  return rows[0]?.id ?? null;
}

/**
 * The ids of the items logged under these addresses (each already normalised) or another form of them, by
 * address; addresses with no item are left out.
 */
export async function findEvidenceIdsByUrls(
  urls: readonly string[],
  client: Queryable = db,
): Promise<Map<string, number>> {
  const byIdentity = new Map<string, string[]>();
  for (const url of new Set(urls)) {
    const identity = urlIdentity(url);
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), url]);
  }
  if (!byIdentity.size) return new Map();
  const rows = await client.$queryRaw<{ id: number; url_key: string }[]>`
    SELECT id, "urlKey" AS url_key FROM "Evidence" WHERE "urlKey" = ANY(${[...byIdentity.keys()]}::text[])`;
  return new Map(rows.flatMap((row) => (byIdentity.get(row.url_key) ?? []).map((url) => [url, row.id])));
}

const existingEvidenceSelect = {
  id: true,
  url: true,
  title: true,
  publishedOn: true,
  createdAt: true,
  language: true,
  reliability: true,
  credibility: true,
  type: true,
  outlet: { select: { id: true, name: true } },
} satisfies Prisma.EvidenceSelect;

export type ExistingEvidence = Prisma.EvidenceGetPayload<{ select: typeof existingEvidenceSelect }>;

/**
 * The item logged under this address or another form of the same article (compared normalised, by identity), or
 * null; null too for text that is not a URL. Its `url` is the address as first logged, which may differ.
 */
export async function findEvidenceByUrl(
  url: string,
  client: PrismaClient = db,
): Promise<ExistingEvidence | null> {
  const normalised = normaliseUrl(url);
  if (!normalised) return null;
  const id = await findEvidenceIdByIdentity(client, urlIdentity(normalised));
  if (id === null) return null;
  return client.evidence.findUnique({ where: { id }, select: existingEvidenceSelect });
}

// ---------------------------------------------------------------------------------------------------------------
// What the log-follow-up form offers

export type CommitmentOption = {
  id: number;
  title: string;
  status: CommitmentStatus;
  /** A proposal's rows may record its adoption. */
  strength: CommitmentStrength;
  agreement: { id: number; title: string };
  responsibleParties: PartyRef[];
};

/** The columns of a commitment option: the row shows its status and agreement, the party field its responsible parties. */
export const commitmentOptionSelect = {
  id: true,
  title: true,
  status: true,
  strength: true,
  agreement: { select: { id: true, title: true } },
  parties: {
    where: { role: 'responsible' },
    select: { party: { select: { id: true, name: true } } },
    orderBy: { party: { name: 'asc' } },
  },
} satisfies Prisma.CommitmentSelect;

export function toCommitmentOption({
  parties,
  ...row
}: Prisma.CommitmentGetPayload<{ select: typeof commitmentOptionSelect }>): CommitmentOption {
  return { ...row, responsibleParties: parties.map(({ party }) => party) };
}

/** One live commitment as the form offers it (a commitment just created from inside the form), or null. */
export async function getCommitmentOption(
  id: number,
  client: PrismaClient = db,
): Promise<CommitmentOption | null> {
  return (await getCommitmentOptions([id], client))[0] ?? null;
}

/** The live ones of these commitments as the form offers them, in the order of `ids`, in one query. */
export async function getCommitmentOptions(
  ids: number[],
  client: PrismaClient = db,
): Promise<CommitmentOption[]> {
  if (!ids.length) return [];
  const rows = await client.commitment.findMany({
    where: { id: { in: ids }, archivedAt: null, agreement: { archivedAt: null } },
    select: commitmentOptionSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, toCommitmentOption(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ---------------------------------------------------------------------------------------------------------------
// Logging a follow-up

export type LoggedFollowUp = {
  evidence: { id: number; title: string; createdAt: Date; publishedOn: Date | null };
  /** True when the address was already logged and the updates cite that item. */
  reused: boolean;
  /** Ids of the status updates written, in row order. */
  updateIds: number[];
  /**
   * Ids of the rows written as proposals instead (an analyst's, on an agreement that requires review: they count
   * only once accepted, lib/data/review.ts), in row order.
   */
  proposalIds: number[];
  /** The commitments the rows touched, in row order, each once. */
  commitmentIds: number[];
};

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * An exact repeat of a follow-up already logged (a double click, a form sent again): nothing was written. The
 * message says so and where the item is; `fieldErrors` point at the repeated rows when only some of them are.
 */
export class AlreadyLoggedError extends RuleViolationError {
  constructor(
    message: string,
    fieldErrors: Record<string, string[]>,
    /** The item the repeated updates cite. */
    readonly evidenceId: number,
    /** The updates already in the log that the submitted rows repeat. */
    readonly updateIds: number[],
  ) {
    super(message, fieldErrors);
  }
}

/**
 * Advisory-lock class of logFollowUp (two-key form: this class, then hashtext of the address's identity), beside
 * the CSV import's single key (lib/csv/importer.ts) and Prisma Migrate's.
 */
const FOLLOW_UP_LOCK_CLASS = 72707372;

type RowToWrite = {
  commitmentId: number;
  partyId: number | null;
  kind: UpdateKind;
  status: string;
  evidenceType: EvidenceType | null;
  adoptsProposal: boolean;
  observedOn: Date;
  observedPrecision?: string;
  reason: string | null;
};

/**
 * What makes two follow-ups on one item the same: the CSV import's rule (lib/csv/import-plan.ts
 * sameFollowUpKey) with the item already fixed, and the fact date's precision (March 2026 is not 31 March), the
 * row's kind, the way the item bears on it and adoption. The reason and precision are compared as
 * appendStatusUpdates stores them.
 */
function sameFollowUpKey(row: RowToWrite): string {
  return [
    row.commitmentId,
    row.partyId ?? '',
    row.kind,
    row.status,
    row.evidenceType ?? '',
    row.adoptsProposal ? 'adopts' : '',
    formatDay(row.observedOn),
    row.observedPrecision ?? 'day',
    row.reason?.trim() || '',
  ].join('\u0000');
}

/**
 * Refuses exact repeats, writing nothing: rows the log already holds for this item. (Two rows of one submit cannot
 * repeat each other: the schema refuses a commitment twice.) Runs under the lock on the item's identity, so a
 * repeat sent at the same moment as the original sees the original once it has committed.
 */
async function refuseRepeats(
  tx: Tx,
  evidence: { id: number; title: string },
  rows: readonly RowToWrite[],
): Promise<void> {
  const logged = await tx.statusUpdate.findMany({
    where: {
      evidenceId: evidence.id,
      commitmentId: { in: [...new Set(rows.map((row) => row.commitmentId))] },
    },
    select: {
      id: true,
      commitmentId: true,
      partyId: true,
      kind: true,
      status: true,
      evidenceType: true,
      adoptsProposal: true,
      observedOn: true,
      observedPrecision: true,
      reason: true,
      createdAt: true,
    },
    orderBy: { id: 'asc' },
  });
  const inLog = new Map(logged.map((update) => [sameFollowUpKey(update), update]));
  const repeated = rows.flatMap((row, index) => {
    const update = inLog.get(sameFollowUpKey(row));
    return update ? [{ index, update }] : [];
  });
  if (!repeated.length) return;
  const updateIds = repeated.map(({ update }) => update.id);
  if (repeated.length === rows.length) {
    // A double click or a form sent again: say so, and where the updates are.
    const since = formatDate(new Date(Math.max(...repeated.map(({ update }) => update.createdAt.getTime()))));
    throw new AlreadyLoggedError(
      `Already logged: ${rows.length === 1 ? 'this update is' : `these ${rows.length} updates are`} in the log ` +
        `since ${since}, citing “${evidence.title}” (item #${evidence.id}, /evidence/${evidence.id}). ` +
        'Nothing new was written.',
      {},
      evidence.id,
      updateIds,
    );
  }
  throw new AlreadyLoggedError(
    'Check the highlighted rows.',
    Object.fromEntries(
      repeated.map(({ index, update }) => [
        `rows.${index}.status`,
        [
          `Already logged on ${formatDate(update.createdAt)} for this item, with the same party, fact date and reason: remove this row.`,
        ],
      ]),
    ),
    evidence.id,
    updateIds,
  );
}

type Reader = Pick<PrismaClient, 'commitment' | 'outlet' | 'evidence' | '$queryRaw'>;

/** A row as the database checks see it: `observedOn` null when not known (nothing is said about the date then). */
type RowCheck = Omit<LooseRow, 'index'> & { index: number };

type RowProblems = {
  fieldErrors: Record<string, string[]>;
  /** The status each corroboration row takes (its scope's current counting status), by row index. */
  corroborated: Map<number, CommitmentStatus>;
};

function addError(errors: Record<string, string[]>, name: string, message: string): void {
  const messages = (errors[name] ??= []);
  if (!messages.includes(message)) messages.push(message);
}

/**
 * Every database rule of the rows, each reported beside its row's field (all rows, all fields, at once): the
 * commitment exists and is live, the party is responsible for it, the fact date fits the agreement's date
 * (lib/domain/agreement-dates.ts: before it only as context), an adoption is of a proposal, and a corroboration
 * has a status to corroborate.
 */
async function checkFollowUpRows(client: Reader, rows: readonly RowCheck[]): Promise<RowProblems> {
  if (!rows.length) return { fieldErrors: {}, corroborated: new Map() };
  const ids = [...new Set(rows.map((row) => row.commitmentId))];
  // One statement (Prisma would load the agreement and the parties in two more).
  const found = await client.$queryRaw<CommitmentCheckRow[]>`
    SELECT ${COMMITMENT_CHECK_COLUMNS}
      FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
     WHERE c.id = ANY(${ids}::int[])`;
  return judgeFollowUpRows(client, rows, found);
}

/** What the row checks read of each commitment (COMMITMENT_CHECK_COLUMNS over "Commitment" c, "Agreement" a). */
type CommitmentCheckRow = {
  id: number;
  archivedAt: Date | null;
  strength: CommitmentStrength;
  agreementArchivedAt: Date | null;
  concludedOn: Date | null;
  concludedPrecision: DatePrecision;
  requiresReview: boolean;
  responsible: number[];
};

const COMMITMENT_CHECK_COLUMNS = Prisma.sql`
  c.id, c."archivedAt", c.strength::text AS strength, a."archivedAt" AS "agreementArchivedAt",
  a."concludedOn", a."concludedPrecision"::text AS "concludedPrecision", a."requiresReview",
  coalesce((SELECT array_agg(cp."partyId") FROM "CommitmentParty" cp
             WHERE cp."commitmentId" = c.id AND cp.role = 'responsible'), '{}') AS responsible`;

/** checkFollowUpRows over commitments already read (rows of ids not among them: "no longer exists"). */
async function judgeFollowUpRows(
  client: Reader,
  rows: readonly RowCheck[],
  found: readonly CommitmentCheckRow[],
): Promise<RowProblems> {
  const fieldErrors: Record<string, string[]> = {};
  const corroborated = new Map<number, CommitmentStatus>();
  if (!rows.length) return { fieldErrors, corroborated };
  const commitments = found.map((row) => ({
    id: row.id,
    archivedAt: row.archivedAt,
    strength: row.strength,
    agreement: {
      archivedAt: row.agreementArchivedAt,
      concludedOn: row.concludedOn,
      concludedPrecision: row.concludedPrecision,
    },
    parties: row.responsible.map((partyId) => ({ partyId })),
  }));
  const byId = new Map(commitments.map((commitment) => [commitment.id, commitment]));
  const toCorroborate: RowCheck[] = [];
  for (const row of rows) {
    const error = (field: string, message: string) =>
      addError(fieldErrors, `rows.${row.index}.${field}`, message);
    const commitment = byId.get(row.commitmentId);
    if (!commitment) {
      error('commitmentId', 'That commitment no longer exists: choose another.');
      continue;
    }
    if (commitment.archivedAt || commitment.agreement.archivedAt) {
      error('commitmentId', 'That commitment is archived: choose another.');
      continue;
    }
    let partyOk = true;
    if (row.partyId !== null && !commitment.parties.some((party) => party.partyId === row.partyId)) {
      error(
        'partyId',
        'That party is not responsible for this commitment: choose one of its responsible parties.',
      );
      partyOk = false;
    }
    if (row.observedOn) {
      const problem = factDateProblem(
        { observedOn: row.observedOn, observedPrecision: row.observedPrecision },
        row.kind === 'context',
        commitment.agreement,
      );
      if (problem) error(problem.field, problem.message);
    }
    if (row.adoptsProposal && commitment.strength !== 'proposal')
      error('adoptsProposal', ADOPTION_NEEDS_PROPOSAL);
    if (row.kind === 'corroboration' && partyOk) toCorroborate.push(row);
  }
  const statuses = await currentCountingStatuses(client, toCorroborate);
  toCorroborate.forEach((row, position) => {
    const status = statuses[position];
    if (status) corroborated.set(row.index, status);
    else addError(fieldErrors, `rows.${row.index}.kind`, NOTHING_TO_CORROBORATE);
  });
  return { fieldErrors, corroborated };
}

/** Why the new item's outlet choice cannot be used, beside its field (nothing is created here). */
async function outletProblems(
  client: Pick<PrismaClient, 'outlet' | '$queryRaw'>,
  choice: OutletChoice,
): Promise<Record<string, string[]>> {
  return (await checkOutlet(client, choice)).problems;
}

/** outletProblems, and the existing outlet chosen when it can be used (so logFollowUp reads it once). */
async function checkOutlet(
  client: Pick<PrismaClient, 'outlet' | '$queryRaw'>,
  choice: OutletChoice,
): Promise<{
  problems: Record<string, string[]>;
  outlet: { id: number; defaultReliability: Reliability } | null;
}> {
  if (choice.kind === 'new') {
    const existing = await findOutletByName(client as PrismaClient, choice.name);
    if (!existing) return { problems: {}, outlet: null };
    return {
      problems: {
        newOutletName: [
          existing.archivedAt
            ? `An archived outlet is named "${existing.name}": restore it on the Outlets page, or choose another name.`
            : `An outlet named "${existing.name}" already exists: pick it from the list.`,
        ],
      },
      outlet: null,
    };
  }
  const [outlet] = await client.$queryRaw<
    { id: number; defaultReliability: Reliability; archivedAt: Date | null }[]
  >`SELECT id, "defaultReliability"::text AS "defaultReliability", "archivedAt" FROM "Outlet" WHERE id = ${choice.id}`;
  return judgeOutlet(outlet);
}

/** checkOutlet of an existing outlet already read (undefined: none has the id). */
function judgeOutlet(
  outlet: { id: number; defaultReliability: Reliability; archivedAt: Date | null } | undefined,
): Awaited<ReturnType<typeof checkOutlet>> {
  if (!outlet) return { problems: { outlet: ['That outlet no longer exists.'] }, outlet: null };
  if (outlet.archivedAt)
    return {
      problems: { outlet: ['That outlet is archived: restore it on the Outlets page, or choose another.'] },
      outlet: null,
    };
  return { problems: {}, outlet: { id: outlet.id, defaultReliability: outlet.defaultReliability } };
}

/** Adds `more` to `errors`, keeping the messages already there first (the schema's come before the database's). */
function mergeErrors(
  errors: Record<string, string[]>,
  more: Record<string, string[]>,
): Record<string, string[]> {
  const out: Record<string, string[]> = { ...errors };
  for (const [name, messages] of Object.entries(more)) {
    out[name] = [...(out[name] ?? []), ...messages.filter((message) => !out[name]?.includes(message))];
  }
  return out;
}

/**
 * A submit the schema refused, checked against the database too (reads only), so the form shows every problem at
 * once: thrown as one RuleViolationError with the schema's field errors and the database's.
 */
export async function refuseFollowUp(
  submission: Extract<FollowUpSubmission, { ok: false }>,
  client: Reader = db,
): Promise<never> {
  const { check } = submission;
  let rows = check.rows;
  if (check.existingEvidenceId !== null && rows.some((row) => !row.observedOn)) {
    const item = await client.evidence.findUnique({
      where: { id: check.existingEvidenceId },
      select: { publishedOn: true },
    });
    if (item?.publishedOn)
      rows = rows.map((row) => ({ ...row, observedOn: row.observedOn ?? defaultFactDay(item.publishedOn) }));
  }
  const [rowProblems, outlet] = await Promise.all([
    checkFollowUpRows(client, rows),
    check.outlet ? outletProblems(client, check.outlet) : {},
  ]);
  throw new RuleViolationError(
    submission.message,
    mergeErrors(submission.fieldErrors, mergeErrors(outlet, rowProblems.fieldErrors)),
  );
}

/**
 * What logFollowUp checks before it writes, read in one statement once it holds the lock on the address (the
 * statement's snapshot is taken after the lock, so it sees what the follow-up before it committed): the item
 * already logged under the address's identity, each commitment with its agreement (COMMITMENT_CHECK_COLUMNS), the
 * existing outlet chosen, and whether the actor is an admin (review). One round trip instead of four, on every
 * follow-up.
 */
async function readBeforeFollowUp(
  tx: Tx,
  input: { identity: string; commitmentIds: readonly number[]; outletId: number | null; actorId: string },
): Promise<{
  evidenceId: number | null;
  commitments: CommitmentCheckRow[];
  outlet: { id: number; defaultReliability: Reliability; archivedAt: Date | null } | undefined;
  admin: boolean;
}> {
  const rows = await tx.$queryRaw<
    (Omit<CommitmentCheckRow, 'id'> & {
      id: number | null;
      evidenceId: number | null;
      outletId: number | null;
      outletReliability: Reliability | null;
      outletArchivedAt: Date | null;
      admin: boolean;
    })[]
  >`
    SELECT ev.id AS "evidenceId", o.id AS "outletId", o."defaultReliability"::text AS "outletReliability",
           o."archivedAt" AS "outletArchivedAt",
           EXISTS (SELECT 1 FROM "User" u WHERE u.id = ${input.actorId} AND u.role = 'admin') AS admin,
           ${COMMITMENT_CHECK_COLUMNS}
      FROM (VALUES (1)) AS one(x)
      LEFT JOIN "Evidence" ev ON ev."urlKey" = ${input.identity}
      LEFT JOIN "Outlet" o ON o.id = ${input.outletId}::int
      LEFT JOIN ("Commitment" c JOIN "Agreement" a ON a.id = c."agreementId")
        ON c.id = ANY(${[...new Set(input.commitmentIds)]}::int[])`;
  const [first] = rows;
  return {
    evidenceId: first.evidenceId,
    commitments: rows.flatMap((row) =>
      row.id === null
        ? []
        : [
            {
              id: row.id,
              archivedAt: row.archivedAt,
              strength: row.strength,
              agreementArchivedAt: row.agreementArchivedAt,
              concludedOn: row.concludedOn,
              concludedPrecision: row.concludedPrecision,
              requiresReview: row.requiresReview,
              responsible: row.responsible,
            },
          ],
    ),
    outlet:
      first.outletId === null
        ? undefined
        : {
            id: first.outletId,
            defaultReliability: first.outletReliability!,
            archivedAt: first.outletArchivedAt,
          },
    admin: first.admin,
  };
}

/** The outlet a new item names: the existing live one checkOutlet found, or one created here (audited). */
async function resolveOutlet(
  tx: Tx,
  choice: Extract<LogFollowUpInput['item'], { kind: 'new' }>['outlet'],
  actorId: string,
  checked: { id: number; defaultReliability: Reliability } | null,
): Promise<{ id: number; defaultReliability: Reliability }> {
  if (choice.kind === 'new') {
    return createOutletInTx(
      tx,
      { name: choice.name, website: null, defaultReliability: choice.defaultReliability },
      actorId,
      'newOutletName',
    );
  }
  if (!checked || checked.id !== choice.id) throw new Error('unreachable: the outlet is checked first');
  return checked;
}

/**
 * Logs one news item and what it shows about one or more commitments, in one transaction:
 * - every row and the outlet are checked first, and every problem reported at once (checkFollowUpRows: commitment
 *   live, party responsible for it, fact date against the agreement's, adoption of a proposal, a status to
 *   corroborate; an outlet archived or a new outlet's name taken);
 * - the item is reused when an item is logged under the same address identity (lib/domain/url.ts urlIdentity:
 *   http/https, www. and AMP forms of one article are one item; the submitted item fields are then ignored:
 *   evidence is kept as first logged, address included), otherwise created with the excerpt's hash, and an inline
 *   outlet with it;
 * - exact repeats are refused (AlreadyLoggedError): a row the log already holds for that item (same commitment,
 *   party, kind, status, evidence type, adoption, fact date and reason);
 * - a corroboration row takes its scope's current counting status; a row's evidence type equal to the item's own
 *   is stored as null;
 * - the status updates are appended through appendStatusUpdates (status cache and one audit event per row),
 *   except an analyst's rows on an agreement that requires review, stored as proposals (appendOrPropose,
 *   lib/data/review.ts) that count only once another analyst or an admin accepts them.
 * A row without a fact date takes the item's published date. Any failure writes nothing.
 *
 * Concurrency: the transaction first takes an advisory lock on the address's identity, so follow-ups citing one
 * article run one after the other, and each reads (READ COMMITTED: a fresh snapshot per statement) what the one
 * before it committed: a double click or a form sent twice at the same moment writes once, the second submit is
 * refused as a repeat. A unique index could not say "exact repeat" (the log is append-only and already holds
 * such repeats, reasons are long texts, and the CSV import applies its own rule), so the lock does that; the
 * unique index on Evidence."urlKey" still guarantees one item per article for every writer, including those that
 * take no lock (the CSV import), whose concurrent insert this one absorbs with ON CONFLICT DO NOTHING.
 */
export async function logFollowUp(
  input: LogFollowUpInput,
  actorId: string,
  client: PrismaClient = db,
  options: {
    /**
     * A refusal read on the state before this submit (e.g. unconfirmed warnings, lib/data/follow-up-warnings.ts)
     * and thrown only once every other check has passed, just before the status updates are written.
     */
    pendingRefusal?: (tx: Prisma.TransactionClient) => Promise<Error | null>;
  } = {},
): Promise<LoggedFollowUp> {
  const identity = urlIdentity(input.url);
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FOLLOW_UP_LOCK_CLASS}::int, hashtext(${identity}))`;
      const pending = options.pendingRefusal ? await options.pendingRefusal(tx) : null;

      const evidenceSelect = {
        id: true,
        title: true,
        createdAt: true,
        publishedOn: true,
        type: true,
      } as const;
      const item = input.item;
      const state = await readBeforeFollowUp(tx, {
        identity,
        commitmentIds: input.rows.map((row) => row.commitmentId),
        outletId: item.kind === 'new' && item.outlet.kind === 'existing' ? item.outlet.id : null,
        actorId,
      });
      const existingId = state.evidenceId;
      let evidence =
        existingId === null
          ? null
          : await tx.evidence.findUniqueOrThrow({ where: { id: existingId }, select: evidenceSelect });

      // Every check before anything is written, every problem reported at once.
      let fieldErrors: Record<string, string[]> = {};
      if (!evidence && item.kind === 'existing') {
        fieldErrors.url = ['No item is logged under this address yet: fill in the item below.'];
      }
      // A row without a fact date takes the item's published date (for a reused item, that item's own; never
      // later than today). An undated fact needs no day: it held by the item's date, or by today.
      const publishedOn = evidence ? evidence.publishedOn : item.kind === 'new' ? item.publishedOn : null;
      const undatedMessage =
        'Enter the day the fact held: the item already logged under this URL has no published date.';
      const dated = input.rows.map((row, index) => {
        if (row.observedOn) return row.observedOn;
        if (publishedOn || row.observedPrecision === 'unknown') return defaultFactDay(publishedOn);
        if (evidence) fieldErrors[`rows.${index}.observedOn`] = [undatedMessage];
        return null;
      });
      const checked = await judgeFollowUpRows(
        tx as unknown as Reader,
        input.rows.map((row, index) => ({
          index,
          commitmentId: row.commitmentId,
          partyId: row.partyId,
          kind: row.kind,
          adoptsProposal: row.adoptsProposal,
          observedOn: dated[index],
          observedPrecision: row.observedPrecision,
        })),
        state.commitments,
      );
      fieldErrors = mergeErrors(fieldErrors, checked.fieldErrors);
      let outletChecked: Awaited<ReturnType<typeof checkOutlet>>['outlet'] = null;
      if (!evidence && item.kind === 'new') {
        const outletCheck =
          item.outlet.kind === 'existing' ? judgeOutlet(state.outlet) : await checkOutlet(tx, item.outlet);
        fieldErrors = mergeErrors(fieldErrors, outletCheck.problems);
        outletChecked = outletCheck.outlet;
      }
      if (Object.keys(fieldErrors).length)
        throw new RuleViolationError('Check the highlighted fields.', fieldErrors);

      let reused = evidence !== null;
      const evidenceAudits: AuditInput[] = [];
      if (!evidence) {
        if (item.kind === 'existing') throw new Error('unreachable: checked above');
        const outlet = await resolveOutlet(tx, item.outlet, actorId, outletChecked);
        // ON CONFLICT DO NOTHING: if a writer that takes no lock (the CSV import) logs the same article at this
        // moment, under any form of its address, its item wins and this follow-up cites it, instead of failing
        // on a unique index.
        // One raw statement (Prisma's createManyAndReturn cost a millisecond of CPU more, on every follow-up).
        const [created] = await tx.$queryRaw<Evidence[]>`
          INSERT INTO "Evidence" (url, "outletId", title, "originalTitle", language, "publishedOn", excerpt,
                                  "excerptHash", reliability, credibility, type)
          VALUES (${input.url}, ${outlet.id}, ${item.title}, ${item.originalTitle ?? null}, ${item.language},
                  ${item.publishedOn ? formatDay(item.publishedOn) : null}::date, ${item.excerpt ?? null},
                  ${item.excerpt ? sha256(item.excerpt) : null},
                  ${item.reliability ?? outlet.defaultReliability}::"Reliability", ${item.credibility},
                  ${item.type}::"EvidenceType")
          ON CONFLICT DO NOTHING
          RETURNING ${scalarColumns(Prisma.EvidenceScalarFieldEnum, ['reliability', 'type'])}`;
        if (created) {
          // Recorded with the status updates' events, in their round trip (appendOrPropose), first.
          evidenceAudits.push({
            actorId,
            action: 'create',
            entityType: 'Evidence',
            entityId: created.id,
            before: null,
            after: created,
          });
          evidence = created;
        } else {
          const winner = await findEvidenceIdByIdentity(tx, identity);
          if (winner === null) throw new Error(`No item under ${input.url} after its insert was skipped.`);
          evidence = await tx.evidence.findUniqueOrThrow({ where: { id: winner }, select: evidenceSelect });
          reused = true;
        }
      }

      const evidenceId = evidence.id;
      const evidenceType = evidence.type;
      const rows = input.rows.map((row, index) => ({
        ...row,
        status: row.status ?? checked.corroborated.get(index)!,
        // The item's own type is stored as null: the row follows the item.
        evidenceType: row.evidenceType === evidenceType ? null : row.evidenceType,
        observedOn: dated[index]!,
        evidenceId,
      }));
      // A new item has no updates yet: nothing to repeat.
      if (reused) await refuseRepeats(tx, evidence, rows);
      // Every check has passed; what was held back now refuses the submit (the transaction writes nothing).
      if (pending) throw pending;

      let updates;
      try {
        updates = await appendOrPropose(tx, actorId, rows, {
          review: underReview(actorId, state.commitments, state.admin),
          audits: evidenceAudits,
        });
      } catch (error) {
        // The schema checks reasons first; this maps the last line of defence onto the row it is about.
        if (error instanceof StatusUpdateError) {
          throw new RuleViolationError(error.message, { [`rows.${error.index}.reason`]: [error.message] });
        }
        throw error;
      }
      return {
        evidence,
        reused,
        updateIds: updates.updateIds,
        proposalIds: updates.proposalIds,
        commitmentIds: [...new Set(input.rows.map((row) => row.commitmentId))],
      };
    },
    // Follow-ups on one commitment queue on its row lock (refreshStatusCache), and the embedded database answers
    // one query at a time: a burst of them must wait its turn rather than fail on Prisma's 2 s / 5 s defaults.
    { maxWait: 30_000, timeout: 60_000 },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The evidence list

const EVIDENCE_PAGE_SIZE = 25;

export type EvidenceFilter = {
  /** Words in the title, original title, address or excerpt. */
  q?: string;
  outletId?: number;
  type?: EvidenceType;
  language?: string;
  /** Published on or after / on or before (undated items drop out when either is set). */
  from?: Date;
  to?: Date;
};

function evidenceWhere(filter: EvidenceFilter): Prisma.EvidenceWhereInput {
  const and: Prisma.EvidenceWhereInput[] = [];
  if (filter.q) {
    const contains = { contains: filter.q, mode: 'insensitive' } as const;
    and.push({
      OR: [{ title: contains }, { originalTitle: contains }, { url: contains }, { excerpt: contains }],
    });
  }
  if (filter.outletId !== undefined) and.push({ outletId: filter.outletId });
  if (filter.type) and.push({ type: filter.type });
  if (filter.language) and.push({ language: { equals: filter.language, mode: 'insensitive' } });
  if (filter.from || filter.to) {
    and.push({
      publishedOn: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
    });
  }
  return and.length ? { AND: and } : {};
}

const evidenceRowSelect = {
  id: true,
  url: true,
  title: true,
  originalTitle: true,
  language: true,
  publishedOn: true,
  reliability: true,
  credibility: true,
  type: true,
  createdAt: true,
  outlet: { select: { id: true, name: true } },
  _count: { select: { statusUpdates: true } },
} satisfies Prisma.EvidenceSelect;

type EvidenceRowPayload = Prisma.EvidenceGetPayload<{ select: typeof evidenceRowSelect }>;

function toEvidenceRow({ _count, ...row }: EvidenceRowPayload) {
  return { ...row, updateCount: _count.statusUpdates };
}

export type EvidenceRow = ReturnType<typeof toEvidenceRow>;

/** Evidence matching the filter, newest publication first (undated last, then newest logged), a page at a time. */
export async function listEvidence(
  {
    page = 1,
    pageSize = EVIDENCE_PAGE_SIZE,
    ...filter
  }: EvidenceFilter & { page?: number; pageSize?: number } = {},
  client: PrismaClient = db,
): Promise<Page<EvidenceRow>> {
  const where = evidenceWhere(filter);
  const total = await client.evidence.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const rows = await client.evidence.findMany({
    where,
    select: evidenceRowSelect,
    orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'desc' }],
    skip: (clamped.page - 1) * pageSize,
    take: pageSize,
  });
  return { items: rows.map(toEvidenceRow), ...clamped, pageSize, total };
}

/** The languages evidence is logged in, for the list's filter (a DISTINCT on an indexed-size column). */
export async function listEvidenceLanguages(client: PrismaClient = db): Promise<string[]> {
  const rows = await client.evidence.findMany({
    distinct: ['language'],
    select: { language: true },
    orderBy: { language: 'asc' },
  });
  return rows.map((row) => row.language);
}

// ---------------------------------------------------------------------------------------------------------------
// One item

const evidenceDetailSelect = {
  ...evidenceFieldsSelect,
  excerptHash: true,
  createdAt: true,
  outlet: { select: { id: true, name: true, website: true } },
  statusUpdates: {
    select: {
      id: true,
      status: true,
      reason: true,
      kind: true,
      observedOn: true,
      observedPrecision: true,
      createdAt: true,
      withdrawnAt: true,
      supersededBy: { select: { id: true } },
      party: { select: { id: true, name: true } },
      author: { select: { name: true } },
      commitment: {
        select: { id: true, title: true, status: true, agreement: { select: { id: true, title: true } } },
      },
    },
    // Newest news first (lib/domain/status.ts compareUpdates, reversed).
    orderBy: [{ observedFrom: 'desc' }, { observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
  },
} satisfies Prisma.EvidenceSelect;

export type EvidenceDetail = Prisma.EvidenceGetPayload<{ select: typeof evidenceDetailSelect }> & {
  /** Whether the excerpt still matches the hash taken when it was logged. */
  excerptIntact: boolean | null;
};

/** One item with the status updates that cite it (and so the commitments it bears on). */
export async function getEvidenceOrThrow(id: number, client: PrismaClient = db): Promise<EvidenceDetail> {
  const evidence = await client.evidence.findUnique({ where: { id }, select: evidenceDetailSelect });
  if (!evidence) throw new NotFoundError('item');
  const excerptIntact =
    evidence.excerpt && evidence.excerptHash ? sha256(evidence.excerpt) === evidence.excerptHash : null;
  return { ...evidence, excerptIntact };
}
