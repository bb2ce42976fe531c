// bench/results/latest.json and the markdown table printed at the end of a run, with the targets of issue 6
// (judged at scale 100 on the 2-core machine; at other scales the table still says how far each one is).
import os from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CopyResult, ExportResult } from './export.ts';
import type { Latency } from './measure.ts';
import type { SearchEndpointResult, SearchResult } from './search.ts';

export type PageKey = 'overview' | 'commitment' | 'agreements' | 'party';

export const PAGES: Record<PageKey, { title: string; dashboard: boolean }> = {
  overview: { title: 'Overview dashboard', dashboard: true },
  commitment: { title: 'Commitment dashboard', dashboard: true },
  agreements: { title: 'Agreements list', dashboard: false },
  party: { title: 'Party dashboard', dashboard: true },
};

export type PageResult = {
  path: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  sqlP50: number;
  sqlP95: number;
  sqlP99: number;
  sqlStatements: number;
  /** Requests lost at the socket (tolerated up to 2 %; see loadTest). */
  socketErrors: number;
  /** Size of the page's HTML (RSC payload included), from one GET. */
  htmlKB: number;
  /** The server process's CPU time over the measured window divided by the requests served. */
  serverCpuMsPerRequest: number;
  /** What the page cache answered a request made just before the measured window (hit, miss, or none). */
  pageCache: string;
  /**
   * The page rendered without the page cache (on the SQL-capturing instance, which runs with it off), one request
   * at a time: median latency and server CPU per request. What a first load after a write costs.
   */
  uncachedP50: number;
  uncachedCpuMsPerRequest: number;
};

export type Machine = {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  postgres: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine makes numbers noisy. */
  loadAverageAtStart: number;
};

export type BenchResult = {
  scale: number;
  generatedAt: string;
  generatorVersion: number;
  machine: Machine;
  settings: { connections: number; seconds: number; warmupSeconds: number; appPoolMax: number };
  dataset: Record<string, number>;
  loadSeconds: number | null;
  pages: Partial<Record<PageKey, PageResult>>;
  export: (ExportResult & { copyRowsPerSec: number; copyRows: number; copySeconds: number }) | null;
  followUpsPerSec: number | null;
  followUps:
    (Latency & { measuredAt: 'data layer (logFollowUpSchema + logFollowUp)'; workers: number }) | null;
  /** Search (issue 15): the search page and the picker's typeahead under a fixed mix of queries. */
  search: SearchResult | null;
  targets: Target[];
};

export type Target = { name: string; goal: string; measured: string; pass: boolean | null };

export function machineInfo(postgres: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function exportResult(app: ExportResult, copy: CopyResult): NonNullable<BenchResult['export']> {
  return { ...app, copyRowsPerSec: copy.rowsPerSec, copyRows: copy.rows, copySeconds: copy.seconds };
}

export function judge(result: Omit<BenchResult, 'targets'>): Target[] {
  const targets: Target[] = [];
  for (const [key, page] of Object.entries(result.pages) as [PageKey, PageResult][]) {
    if (PAGES[key].dashboard) {
      targets.push({
        name: `${PAGES[key].title}: p95`,
        goal: '≤ 100 ms',
        measured: `${page.p95} ms`,
        pass: page.p95 <= 100,
      });
    }
    const ratio = page.p95 / page.sqlP95;
    targets.push({
      name: `${PAGES[key].title}: p95 vs its SQL's p95`,
      goal: '≤ 3×',
      measured: `${ratio.toFixed(1)}× (${page.p95} / ${page.sqlP95} ms)`,
      pass: ratio <= 3,
    });
  }
  if (result.export) {
    const ratio = result.export.rowsPerSec / result.export.copyRowsPerSec;
    targets.push({
      name: 'updates.csv rows/s vs COPY',
      goal: '≥ 0.5×',
      measured: `${ratio.toFixed(2)}× (${fmt(result.export.rowsPerSec)} / ${fmt(result.export.copyRowsPerSec)} rows/s)`,
      pass: ratio >= 0.5,
    });
    targets.push({
      name: 'updates.csv RSS growth',
      goal: '≤ 150 MB',
      measured: `${result.export.rssGrowthMB} MB`,
      pass: result.export.rssGrowthMB <= 150,
    });
  }
  if (result.search) {
    const { page, typeahead, followUpForm } = result.search;
    const conditions = (endpoint: SearchEndpointResult) =>
      `load average ${endpoint.conditions.loadAverage}, ${fmt(endpoint.conditions.serverRowsWritten)} rows written on the server`;
    targets.push({
      name: 'Search page, query mix: p95',
      goal: '≤ 100 ms',
      measured: `${page.p95} ms (${conditions(page)})`,
      pass: page.p95 <= 100,
    });
    targets.push({
      name: 'Commitment picker typeahead, query mix: p95',
      goal: '≤ 50 ms',
      measured: `${typeahead.p95} ms (${conditions(typeahead)})`,
      pass: typeahead.p95 <= 50,
    });
    targets.push({
      name: `Follow-up form \`${followUpForm.path}\`: HTML`,
      goal: '< 200 KB',
      measured: `${followUpForm.htmlKB} KB`,
      pass: followUpForm.htmlKB < 200,
    });
  }
  return targets;
}

function fmt(value: number): string {
  return value.toLocaleString('en');
}

export function markdown(result: BenchResult): string {
  const lines: string[] = [];
  const m = result.machine;
  lines.push(
    `Scale ${result.scale}: ${Object.entries(result.dataset)
      .map(([table, count]) => `${fmt(count)} ${table}`)
      .join(', ')}.`,
  );
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, PostgreSQL ${m.postgres}; load average ${m.loadAverageAtStart} at start.`,
  );
  lines.push(
    `Pages: autocannon, ${result.settings.connections} connections, 2 warm-up requests per connection and about ` +
      `${result.settings.warmupSeconds} s more of warm-up, then about ` +
      `${result.settings.seconds} s worth of requests, each one awaited; app pool ${result.settings.appPoolMax} connections. ` +
      `SQL baseline: each page's captured statements in ${result.settings.connections} loops, ${result.settings.warmupSeconds} s warm-up, ` +
      `${result.settings.seconds} s measured.`,
  );
  lines.push('');
  lines.push(
    '| Page | p50 ms | p95 ms | p99 ms | req/s | SQL p95 ms | p95 / SQL p95 | server CPU ms/req | HTML KB | page cache | uncached: ms, CPU ms |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const [key, page] of Object.entries(result.pages) as [PageKey, PageResult][]) {
    lines.push(
      `| ${PAGES[key].title} \`${page.path}\` | ${page.p50} | ${page.p95} | ${page.p99} | ${page.rps} | ${page.sqlP95} | ${(page.p95 / page.sqlP95).toFixed(1)}× | ${page.serverCpuMsPerRequest} | ${page.htmlKB} | ${page.pageCache} | ${page.uncachedP50}, ${page.uncachedCpuMsPerRequest} |`,
    );
  }
  if (result.export) {
    const e = result.export;
    lines.push('');
    lines.push('| Export | rows | seconds | rows/s | COPY rows/s | RSS growth |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    lines.push(
      `| updates.csv | ${fmt(e.rows)} | ${e.seconds} | ${fmt(e.rowsPerSec)} | ${fmt(e.copyRowsPerSec)} | ${e.rssGrowthMB} MB |`,
    );
  }
  if (result.followUps) {
    lines.push('');
    lines.push(
      `Log follow-up, measured at the data layer (logFollowUpSchema + logFollowUp, ${result.followUps.workers} workers, ` +
        `${result.followUps.seconds} s): ${result.followUpsPerSec} follow-ups/s, p50 ${result.followUps.p50} ms, p95 ${result.followUps.p95} ms.`,
    );
  }
  if (result.search) {
    const { page, typeahead } = result.search;
    lines.push('');
    lines.push(
      `Search: ${page.queries.length} queries sent in turn by each of ${result.settings.connections} connections ` +
        `(${page.queries.map((query) => `“${query.q}”`).join(', ')}), warmed up as the pages are.`,
    );
    lines.push('');
    lines.push(
      '| Search | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | load average | rows written on the server (bench DB) |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [title, endpoint] of [
      ['Search page', page],
      ['Commitment picker typeahead', typeahead],
    ] as const) {
      lines.push(
        `| ${title} \`${endpoint.path}\` | ${endpoint.p50} | ${endpoint.p95} | ${endpoint.p99} | ${endpoint.rps} | ${endpoint.serverCpuMsPerRequest} | ${endpoint.conditions.loadAverage} | ${fmt(endpoint.conditions.serverRowsWritten)} (${fmt(endpoint.conditions.benchRowsWritten)}) |`,
      );
    }
    lines.push('');
    lines.push('| Query | kind | page: hits, ms alone | typeahead: options, ms alone |');
    lines.push('| --- | --- | ---: | ---: |');
    page.queries.forEach((query, index) => {
      const option = typeahead.queries[index];
      lines.push(
        `| ${query.q} | ${query.kind} | ${fmt(query.hits)}, ${query.medianMs} | ${option ? `${option.hits}, ${option.medianMs}` : '—'} |`,
      );
    });
  }
  lines.push('');
  lines.push('| Target | Goal | Measured | Result |');
  lines.push('| --- | --- | --- | --- |');
  for (const target of result.targets) {
    lines.push(
      `| ${target.name} | ${target.goal} | ${target.measured} | ${target.pass === null ? '—' : target.pass ? 'pass' : 'FAIL'} |`,
    );
  }
  if (result.scale !== 100)
    lines.push('', '_The targets are set for scale 100; at this scale they are indicative._');
  return lines.join('\n');
}

export async function writeResults(root: string, result: BenchResult): Promise<string[]> {
  const dir = path.join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const files = [path.join(dir, 'latest.json'), path.join(dir, `scale-${result.scale}.json`)];
  for (const file of files) await writeFile(file, json);
  return files.map((file) => path.relative(root, file));
}
