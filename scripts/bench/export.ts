// updates.csv over all rows, through the app, against PostgreSQL's own COPY of the same SELECT.
//
// The SELECT is not copied by hand: updateReportRows (lib/csv/updates-report.ts) is run against a stand-in
// client that records the first query it is given (the first keyset batch of an unfiltered report) and
// answers with no rows. Without its LIMIT, that query is the whole report in the report's order; psql's
// `\copy (…) to '/dev/null' with csv` runs it as `COPY … TO STDOUT` and discards the bytes, the fastest any
// export of those rows could be.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '../../lib/generated/prisma/client.ts';
import { parseReportParams } from '../../lib/csv/filters.ts';
import type { Queryable } from '../../lib/csv/scope.ts';
import { updateReportRows } from '../../lib/csv/updates-report.ts';
import { residentBytes } from './app.ts';
import { round } from './measure.ts';

export type ExportSelect = { text: string; values: unknown[] };

/** The report's SELECT with its parameters, as the app would send it for GET /reports/updates.csv (no filters). */
export async function updatesReportSelect(now = new Date()): Promise<ExportSelect> {
  const parsed = parseReportParams(new URLSearchParams(), now);
  if (!parsed.ok) throw new Error('the report refused an empty query string');
  let recorded: Prisma.Sql | null = null;
  const recorder = {
    $queryRaw: (async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      recorded ??= Array.isArray(query)
        ? Prisma.sql(query as TemplateStringsArray, ...values)
        : (query as Prisma.Sql);
      return [];
    }) as unknown as Queryable['$queryRaw'],
  } as Queryable;
  for await (const batch of updateReportRows(recorder, parsed.request.filters, { now })) void batch;
  const sql = recorded as Prisma.Sql | null;
  if (!sql) throw new Error('updateReportRows sent no query');
  // The batch size is the last parameter: drop `LIMIT $n`, keep everything else as the app sends it.
  const limit = /\s+LIMIT\s+\$(\d+)\s*$/.exec(sql.text);
  if (!limit || Number(limit[1]) !== sql.values.length)
    throw new Error(`unexpected report query shape:\n${sql.text}`);
  return { text: sql.text.slice(0, limit.index), values: sql.values.slice(0, -1) };
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The SELECT with its parameters written in, on one line (psql's \copy takes the rest of its line). */
export function inlineSelect(select: ExportSelect): string {
  return select.text
    .replace(/\$(\d+)/g, (_, index: string) => literal(select.values[Number(index) - 1]))
    .replace(/\s*\n\s*/g, ' ');
}

/** Counts CSV records (outside quotes, a LF ends one) as chunks arrive. */
class RecordCounter {
  records = 0;
  bytes = 0;
  private inQuotes = false;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let i = 0;
    let quote = chunk.indexOf(0x22, i);
    let newline = chunk.indexOf(0x0a, i);
    for (;;) {
      if (this.inQuotes) {
        if (quote < 0) return;
        this.inQuotes = false;
        i = quote + 1;
        quote = chunk.indexOf(0x22, i);
        if (newline >= 0 && newline < i) newline = chunk.indexOf(0x0a, i);
      } else if (newline >= 0 && (quote < 0 || newline < quote)) {
        this.records++;
        i = newline + 1;
        newline = chunk.indexOf(0x0a, i);
      } else if (quote >= 0) {
        this.inQuotes = true;
        i = quote + 1;
        quote = chunk.indexOf(0x22, i);
      } else return;
    }
  }
}

export type ExportResult = {
  rows: number;
  bytes: number;
  seconds: number;
  firstByteSeconds: number;
  rowsPerSec: number;
  baselineRssMB: number;
  peakRssMB: number;
  rssGrowthMB: number;
};

const MB = 1024 * 1024;

/** Downloads updates.csv, counting its rows and sampling the server's resident memory every 20 ms meanwhile. */
export async function downloadExport(options: {
  baseUrl: string;
  cookie: string;
  serverPid: number;
  timeoutSeconds: number;
}): Promise<ExportResult> {
  const baseline = (await residentBytes(options.serverPid)) ?? 0;
  let peak = baseline;
  let downloading = true;
  const sampler = (async () => {
    while (downloading) {
      const rss = await residentBytes(options.serverPid);
      if (rss && rss > peak) peak = rss;
      await sleep(20);
    }
  })();
  const counter = new RecordCounter();
  const started = performance.now();
  let firstByte = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const request = http.get(
        `${options.baseUrl}/reports/updates.csv`,
        { headers: { cookie: options.cookie } },
        (response) => {
          if (response.statusCode !== 200) {
            reject(new Error(`GET /reports/updates.csv answered ${response.statusCode}`));
            response.resume();
            return;
          }
          response.on('data', (chunk: Buffer) => {
            if (!firstByte) firstByte = performance.now();
            counter.push(chunk);
          });
          response.on('end', resolve);
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.setTimeout(options.timeoutSeconds * 1000, () =>
        request.destroy(new Error('updates.csv download timed out')),
      );
    });
  } finally {
    downloading = false;
    await sampler;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, counter.records - 1); // minus the header
  return {
    rows,
    bytes: counter.bytes,
    seconds: round(seconds, 2),
    firstByteSeconds: round((firstByte - started) / 1000, 2),
    rowsPerSec: Math.round(rows / seconds),
    baselineRssMB: round(baseline / MB),
    peakRssMB: round(peak / MB),
    rssGrowthMB: round((peak - baseline) / MB),
  };
}

export type CopyResult = { rows: number; seconds: number; rowsPerSec: number };

/** `\copy (select) to '/dev/null' with csv` through psql, timed from spawn to exit. */
export async function copyBaseline(databaseUrl: string, select: ExportSelect): Promise<CopyResult> {
  const command = `\\copy (${inlineSelect(select)}) to '/dev/null' with csv`;
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`psql \\copy failed: ${text}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const match = /COPY (\d+)/.exec(output);
  if (!match) throw new Error(`psql \\copy printed no row count: ${output}`);
  const rows = Number(match[1]);
  return { rows, seconds: round(seconds, 2), rowsPerSec: Math.round(rows / seconds) };
}
