// A report is a URL: its filters are query parameters (DESIGN.md, "Interfaces"). They are the filters of the
// commitment list (lib/validation/filters.ts, one vocabulary for lists and reports), read strictly: a malformed
// value is refused with 400 instead of being dropped, since a report that silently ignored a filter would say
// something false. On top of the list's filters a report takes `bom=1` (start the file with a UTF-8 byte order
// mark, which Excel needs to read UTF-8), and `asOf` may not be after today.
//
//   agreement, party, category   record ids (party: the party or one under it, in any role, as in the list)
//   status                       commitments: their status as of the report day; updates: the status recorded
//   strength                     firm, intent or proposal (the commitments' own)
//   from, to                     commitments: due between (inclusive); updates: observed between (inclusive)
//   asOf                         the report as it stood at the end of that day (default: today, UTC)
import { compareDays, formatDay, today as todayOf } from '../domain/dates.ts';
import { STATUSES } from '../domain/status.ts';
import { STRENGTHS } from '../domain/strength.ts';
import { strictReportFiltersSchema, type ReportFilters, type SearchParams } from '../validation/filters.ts';

export type { ReportFilters };

const STATUS_MESSAGE = `Not a status: use one of ${STATUSES.join(', ')}.`;
const STRENGTH_MESSAGE = `Not a strength: use one of ${STRENGTHS.join(', ')}.`;

export type ReportRequest = { filters: ReportFilters; bom: boolean };

export const REPORT_PARAMS = [
  'agreement',
  'party',
  'status',
  'strength',
  'category',
  'from',
  'to',
  'asOf',
  'bom',
] as const;
export type ReportParam = (typeof REPORT_PARAMS)[number];

export type ParsedReportParams =
  { ok: true; request: ReportRequest } | { ok: false; errors: Partial<Record<ReportParam, string>> };

function toSearchParams(input: URLSearchParams | SearchParams): SearchParams {
  if (!(input instanceof URLSearchParams)) return input;
  const raw: SearchParams = {};
  for (const key of new Set(input.keys())) {
    const values = input.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  return raw;
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The report a URL asks for, or what is wrong with its parameters. Unknown parameters are ignored. */
export function parseReportParams(
  input: URLSearchParams | SearchParams,
  now: Date = new Date(),
): ParsedReportParams {
  const raw = toSearchParams(input);
  const errors: Partial<Record<ReportParam, string>> = {};
  const result = strictReportFiltersSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path[0] as ReportParam | undefined;
      if (key && !errors[key])
        errors[key] =
          key === 'status' ? STATUS_MESSAGE : key === 'strength' ? STRENGTH_MESSAGE : issue.message;
    }
  }
  const bom = firstValue(raw.bom);
  if (!['', '0', '1', 'true', 'false'].includes(bom)) errors.bom = 'Use bom=1, or leave it out.';
  if (result.success) {
    const { from, to, asOf } = result.data;
    if (from && to && compareDays(from, to) > 0) errors.to = '“To” is before “from”.';
    if (asOf && compareDays(asOf, todayOf(now)) > 0) errors.asOf = '“As of” cannot be after today.';
  }
  if (!result.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, request: { filters: result.data, bom: bom === '1' || bom === 'true' } };
}

/** The day a report describes: its `asOf`, or today (UTC). */
export function reportDay(filters: ReportFilters, now: Date = new Date()): Date {
  return filters.asOf ?? todayOf(now);
}

/** The canonical query string of a report (fixed parameter order, nothing empty), without the leading '?'. */
export function reportQueryString(request: ReportRequest): string {
  const { filters } = request;
  const params = new URLSearchParams();
  if (filters.agreement !== undefined) params.set('agreement', String(filters.agreement));
  if (filters.party !== undefined) params.set('party', String(filters.party));
  if (filters.status) params.set('status', filters.status);
  if (filters.strength) params.set('strength', filters.strength);
  if (filters.category !== undefined) params.set('category', String(filters.category));
  if (filters.from) params.set('from', formatDay(filters.from));
  if (filters.to) params.set('to', formatDay(filters.to));
  if (filters.asOf) params.set('asOf', formatDay(filters.asOf));
  if (request.bom) params.set('bom', '1');
  return params.toString();
}

/** "errors" as one line for a 400 answer. */
export function describeParamErrors(errors: Partial<Record<ReportParam, string>>): string {
  return Object.entries(errors)
    .map(([param, message]) => `${param}: ${message}`)
    .join(' ');
}
