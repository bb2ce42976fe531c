// Prisma `select` pieces that several queries share, so that a column a screen needs is added in one place. Each
// query spreads the piece and adds its own columns: every query still selects exactly what its screen shows.
import { Prisma } from '../generated/prisma/client.ts';
import type { EvidenceType, Reliability } from '../generated/prisma/enums.ts';

/** An item's own columns as its page, its edit form and a commitment's evidence list show them. */
export const evidenceFieldsSelect = {
  id: true,
  url: true,
  title: true,
  originalTitle: true,
  language: true,
  publishedOn: true,
  excerpt: true,
  reliability: true,
  credibility: true,
  type: true,
} satisfies Prisma.EvidenceSelect;

/** The item a follow-up row cites, as the row shows it: its title, grading, type and outlet. */
export const evidenceSummarySelect = {
  id: true,
  title: true,
  reliability: true,
  credibility: true,
  type: true,
  outlet: { select: { name: true } },
} satisfies Prisma.EvidenceSelect;

/**
 * The same item in a raw read of follow-up rows (the history, the recent follow-ups): the columns to select, over
 * "StatusUpdate" su joined to "Evidence" e and its "Outlet" o, and citedItem to build it from them, with its url.
 */
export const CITED_ITEM_COLUMNS = Prisma.sql`su."evidenceId", e.title AS "evidenceTitle",
       e.reliability::text AS "evidenceReliability", e.credibility AS "evidenceCredibility",
       e.type::text AS "evidenceKind", o.name AS "outletName", e.url AS "evidenceUrl"`;

export type CitedItemColumns = {
  evidenceId: number | null;
  evidenceTitle: string | null;
  evidenceReliability: Reliability | null;
  evidenceCredibility: number | null;
  evidenceKind: EvidenceType | null;
  outletName: string | null;
  evidenceUrl: string | null;
};

/** The item a row read with CITED_ITEM_COLUMNS cites, as evidenceSummarySelect with its url gives it, or null. */
export function citedItem(row: CitedItemColumns) {
  // Field by field (see historyEntry in ./commitments.ts).
  return row.evidenceId === null
    ? null
    : {
        id: row.evidenceId,
        title: row.evidenceTitle!,
        reliability: row.evidenceReliability!,
        credibility: row.evidenceCredibility!,
        type: row.evidenceKind!,
        outlet: { name: row.outletName! },
        url: row.evidenceUrl!,
      };
}

/** What a follow-up row says and when it held: the keys of compareUpdates (lib/domain/status.ts) included. */
const followUpFactSelect = {
  id: true,
  status: true,
  reason: true,
  observedOn: true,
  observedPrecision: true,
  observedFrom: true,
  createdAt: true,
} satisfies Prisma.StatusUpdateSelect;

/**
 * A row of a commitment's follow-up log with what the rules and the history need of it: its party, author, kind,
 * own evidence type, adoption of a proposal, and withdrawal (which row it corrects, when, by whom, why).
 */
export const followUpLogSelect = {
  ...followUpFactSelect,
  partyId: true,
  kind: true,
  evidenceId: true,
  evidenceType: true,
  adoptsProposal: true,
  supersedesId: true,
  withdrawnAt: true,
  withdrawnReason: true,
  withdrawnBy: { select: { name: true } },
  party: { select: { id: true, name: true } },
  author: { select: { name: true } },
  originallyLoggedBy: true,
  originallyLoggedAt: true,
} satisfies Prisma.StatusUpdateSelect;
