// Query parameters of /api/v1: the lists' own parsers (lib/validation/filters.ts), except that a filter the
// reports would refuse is a 400 problem here too, rather than silently dropped as a hand-edited list URL is.
import * as z from 'zod';
import { PartyKind } from '../generated/prisma/enums.ts';
import { idField } from '../validation/fields.ts';
import {
  SEARCH_TEXT_MAX,
  parseAgreementListFilters,
  parseCommitmentListFilters,
  strictReportFiltersSchema,
  type AgreementListFilters,
  type CommitmentListFilters,
  type SearchParams,
} from '../validation/filters.ts';
import { problem } from './problem.ts';

export function queryOf(url: URL): SearchParams {
  const params: SearchParams = {};
  for (const key of new Set(url.searchParams.keys())) params[key] = url.searchParams.getAll(key);
  return params;
}

function badRequest(error: z.ZodError): Response {
  const flat = z.flattenError(error);
  const errors = Object.fromEntries(
    Object.entries(flat.fieldErrors).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
  );
  return problem({ status: 400, title: 'Bad request', detail: 'Check the query parameters.', errors });
}

/** The commitment list's filters, or the 400 problem to answer with. */
export function commitmentFilters(url: URL): CommitmentListFilters | Response {
  const params = queryOf(url);
  const strict = strictReportFiltersSchema.safeParse(params);
  if (!strict.success) return badRequest(strict.error);
  return parseCommitmentListFilters(params);
}

/** The agreement list's filters (party, status, category, kind, from, to, q), or the 400 problem to answer with. */
export function agreementFilters(url: URL): AgreementListFilters | Response {
  const params = queryOf(url);
  const strict = strictReportFiltersSchema.safeParse(params);
  if (!strict.success) return badRequest(strict.error);
  return parseAgreementListFilters(params);
}

const idFilter = idField('Not a record id.').optional();
const textFilter = z
  .string()
  .max(SEARCH_TEXT_MAX, { error: `Search for at most ${SEARCH_TEXT_MAX} characters.` })
  .optional();

/** Parties: `q` in the name or short name, `kind`, `parent` (the parties directly under it). */
export const partyListFiltersSchema = z.object({
  q: textFilter,
  kind: z.enum(PartyKind, { error: 'Not a kind of party.' }).optional(),
  parent: idFilter,
});

/** Outlets: `q` in the name, as the outlets page searches. */
export const outletListFiltersSchema = z.object({ q: textFilter });

/** People: `q` in the name or title, `party` (the people of that party). */
export const personListFiltersSchema = z.object({ q: textFilter, party: idFilter });

/** A plain list's filters (one value each, trimmed, empty = absent), or the 400 problem to answer with. */
export function listFilters<S extends z.ZodObject>(url: URL, schema: S): z.output<S> | Response {
  const params = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, url.searchParams.get(name)?.trim() || undefined]),
  );
  const parsed = schema.safeParse(params);
  return parsed.success ? parsed.data : badRequest(parsed.error);
}

/** An optional record id parameter (`?agreement=3`), or the 400 problem. */
export function idParams<K extends string>(
  url: URL,
  names: readonly K[],
): Partial<Record<K, number>> | Response {
  const out: Partial<Record<K, number>> = {};
  const errors: Record<string, string[]> = {};
  for (const name of names) {
    const text = url.searchParams.get(name);
    if (text === null || text === '') continue;
    if (/^\d{1,9}$/.test(text) && Number(text) > 0) out[name] = Number(text);
    else errors[name] = ['Not a record id.'];
  }
  if (Object.keys(errors).length)
    return problem({ status: 400, title: 'Bad request', detail: 'Check the query parameters.', errors });
  return out;
}

/** `{id}` of a single-record path, or null when it is not a record id. */
export function recordId(value: string | string[] | undefined): number | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}
