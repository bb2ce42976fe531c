// Filters of the lists and reports, read from URL search parameters so a filtered view (or a CSV report) is a link
// that can be shared. One vocabulary for every screen and report:
//
//   agreement, party, category   record ids
//   status                       one of the seven statuses (as of `asOf` when that is set)
//   strength                     firm, intent or proposal (how firm the commitment is)
//   from, to                     a window of days, both ends included. On commitments it bounds the due date; on
//                                agreements the day concluded; a report of status updates may bound `observedOn`.
//   asOf                         YYYY-MM-DD: statuses and flags as they stood at the end of that day
//
// `reportFiltersSchema` is the shared part (the CSV reports import it); the list schemas add text search, attention
// flags, sorting and the page. Every schema here is lenient: a value that does not parse (a hand-edited URL, an old
// link) is dropped rather than failing the page, and `strictReportFiltersSchema` is there for callers that would
// rather refuse such a URL (a report that silently ignored a filter would be wrong without saying so).
//
// NUL characters: PostgreSQL text cannot hold them, so a search for one would fail the query (a 500) rather than
// find nothing. The free-text search drops them, as the evidence and outlet lists do; every other parameter has a
// fixed shape that a NUL never matches, so it is dropped (lists) or refused (reports) like any other bad value.
import { z } from 'zod';
import { ATTENTION_FLAGS } from '../domain/attention.ts';
import { formatDay, parseDayOrNull } from '../domain/dates.ts';
import { STATUSES, type CommitmentStatus } from '../domain/status.ts';
import { STRENGTHS, type CommitmentStrength } from '../domain/strength.ts';
import type { AgreementKind } from '../generated/prisma/enums.ts';
import { idField } from './fields.ts';

export const SEARCH_TEXT_MAX = 200;

/** Search params as Next hands them to a page. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter counts once (its first value); an empty field of a GET form counts as absent. */
function single(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return first;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

const idSchema = idField('Not a record id.');

/** A calendar day written YYYY-MM-DD, as a UTC-midnight Date (lib/domain/dates.ts). */
export const dayParamSchema = z.string().transform((text, context) => {
  const day = parseDayOrNull(text);
  // Years outside 1000–9999 are typing slips, and PostgreSQL's date type would not round-trip them as written.
  if (!day || day.getUTCFullYear() < 1000 || day.getUTCFullYear() > 9999) {
    context.addIssue({ code: 'custom', message: 'Not a date (YYYY-MM-DD).' });
    return z.NEVER;
  }
  return day;
});

const statusSchema = z.enum(STATUSES as [CommitmentStatus, ...CommitmentStatus[]]);
const strengthSchema = z.enum(STRENGTHS as [CommitmentStrength, ...CommitmentStrength[]]);

/** One parameter: single-valued, trimmed, empty = absent; `lenient` turns a bad value into absent. */
function param<T extends z.ZodType>(schema: T, lenient: boolean) {
  const optional = schema.optional();
  return z.preprocess(single, lenient ? optional.catch(undefined) : optional);
}

function reportShape(lenient: boolean) {
  return {
    agreement: param(idSchema, lenient),
    party: param(idSchema, lenient),
    status: param(statusSchema, lenient),
    strength: param(strengthSchema, lenient),
    category: param(idSchema, lenient),
    from: param(dayParamSchema, lenient),
    to: param(dayParamSchema, lenient),
    asOf: param(dayParamSchema, lenient),
  };
}

/** The filters every list and report shares; a bad value is an error (a report URL with a typo is refused). */
export const strictReportFiltersSchema = z.object(reportShape(false));

export type ReportFilters = z.infer<typeof strictReportFiltersSchema>;

const searchTextSchema = z.string().max(SEARCH_TEXT_MAX);

/** `q`: single-valued, without NUL characters, trimmed, empty = absent; too long is dropped. */
const searchParam = z.preprocess((value) => {
  const first = Array.isArray(value) ? value[0] : value;
  return single(typeof first === 'string' ? first.replaceAll('\u0000', '') : first);
}, searchTextSchema.optional().catch(undefined));

const pageSchema = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));

/** `attention=any` means "at least one flag". */
const ATTENTION_FILTERS = ['any', ...ATTENTION_FLAGS] as const;

export const COMMITMENT_SORTS = ['agreement', 'due', 'status', 'since', 'title'] as const;
export type CommitmentSort = (typeof COMMITMENT_SORTS)[number];

export const COMMITMENT_SORT_LABELS: Record<CommitmentSort, string> = {
  agreement: 'Agreement (newest first)',
  due: 'Due date',
  status: 'Status',
  since: 'Status since',
  title: 'Title',
};

const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A checkbox of a GET form sends `on`; links may say `1` or `true`. Anything else is off. */
const flagSchema = z
  .preprocess(single, z.unknown())
  .transform((value) => value === 'on' || value === '1' || value === 'true');

const commitmentListFiltersSchema = z.object({
  ...reportShape(true),
  q: searchParam,
  attention: param(z.enum(ATTENTION_FILTERS), true),
  overdue: flagSchema,
  sort: z.preprocess(single, z.enum(COMMITMENT_SORTS).catch('agreement').default('agreement')),
  dir: param(z.enum(SORT_DIRECTIONS), true),
  page: z.preprocess(single, pageSchema.catch(1).default(1)),
});

export type CommitmentListFilters = z.infer<typeof commitmentListFiltersSchema>;

export const AGREEMENT_KINDS = [
  'meeting_outcome',
  'mou',
  'joint_statement',
  'treaty',
  'other',
] as const satisfies readonly AgreementKind[];

export const AGREEMENT_SORTS = ['concluded', 'title', 'commitments'] as const;
export type AgreementSort = (typeof AGREEMENT_SORTS)[number];

export const AGREEMENT_SORT_LABELS: Record<AgreementSort, string> = {
  concluded: 'Date concluded',
  title: 'Title',
  commitments: 'Number of commitments',
};

/**
 * Agreements: `party` takes part; `status`/`category` mean "has a live commitment with that status / in that
 * category"; `from`/`to` bound the day concluded; `q` searches title, summary and place.
 */
const agreementListFiltersSchema = z.object({
  party: param(idSchema, true),
  status: param(statusSchema, true),
  category: param(idSchema, true),
  from: param(dayParamSchema, true),
  to: param(dayParamSchema, true),
  kind: param(z.enum(AGREEMENT_KINDS), true),
  q: searchParam,
  sort: z.preprocess(single, z.enum(AGREEMENT_SORTS).catch('concluded').default('concluded')),
  dir: param(z.enum(SORT_DIRECTIONS), true),
  page: z.preprocess(single, pageSchema.catch(1).default(1)),
});

export type AgreementListFilters = z.infer<typeof agreementListFiltersSchema>;

export function parseCommitmentListFilters(params: SearchParams): CommitmentListFilters {
  return commitmentListFiltersSchema.parse(params);
}

export function parseAgreementListFilters(params: SearchParams): AgreementListFilters {
  return agreementListFiltersSchema.parse(params);
}

/** `?asOf=` alone (the commitment dashboard). */
export function parseAsOfParam(value: string | string[] | undefined): Date | undefined {
  return param(dayParamSchema, true).parse(value);
}

type FilterValue = string | number | boolean | Date | undefined | null;

/**
 * The URL query of a set of filters: the inverse of the parsers above, so links (pagination, "clear one filter",
 * "export this view") carry exactly the filters in force. Defaults (page 1, unset values, false) are left out.
 */
export function filtersToQuery(
  filters: Record<string, FilterValue>,
  defaults: Record<string, FilterValue> = {},
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (defaults[key] !== undefined && value === defaults[key]) continue;
    if (key === 'page' && value === 1) continue;
    query[key] = value instanceof Date ? formatDay(value) : value === true ? '1' : String(value);
  }
  return query;
}

/** The filters of `filters` that a report understands (for an "export this view" link). */
export function reportQuery(filters: ReportFilters): Record<string, string> {
  const { agreement, party, status, strength, category, from, to, asOf } = filters;
  return filtersToQuery({ agreement, party, status, strength, category, from, to, asOf });
}
