// Evidence (follow-up news items) and the follow-up log written with them. logFollowUp is the analyst's main
// write: one item, one or more status updates, one transaction. Everything else here reads.
import { createHash } from 'node:crypto';
import { db } from '../db.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { CommitmentStatus, EvidenceType, Reliability } from '../generated/prisma/enums.ts';
import { NotFoundError, RuleViolationError } from '../errors.ts';
import { normaliseUrl } from '../domain/url.ts';
import { defaultFactDay, type LogFollowUpInput } from '../validation/follow-up.ts';
import { recordAudit } from './audit.ts';
import { clampPage, type Page, type PartyRef } from './commitments.ts';
import { createOutletInTx, listOutletOptions, type OutletOption } from './outlets.ts';
import { appendStatusUpdates, StatusUpdateError } from './status-updates.ts';

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------------------------
// Looking an item up by its address

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

/** The item logged under this address (compared normalised), or null; null too for text that is not a URL. */
export async function findEvidenceByUrl(
  url: string,
  client: PrismaClient = db,
): Promise<ExistingEvidence | null> {
  const normalised = normaliseUrl(url);
  if (!normalised) return null;
  return client.evidence.findUnique({ where: { url: normalised }, select: existingEvidenceSelect });
}

// ---------------------------------------------------------------------------------------------------------------
// What the log-follow-up form offers

export type CommitmentOption = {
  id: number;
  title: string;
  status: CommitmentStatus;
  agreement: { id: number; title: string };
  responsibleParties: PartyRef[];
};

export type FollowUpFormOptions = { commitments: CommitmentOption[]; outlets: OutletOption[] };

/**
 * Which commitments a form offers: all, or those of one agreement plus some others (the form inline on a
 * commitment's page offers its agreement's and its reciprocal; thousands of options would make every such page
 * megabytes, and the full form at /follow-ups/new has them all).
 */
export type CommitmentOptionScope = { agreementId: number; alsoIds?: readonly number[] };

/** Live commitments of live agreements, newest agreement first, each agreement's in the order entered. */
export async function listCommitmentOptions(
  client: PrismaClient = db,
  scope?: CommitmentOptionScope,
): Promise<CommitmentOption[]> {
  const rows = await client.commitment.findMany({
    where: {
      archivedAt: null,
      agreement: { archivedAt: null },
      ...(scope
        ? { OR: [{ agreementId: scope.agreementId }, { id: { in: [...(scope.alsoIds ?? [])] } }] }
        : {}),
    },
    select: {
      id: true,
      title: true,
      status: true,
      agreement: { select: { id: true, title: true } },
      parties: {
        where: { role: 'responsible' },
        select: { party: { select: { id: true, name: true } } },
        orderBy: { party: { name: 'asc' } },
      },
    },
    orderBy: [
      { agreement: { concludedOn: { sort: 'desc', nulls: 'last' } } },
      { agreementId: 'desc' },
      { id: 'asc' },
    ],
  });
  return rows.map(({ parties, ...row }) => ({
    ...row,
    responsibleParties: parties.map(({ party }) => party),
  }));
}

/** Everything the form's pick lists need, in two queries. */
export async function getFollowUpFormOptions(
  client: PrismaClient = db,
  scope?: CommitmentOptionScope,
): Promise<FollowUpFormOptions> {
  const [commitments, outlets] = await Promise.all([
    listCommitmentOptions(client, scope),
    listOutletOptions(client),
  ]);
  return { commitments, outlets };
}

// ---------------------------------------------------------------------------------------------------------------
// Logging a follow-up

export type LoggedFollowUp = {
  evidence: { id: number; title: string; createdAt: Date; publishedOn: Date | null };
  /** True when the address was already logged and the updates cite that item. */
  reused: boolean;
  /** Ids of the status updates written, in row order. */
  updateIds: number[];
  /** The commitments the rows touched, in row order, each once. */
  commitmentIds: number[];
};

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Checks each row's commitment (exists, live) and party (responsible for it), reporting on the row's fields. */
async function checkRows(tx: Tx, rows: LogFollowUpInput['rows']): Promise<void> {
  const ids = [...new Set(rows.map((row) => row.commitmentId))];
  const commitments = await tx.commitment.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      archivedAt: true,
      agreement: { select: { archivedAt: true } },
      parties: { where: { role: 'responsible' }, select: { partyId: true } },
    },
  });
  const byId = new Map(commitments.map((commitment) => [commitment.id, commitment]));
  const fieldErrors: Record<string, string[]> = {};
  rows.forEach((row, index) => {
    const commitment = byId.get(row.commitmentId);
    if (!commitment) {
      fieldErrors[`rows.${index}.commitmentId`] = ['That commitment no longer exists: choose another.'];
    } else if (commitment.archivedAt || commitment.agreement.archivedAt) {
      fieldErrors[`rows.${index}.commitmentId`] = ['That commitment is archived: choose another.'];
    } else if (row.partyId !== null && !commitment.parties.some((party) => party.partyId === row.partyId)) {
      fieldErrors[`rows.${index}.partyId`] = [
        'That party is not responsible for this commitment: choose one of its responsible parties.',
      ];
    }
  });
  if (Object.keys(fieldErrors).length)
    throw new RuleViolationError('Check the highlighted rows.', fieldErrors);
}

/** The outlet a new item names: an existing live one, or one created here (audited). */
async function resolveOutlet(
  tx: Tx,
  choice: Extract<LogFollowUpInput['item'], { kind: 'new' }>['outlet'],
  actorId: string,
): Promise<{ id: number; defaultReliability: Reliability }> {
  if (choice.kind === 'new') {
    return createOutletInTx(
      tx,
      { name: choice.name, website: null, defaultReliability: choice.defaultReliability },
      actorId,
      'newOutletName',
    );
  }
  const outlet = await tx.outlet.findUnique({
    where: { id: choice.id },
    select: { id: true, defaultReliability: true, archivedAt: true },
  });
  if (!outlet)
    throw new RuleViolationError('Check the outlet.', { outlet: ['That outlet no longer exists.'] });
  if (outlet.archivedAt) {
    throw new RuleViolationError('Check the outlet.', {
      outlet: ['That outlet is archived: restore it on the Outlets page, or choose another.'],
    });
  }
  return outlet;
}

/**
 * Logs one news item and what it shows about one or more commitments, in one transaction:
 * - the rows are checked (commitment live, party responsible for it);
 * - the item is reused when its normalised URL is already logged (the submitted item fields are then ignored:
 *   evidence is kept as first logged), otherwise created with the excerpt's hash, and an inline outlet with it;
 * - the status updates are appended through appendStatusUpdates (status cache and one audit event per row).
 * A row without a fact date takes the item's published date. Any failure writes nothing.
 */
export async function logFollowUp(
  input: LogFollowUpInput,
  actorId: string,
  client: PrismaClient = db,
): Promise<LoggedFollowUp> {
  return client.$transaction(
    async (tx) => {
      await checkRows(tx, input.rows);

      let evidence = await tx.evidence.findUnique({
        where: { url: input.url },
        select: { id: true, title: true, createdAt: true, publishedOn: true },
      });
      let reused = evidence !== null;
      if (!evidence) {
        const item = input.item;
        if (item.kind === 'existing') {
          throw new RuleViolationError('Check the URL.', {
            url: ['No item is logged under this address yet: fill in the item below.'],
          });
        }
        const outlet = await resolveOutlet(tx, item.outlet, actorId);
        // ON CONFLICT DO NOTHING: if someone logs the same address at this moment, their item wins and this
        // follow-up cites it, instead of failing on the unique index.
        const [created] = await tx.evidence.createManyAndReturn({
          data: [
            {
              url: input.url,
              outletId: outlet.id,
              title: item.title,
              originalTitle: item.originalTitle,
              language: item.language,
              publishedOn: item.publishedOn,
              excerpt: item.excerpt,
              excerptHash: item.excerpt ? sha256(item.excerpt) : null,
              reliability: item.reliability ?? outlet.defaultReliability,
              credibility: item.credibility,
              type: item.type,
            },
          ],
          skipDuplicates: true,
        });
        if (created) {
          await recordAudit(tx, {
            actorId,
            action: 'create',
            entityType: 'Evidence',
            entityId: created.id,
            before: null,
            after: created,
          });
          evidence = created;
        } else {
          evidence = await tx.evidence.findUniqueOrThrow({
            where: { url: input.url },
            select: { id: true, title: true, createdAt: true, publishedOn: true },
          });
          reused = true;
        }
      }

      // A row without a fact date takes the item's published date (for a reused item, that item's own; never
      // later than today).
      const publishedOn = evidence.publishedOn;
      const evidenceId = evidence.id;
      const undated = input.rows.flatMap((row, index) => (row.observedOn || publishedOn ? [] : [index]));
      if (undated.length) {
        const message =
          'Enter the day the fact held: the item already logged under this URL has no published date.';
        throw new RuleViolationError(
          'Check the highlighted rows.',
          Object.fromEntries(undated.map((index) => [`rows.${index}.observedOn`, [message]])),
        );
      }
      const rows = input.rows.map((row) => ({
        ...row,
        observedOn: row.observedOn ?? defaultFactDay(publishedOn),
        evidenceId,
      }));

      let updates;
      try {
        updates = await appendStatusUpdates(tx, actorId, rows);
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
        updateIds: updates.map((update) => update.id),
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

export const EVIDENCE_PAGE_SIZE = 25;

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
  id: true,
  url: true,
  title: true,
  originalTitle: true,
  language: true,
  publishedOn: true,
  excerpt: true,
  excerptHash: true,
  reliability: true,
  credibility: true,
  type: true,
  createdAt: true,
  outlet: { select: { id: true, name: true, website: true } },
  statusUpdates: {
    select: {
      id: true,
      status: true,
      reason: true,
      observedOn: true,
      createdAt: true,
      party: { select: { id: true, name: true } },
      author: { select: { name: true } },
      commitment: {
        select: { id: true, title: true, status: true, agreement: { select: { id: true, title: true } } },
      },
    },
    orderBy: [{ observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
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
