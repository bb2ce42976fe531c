// What each field of the log-follow-up form looks like (label, hint, length limit) and how the error summary
// names it, keyed by the names lib/validation/follow-up.ts posts and reports errors under: a field the schema
// gains without a spec here fails the type check.
import type * as z from 'zod';
import { LIMITS, type RowField, type newsItemSchema } from '@/lib/validation/follow-up';

export type FieldSpec = {
  label: string;
  /** The error summary's name for the field, where the label alone would not do. */
  summary?: string;
  required?: boolean;
  optional?: boolean;
  hint?: string;
  limit?: number;
  /** A running character count beside the label: always, or once the text nears its limit (80%). */
  count?: 'always' | 'near-limit';
};

export type ItemField =
  'url' | 'outlet' | 'newOutletName' | 'newOutletReliability' | keyof z.input<typeof newsItemSchema>;

/** The news item as typed: every field a string, as the form posts it. */
export type ItemState = Record<ItemField, string>;

/** The news item's fields; the error summary lists their problems in this order. */
export const ITEM_FIELDS: Record<ItemField, FieldSpec> = {
  url: { label: 'URL', required: true, limit: LIMITS.url },
  outlet: { label: 'Outlet', required: true },
  newOutletName: { label: 'New outlet name', required: true, limit: LIMITS.outletName },
  newOutletReliability: {
    label: 'Its usual reliability',
    summary: 'New outlet reliability',
    required: true,
    hint: "The outlet's default source grade; each item can override it.",
  },
  title: {
    label: 'Title',
    required: true,
    limit: LIMITS.title,
    count: 'always',
    hint: 'In English; put the title as published in the next field if it differs.',
  },
  originalTitle: { label: 'Original-language title', optional: true, limit: LIMITS.title },
  language: {
    label: 'Language',
    required: true,
    hint: "The item's language as a BCP 47 tag: en, ur, zh, ar, fa…",
  },
  publishedOn: {
    label: 'Published on',
    optional: true,
    hint: 'Leave empty if the item carries no date: it is never guessed. At the latest tomorrow (UTC).',
  },
  excerpt: {
    label: 'Excerpt',
    optional: true,
    limit: LIMITS.excerpt,
    count: 'always',
    hint: 'The passage that bears on the commitments, as published. It is kept with a fingerprint, so later changes show.',
  },
  reliability: { label: 'Source reliability', required: true },
  credibility: {
    label: 'Information credibility',
    required: true,
    hint: "How far this item's information can be believed, judged apart from the source.",
  },
  type: { label: 'Type', required: true },
};

/** A row's fields; the summary names them after the row ("Commitment 2, reason"). */
export const ROW_FIELD_SPECS: Record<RowField, FieldSpec> = {
  commitmentId: { label: 'Commitment', summary: 'commitment', required: true },
  status: { label: 'New status', summary: 'new status', required: true },
  partyId: { label: 'Assesses', summary: 'party assessed' },
  kind: { label: 'What this row does', summary: 'what the row does' },
  evidenceType: { label: 'How this item bears on it', summary: 'how this item bears on it' },
  adoptsProposal: { label: "This records the proposal's adoption", summary: 'adoption of the proposal' },
  // The label says the precision ("Fact held in (month)"): the row sets it.
  observedOn: { label: 'Fact held on', summary: 'fact date', required: true },
  observedPrecision: { label: 'Fact date known', summary: 'how precisely the fact date is known' },
  // Required or optional by the status chosen: the row says which.
  reason: { label: 'Reason', summary: 'reason', limit: LIMITS.reason, count: 'near-limit' },
};
