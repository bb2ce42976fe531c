// The HTTP side of a report: parse the URL, name the file, stream the rows. The route handlers in app/reports
// authorise and then hand over to csvReportResponse.
import type pg from 'pg';
import { COMMITMENT_COLUMNS, REVIEW_COLUMN, UPDATE_COLUMNS, type ReportKind } from './columns.ts';
import { commitmentReportRows } from './commitments-report.ts';
import { contentDisposition, reportFilename, type FilterNames } from './filename.ts';
import { describeParamErrors, parseReportParams, reportDay, type ReportFilters } from './filters.ts';
import type { Queryable } from './scope.ts';
import { csvHeader, csvStream, prepended, type CsvRow } from './stream.ts';
import { updatesCopyStream } from './updates-copy.ts';
import { updateReportRows } from './updates-report.ts';

export type ReportResponseOptions = {
  /** The pg pool under `client`: updates.csv is then written by PostgreSQL's COPY (./updates-copy.ts). */
  pool?: pg.Pool;
  /** The public origin for dashboard links; defaults to the request's. */
  publicUrl?: string | null;
  now?: Date;
  staleAfterDays?: number;
};

async function lookupFilterNames(client: Queryable, filters: ReportFilters): Promise<FilterNames> {
  if (filters.agreement === undefined && filters.party === undefined && filters.category === undefined)
    return {};
  const [row] = await client.$queryRaw<FilterNames[]>`
    SELECT (SELECT title FROM "Agreement" WHERE id = ${filters.agreement ?? null}::int) AS agreement,
           (SELECT name FROM "Party" WHERE id = ${filters.party ?? null}::int) AS party,
           (SELECT name FROM "Category" WHERE id = ${filters.category ?? null}::int) AS category`;
  return row;
}

/** The rows of a report, its first batch already read (so a failing query becomes a 500, not a cut-off file). */
async function primed(rows: AsyncGenerator<CsvRow[]>): Promise<AsyncIterable<CsvRow[]>> {
  const first = await rows.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* rows;
    },
  };
}

export async function csvReportResponse(
  kind: ReportKind,
  request: Request,
  client: Queryable,
  options: ReportResponseOptions = {},
): Promise<Response> {
  const url = new URL(request.url);
  const now = options.now ?? new Date();
  const parsed = parseReportParams(url.searchParams, now);
  // updates.csv?proposed=1 adds the updates waiting for review, marked (./updates-report.ts); off by default.
  const proposedParam = url.searchParams.get('proposed')?.trim() ?? '';
  const proposed = kind === 'updates' && (proposedParam === '1' || proposedParam === 'true');
  if (!['', '0', '1', 'true', 'false'].includes(proposedParam)) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), proposed: 'Use proposed=1, or leave it out.' };
    return Response.json(
      { error: 'invalid_filters', message: describeParamErrors(errors), errors },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  if (!parsed.ok) {
    return Response.json(
      { error: 'invalid_filters', message: describeParamErrors(parsed.errors), errors: parsed.errors },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const { filters, bom } = parsed.request;
  const names = await lookupFilterNames(client, filters);
  const baseUrl = (options.publicUrl ?? url.origin).replace(/\/+$/, '');
  const columns =
    kind === 'commitments'
      ? COMMITMENT_COLUMNS
      : proposed
        ? [...UPDATE_COLUMNS, REVIEW_COLUMN]
        : UPDATE_COLUMNS;
  let stream: ReadableStream<Uint8Array>;
  if (kind === 'updates' && options.pool && !proposed) {
    // PostgreSQL writes the rows (./updates-copy.ts); the same bytes as the row-by-row report below.
    stream = prepended(csvHeader(columns, bom), await updatesCopyStream(options.pool, filters, now));
  } else {
    const rows =
      kind === 'commitments'
        ? commitmentReportRows(client, filters, { baseUrl, now, staleAfterDays: options.staleAfterDays })
        : updateReportRows(client, filters, { now, proposed });
    stream = csvStream(await primed(rows), columns, { bom });
  }
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': contentDisposition(
        reportFilename(kind, filters, names, reportDay(filters, now)),
      ),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
