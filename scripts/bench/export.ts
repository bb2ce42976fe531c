// updates.csv over all rows, through the app, against PostgreSQL's own COPY of the same SELECT.
//
// The app has PostgreSQL write the report with `COPY (SELECT …) TO STDOUT` (lib/csv/updates-copy.ts) and passes
// the bytes on, adding the header and CRLF line ends. The baseline is that SELECT, built by the same function,
// run by psql's `\copy (…) to '/dev/null' with csv` (COPY … TO STDOUT, bytes discarded). For the full file it is
// the report's columns joined and nothing else: each row's previous status is kept on the row (decision 007), so no
// window function replays the log, and the baseline is the physical limit of writing these rows as CSV.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseReportParams } from '../../lib/csv/filters.ts';
import { escapeLiteral } from 'pg';
import { inlineParameters, updatesCopySelect } from '../../lib/csv/updates-copy.ts';
import { residentBytes } from './app.ts';
import { round } from './measure.ts';

/**
 * The report's SELECT as the app sends it inside COPY for GET /reports/updates.csv (no filters), its parameters
 * written in as the app writes them, on one line (psql's \copy takes the rest of its line).
 */
export async function updatesReportSelect(now = new Date()): Promise<string> {
  const parsed = parseReportParams(new URLSearchParams(), now);
  if (!parsed.ok) throw new Error('the report refused an empty query string');
  return inlineParameters(updatesCopySelect(parsed.request.filters, now), escapeLiteral).replace(
    /\s*\n\s*/g,
    ' ',
  );
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
export async function copyBaseline(databaseUrl: string, select: string): Promise<CopyResult> {
  const command = `\\copy (${select}) to '/dev/null' with csv`;
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
