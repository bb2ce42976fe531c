// /search's URL: `?q=&kind=&agreement=&party=&status=&from=&to=&page=`, so a search and its filters are a link.
// Lenient like the lists' filters (lib/validation/filters.ts): a value that does not parse is dropped.
import { z } from 'zod';
import { STATUSES, type CommitmentStatus } from '../domain/status.ts';
import type { SearchKind } from '../generated/prisma/enums.ts';
import { parseIdParam } from '../validation/params.ts';
import { dayParamSchema, SEARCH_TEXT_MAX, type SearchParams } from '../validation/filters.ts';

/** The kinds in the order their groups appear: what analysts look for most first. */
export const SEARCH_KINDS = [
  'commitment',
  'agreement',
  'evidence',
  'status_update',
  'party',
  'person',
  'outlet',
] as const satisfies readonly SearchKind[];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  commitment: 'Commitments',
  agreement: 'Agreements',
  evidence: 'Evidence',
  status_update: 'Follow-ups',
  party: 'Parties',
  person: 'People',
  outlet: 'Outlets',
};

function single(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return first;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

function param<T extends z.ZodType>(schema: T) {
  return z.preprocess(single, schema.optional().catch(undefined));
}

const idSchema = z.string().transform((text, context) => {
  const id = parseIdParam(text);
  if (id === null) {
    context.addIssue({ code: 'custom', message: 'Not a record id.' });
    return z.NEVER;
  }
  return id;
});

const searchParamsSchema = z.object({
  // NUL cannot be in PostgreSQL text; a query too long is cut rather than dropped (a pasted sentence).
  q: z.preprocess((value) => {
    const text = single(value);
    return typeof text === 'string' ? text.replaceAll('\u0000', '').slice(0, SEARCH_TEXT_MAX).trim() : text;
  }, z.string().optional().catch(undefined)),
  kind: param(z.enum(SEARCH_KINDS)),
  agreement: param(idSchema),
  party: param(idSchema),
  status: param(z.enum(STATUSES as [CommitmentStatus, ...CommitmentStatus[]])),
  from: param(dayParamSchema),
  to: param(dayParamSchema),
  page: param(
    z
      .string()
      .regex(/^\d{1,6}$/)
      .transform(Number)
      .pipe(z.number().int().min(1)),
  ),
});

export type SearchFilters = {
  q: string;
  kind?: SearchKind;
  agreement?: number;
  party?: number;
  status?: CommitmentStatus;
  from?: Date;
  to?: Date;
  page: number;
};

export function parseSearchParams(params: SearchParams): SearchFilters {
  const parsed = searchParamsSchema.parse(params);
  return { ...parsed, q: parsed.q ?? '', page: parsed.page ?? 1 };
}
