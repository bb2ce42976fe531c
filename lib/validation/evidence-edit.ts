// Editing a logged news item (/evidence/[id]/edit). The item's fields follow the log-follow-up form's rules
// (newsItemSchema in ./follow-up.ts), except that reliability is required (the item already has one) and the
// outlet is one of the existing outlets. The address is not editable: it is the item's identity.
import * as z from 'zod';
import { newsItemSchema, RELIABILITIES } from './follow-up.ts';
import type { MergeField } from './editing.ts';
import { idField, recordIdField, versionField } from './fields.ts';

export const updateEvidenceSchema = newsItemSchema.extend({
  reliability: z.enum(RELIABILITIES, { error: 'Choose a reliability from A to F.' }),
  outletId: idField('Choose the outlet from the list.'),
  id: recordIdField,
  version: versionField,
});
export type UpdateEvidenceInput = z.output<typeof updateEvidenceSchema>;

/** The item as its edit form shows it (every value as form text). */
export type EvidenceFormValues = {
  id: string;
  version: string;
  title: string;
  originalTitle: string;
  language: string;
  publishedOn: string;
  excerpt: string;
  reliability: string;
  credibility: string;
  type: string;
  outletId: string;
};

/** The item edit form's fields as the three-way merge of a lost race sees them (decision 013), in form order. */
export const EVIDENCE_MERGE: readonly MergeField[] = [
  { name: 'title', label: 'Title', keys: ['title'] },
  { name: 'originalTitle', label: 'Original title', keys: ['originalTitle'] },
  { name: 'language', label: 'Language', keys: ['language'] },
  { name: 'publishedOn', label: 'Published', keys: ['publishedOn'] },
  { name: 'outletId', label: 'Outlet', keys: ['outletId'] },
  { name: 'type', label: 'Type', keys: ['type'] },
  { name: 'reliability', label: 'Reliability', keys: ['reliability'] },
  { name: 'credibility', label: 'Credibility', keys: ['credibility'] },
  { name: 'excerpt', label: 'Excerpt', keys: ['excerpt'] },
];
