// Agreements: the paginated list, one agreement with its parties, people, sources and commitments, and the edit
// flows — create, edit (optimistic locking, see ./editing.ts), archive and unarchive — each in one transaction
// with its audit event. Mutations take the client last (default: the app's) so tests can pass their own.
import { db } from '../db.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import {
  clampPage,
  evidenceSelect,
  listAgreementCommitments,
  loadCommitmentRecord,
  type Page,
} from './commitments.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import {
  newRowField,
  partialDateText,
  type AgreementFormValues,
  type AgreementInput,
  type UpdateAgreementInput,
} from '../validation/agreement.ts';
import type { ArchiveInput } from '../validation/editing.ts';
import { recordAudit } from './audit.ts';
import { archiveGuarded, checkPicks, guardedUpdate, text } from './editing.ts';
import { findEvidenceIdsByUrls } from './evidence.ts';
import { createPartyInTx, getPartyLabels, isUniqueViolation } from './parties.ts';
import { createPersonInTx } from './people.ts';

const AGREEMENTS_PAGE_SIZE = 20;

const agreementRowSelect = {
  id: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  parties: { select: { party: { select: { id: true, name: true } } }, orderBy: { party: { name: 'asc' } } },
  _count: { select: { commitments: { where: { archivedAt: null } } } },
} satisfies Prisma.AgreementSelect;

type AgreementRowPayload = Prisma.AgreementGetPayload<{ select: typeof agreementRowSelect }>;

function toAgreementRow({ parties, _count, ...row }: AgreementRowPayload) {
  return { ...row, parties: parties.map(({ party }) => party), commitmentCount: _count.commitments };
}

export type AgreementRow = ReturnType<typeof toAgreementRow>;

/** Live agreements, most recently concluded first; those of unknown date after the dated ones. */
export async function listAgreements({
  page = 1,
  pageSize = AGREEMENTS_PAGE_SIZE,
}: { page?: number; pageSize?: number } = {}): Promise<Page<AgreementRow>> {
  const where = { archivedAt: null } satisfies Prisma.AgreementWhereInput;
  const total = await db.agreement.count({ where });
  const clamped = clampPage(page, total, pageSize);
  const [rows, labels] = await Promise.all([
    db.agreement.findMany({
      where,
      select: agreementRowSelect,
      orderBy: [{ concludedOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      skip: (clamped.page - 1) * pageSize,
      take: pageSize,
    }),
    getPartyLabels(),
  ]);
  const items = rows.map(toAgreementRow).map((row) => ({
    ...row,
    // "Ministry of Interior (Rwanda)" where the bare name would be ambiguous.
    parties: row.parties.map((party) => ({ ...party, name: labels.get(party.id) ?? party.name })),
  }));
  return { items, ...clamped, pageSize, total };
}

const agreementDetailSelect = {
  id: true,
  version: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  summary: true,
  archivedAt: true,
  parties: {
    select: { role: true, party: { select: { id: true, name: true, kind: true } } },
    orderBy: { party: { name: 'asc' } },
  },
  people: {
    select: {
      role: true,
      person: { select: { id: true, name: true, title: true, party: { select: { id: true, name: true } } } },
    },
    orderBy: { person: { name: 'asc' } },
  },
  sources: { select: { evidence: { select: evidenceSelect } }, orderBy: { evidenceId: 'asc' } },
} satisfies Prisma.AgreementSelect;

/** One agreement with its parties (and roles), the people who spoke for them, its sources and commitments. */
export async function getAgreementOrThrow(id: number) {
  const [agreement, commitments] = await Promise.all([
    db.agreement.findUnique({ where: { id }, select: agreementDetailSelect }),
    listAgreementCommitments(id),
  ]);
  if (!agreement) throw new NotFoundError('agreement');
  const { people, sources, ...rest } = agreement;
  return {
    ...rest,
    people: people.map(({ role, person }) => ({ ...person, role })),
    sources: sources.map(({ evidence }) => evidence),
    commitments,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Editing

type Tx = Prisma.TransactionClient;
type Reader = Tx | PrismaClient;

const agreementEditSelect = {
  id: true,
  title: true,
  kind: true,
  concludedOn: true,
  concludedPrecision: true,
  place: true,
  summary: true,
  requiresReview: true,
  version: true,
  archivedAt: true,
  parties: { select: { partyId: true, role: true }, orderBy: { party: { name: 'asc' } } },
  people: { select: { personId: true, role: true }, orderBy: { person: { name: 'asc' } } },
  sources: {
    select: { evidence: { select: { id: true, url: true, title: true } } },
    orderBy: { evidenceId: 'asc' },
  },
} satisfies Prisma.AgreementSelect;

type AgreementEditPayload = Prisma.AgreementGetPayload<{ select: typeof agreementEditSelect }>;

/** An agreement's own columns with its parties (and roles), people (and roles) and sources. */
export type AgreementRecord = Omit<AgreementEditPayload, 'sources'> & {
  sources: { id: number; url: string; title: string }[];
};

async function loadAgreementRecord(client: Reader, id: number): Promise<AgreementRecord | null> {
  const row = await client.agreement.findUnique({ where: { id }, select: agreementEditSelect });
  return row && { ...row, sources: row.sources.map(({ evidence }) => evidence) };
}

export function agreementFormValues(agreement: AgreementRecord): AgreementFormValues {
  return {
    id: String(agreement.id),
    version: String(agreement.version),
    title: agreement.title,
    kind: agreement.kind,
    concludedOn: partialDateText(agreement.concludedOn, agreement.concludedPrecision),
    concludedPrecision: agreement.concludedPrecision,
    place: text(agreement.place),
    summary: text(agreement.summary),
    partyId: agreement.parties.map((entry) => String(entry.partyId)),
    partyRole: agreement.parties.map((entry) => entry.role),
    personId: agreement.people.map((entry) => String(entry.personId)),
    personRole: agreement.people.map((entry) => text(entry.role)),
    sourceUrl: agreement.sources.map((source) => source.url),
    archived: agreement.archivedAt !== null,
    requiresReview: String(agreement.requiresReview),
  };
}

/** The agreement as its edit form needs it, or null. */
export function getAgreementForEdit(id: number, client: PrismaClient = db): Promise<AgreementRecord | null> {
  return loadAgreementRecord(client, id);
}

/** Parties and people must exist, and be live unless the agreement already names them. */
async function checkAgreementPicks(
  tx: Tx,
  input: AgreementInput,
  current: AgreementRecord | null,
): Promise<void> {
  const partyIds = input.parties.map((entry) => entry.partyId);
  checkPicks({
    ids: partyIds,
    found: await tx.party.findMany({
      where: { id: { in: partyIds } },
      select: { id: true, name: true, archivedAt: true },
    }),
    keep: current?.parties.map((entry) => entry.partyId),
    field: 'partyId',
    noun: 'party',
  });
  const personIds = input.people.map((entry) => entry.personId);
  checkPicks({
    ids: personIds,
    found: await tx.person.findMany({
      where: { id: { in: personIds } },
      select: { id: true, name: true, archivedAt: true },
    }),
    keep: current?.people.map((entry) => entry.personId),
    field: 'personId',
    noun: 'person',
  });
}

/**
 * The evidence behind each source URL (already normalised). Sources are evidence already logged: an unknown URL
 * is refused with a pointer to logging it, rather than creating evidence without its grade.
 */
async function resolveSources(tx: Tx, urls: readonly string[]): Promise<number[]> {
  if (!urls.length) return [];
  // By the article (lib/domain/url.ts urlIdentity): the AMP or http form of a logged item's address finds it.
  const found = await findEvidenceIdsByUrls(urls, tx);
  const unknown = urls.filter((url) => !found.has(url));
  if (unknown.length) {
    const message =
      `No evidence has been logged with ${unknown.length === 1 ? 'this address' : 'these addresses'}: ` +
      `${unknown.join(', ')}. Log the item first (with its outlet and grade), or leave it out for now.`;
    throw new RuleViolationError(message, { sourceUrl: [message] });
  }
  // Two forms of one article name one source.
  return [...new Set(urls.map((url) => found.get(url)!))];
}

function agreementColumns(input: AgreementInput) {
  return {
    title: input.title,
    kind: input.kind,
    concludedOn: input.concludedOn,
    concludedPrecision: input.concludedPrecision,
    place: input.place,
    summary: input.summary,
    ...(input.requiresReview === undefined ? {} : { requiresReview: input.requiresReview }),
  };
}

/**
 * Only an admin turns review of status updates on or off (docs/decisions/018-review.md): an analyst could
 * otherwise switch off the review of their own updates. `current`: the stored flag (false for a new agreement).
 */
async function checkReviewChange(tx: Tx, input: AgreementInput, current: boolean, actorId: string) {
  if (input.requiresReview === undefined || input.requiresReview === current) return;
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { role: true } });
  if (actor?.role === 'admin') return;
  const message = 'Only an admin can turn the review of status updates on or off.';
  throw new RuleViolationError(message, { requiresReview: [message] });
}

async function writeAgreementLinks(
  tx: Tx,
  agreementId: number,
  input: AgreementInput,
  evidenceIds: number[],
) {
  await tx.agreementParty.deleteMany({ where: { agreementId } });
  await tx.agreementPerson.deleteMany({ where: { agreementId } });
  await tx.agreementSource.deleteMany({ where: { agreementId } });
  await tx.agreementParty.createMany({
    data: input.parties.map((entry) => ({ agreementId, partyId: entry.partyId, role: entry.role })),
  });
  await tx.agreementPerson.createMany({
    data: input.people.map((entry) => ({ agreementId, personId: entry.personId, role: entry.role })),
  });
  await tx.agreementSource.createMany({
    data: evidenceIds.map((evidenceId) => ({ agreementId, evidenceId })),
  });
}

/**
 * Creates the parties and people typed into the agreement form's "new" rows (each audited, each checked as on
 * its own form, messages beside its row's inputs) and returns the input with them linked.
 */
async function createNewRows<I extends AgreementInput>(tx: Tx, input: I, actorId: string): Promise<I> {
  const parties = [...input.parties];
  for (const { row, party, role } of input.newParties) {
    const created = await createPartyInTx(tx, party, actorId, {
      name: newRowField('newParty', row, 'name'),
      parentId: newRowField('newParty', row, 'parentId'),
    });
    parties.push({ partyId: created.id, role });
  }
  const people = [...input.people];
  for (const { row, person, role } of input.newPeople) {
    const created = await createPersonInTx(tx, person, actorId, {
      name: newRowField('newPerson', row, 'name'),
      partyId: newRowField('newPerson', row, 'partyId'),
    });
    people.push({ personId: created.id, role });
  }
  return { ...input, parties, people };
}

/**
 * A concurrent save of one of the new names (a party in the same parent, or a person): the unique indexes refuse
 * it; the form is told plainly, never a 500.
 */
async function withNewRowConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message =
        'A new party or person with one of these names was saved by someone else a moment ago: choose it from the list instead.';
      throw new RuleViolationError(message, { newParty: [message], newPerson: [message] });
    }
    throw error;
  }
}

/**
 * Creates the agreement with its parties, people (existing ones, and new ones typed in the form) and sources in
 * one transaction.
 */
export async function createAgreement(
  input: AgreementInput,
  actorId: string,
  client: PrismaClient = db,
  /** More writes in the same transaction once the agreement exists (its drafted commitments): all or nothing. */
  andThen?: (tx: Tx, agreement: AgreementRecord) => Promise<void>,
): Promise<AgreementRecord> {
  return withNewRowConflicts(() =>
    client.$transaction(async (tx) => {
      await checkAgreementPicks(tx, input, null);
      await checkReviewChange(tx, input, false, actorId);
      const evidenceIds = await resolveSources(tx, input.sourceUrls);
      input = await createNewRows(tx, input, actorId);
      const { id } = await tx.agreement.create({ data: agreementColumns(input), select: { id: true } });
      await writeAgreementLinks(tx, id, input, evidenceIds);
      const after = (await loadAgreementRecord(tx, id))!;
      await recordAudit(tx, {
        actorId,
        action: 'create',
        entityType: 'Agreement',
        entityId: id,
        before: null,
        after,
      });
      if (andThen) await andThen(tx, after);
      return after;
    }),
  );
}

/** Saves the form if it was loaded at the current version (else EditConflictError with the current values). */
export async function updateAgreement(
  input: UpdateAgreementInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<AgreementRecord> {
  const { id, version } = input;
  return withNewRowConflicts(() =>
    client.$transaction(async (tx) => {
      const load = () => loadAgreementRecord(tx, id);
      const current = await load();
      let evidenceIds: number[] = [];
      if (current && current.version === version) {
        await checkAgreementPicks(tx, input, current);
        await checkReviewChange(tx, input, current.requiresReview, actorId);
        evidenceIds = await resolveSources(tx, input.sourceUrls);
        input = await createNewRows(tx, input, actorId);
      }
      const before = await guardedUpdate({
        what: 'agreement',
        version,
        load,
        formValues: agreementFormValues,
        write: () =>
          tx.agreement.updateMany({
            where: { id, version },
            data: { ...agreementColumns(input), version: { increment: 1 } },
          }),
      });
      await writeAgreementLinks(tx, id, input, evidenceIds);
      const after = (await load())!;
      await recordAudit(tx, {
        actorId,
        action: 'update',
        entityType: 'Agreement',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

/**
 * Archives the agreement and, with the same timestamp, its live commitments (they leave lists and dashboards
 * with it); unarchiving brings back exactly those, not commitments archived on their own before. History,
 * evidence and links stay untouched either way.
 */
async function setAgreementArchived(
  input: ArchiveInput,
  archived: boolean,
  actorId: string,
  client: PrismaClient,
): Promise<AgreementRecord> {
  return client.$transaction(async (tx) => {
    const at = new Date();
    const { before, after } = await archiveGuarded(tx, {
      what: 'agreement',
      entityType: 'Agreement',
      input,
      archived,
      actorId,
      at,
      load: () => loadAgreementRecord(tx, input.id),
      formValues: agreementFormValues,
      write: (where, data) => tx.agreement.updateMany({ where, data }),
    });

    if (!archived && !before.archivedAt) return after;
    const together = await tx.commitment.findMany({
      where: { agreementId: input.id, archivedAt: archived ? null : before.archivedAt },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    for (const { id } of together) {
      const commitmentBefore = await loadCommitmentRecord(tx, id);
      await tx.commitment.update({
        where: { id },
        data: { archivedAt: archived ? at : null, version: { increment: 1 } },
      });
      await recordAudit(tx, {
        actorId,
        action: archived ? 'archive' : 'unarchive',
        entityType: 'Commitment',
        entityId: id,
        before: commitmentBefore,
        after: await loadCommitmentRecord(tx, id),
      });
    }
    return after;
  });
}

export function archiveAgreement(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setAgreementArchived(input, true, actorId, client);
}

export function unarchiveAgreement(input: ArchiveInput, actorId: string, client: PrismaClient = db) {
  return setAgreementArchived(input, false, actorId, client);
}

/** Ids of an agreement's parties (pickers list them first when adding or editing its commitments). */
export async function listAgreementPartyIds(
  agreementId: number,
  client: PrismaClient = db,
): Promise<number[]> {
  const rows = await client.agreementParty.findMany({ where: { agreementId }, select: { partyId: true } });
  return rows.map((row) => row.partyId);
}

/**
 * A logged item to start an agreement from (`/agreements/new?sourceEvidenceId=`): its address becomes the
 * agreement's source, its publication day the suggested date. Null when there is no such item.
 */
export async function getSourceSuggestion(evidenceId: number, client: PrismaClient = db) {
  return client.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, title: true, url: true, publishedOn: true, outlet: { select: { name: true } } },
  });
}
