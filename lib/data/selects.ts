// Prisma `select` pieces that several queries share, so that a column a screen needs is added in one place. Each
// query spreads the piece and adds its own columns: every query still selects exactly what its screen shows.
import type { Prisma } from '../generated/prisma/client.ts';

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
