// bench/results/latest.json and the markdown table printed at the end of a run, with the targets of issues 6 and
// 19 (judged at scale 100 on the 2-core machine; at other scales the table still says how far each one is). Every
// row carries its conditions: the load average when its window started and the rows written on the server during it.
import os from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeConditions, type Conditions } from './conditions.ts';
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
  conditions: Conditions;
};

/** A page under load (with writes, or spread over instances). */
export type LoadRow = Latency & {
  path: string;
  socketErrors: number;
  /** Server CPU over the window ÷ requests (with several instances: all of them together). */
  serverCpuMsPerRequest: number;
  conditions: Conditions;
};

/** A page rendered on an instance without the page cache (PACTWATCH_PAGE_CACHE_MB=0), one request at a time. */
export type RenderResult = {
  path: string;
  htmlKB: number;
  cpuMsPerRequest: number;
  p50: number;
  requests: number;
  /** Requests of every page in turn, unmeasured, before the measured ones. */
  warmup: number;
  conditions: Conditions;
};

/** The four pages again while a writer logs follow-ups at `writesPerSecond`. */
export type UnderWrites = {
  writesPerSecond: number;
  /** The writer's own writes over all four windows. */
  writes: Latency;
  pages: Partial<Record<PageKey, LoadRow>>;
};

/** A scheduler job made due once while every instance ticks: how many times it ran. */
export type SchedulerCheck = {
  name: string;
  runsBefore: number;
  runsAfter: number;
  everyMs: number;
  lastRunBy: string | null;
  lastError: string | null;
  pass: boolean;
};

export type InstancesResult = {
  count: number;
  baseUrls: string[];
  /** GET / with the cookie of one sign-in (on the first instance), on each instance. */
  sessionStatus: number[];
  /** A follow-up written while each instance had the commitment page cached: seen on each one's next load. */
  writeSeen: boolean[];
  writesPerSecond: number;
  /** The writer's posts, in turn to each instance, while the pages were measured. */
  writes: Latency | null;
  pages: Partial<Record<PageKey, LoadRow>>;
  scheduler: SchedulerCheck[];
  schedulerWaitSeconds: number;
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
  export:
    | (ExportResult & {
        copyRowsPerSec: number;
        copyRows: number;
        copySeconds: number;
        conditions?: Conditions;
      })
    | null;
  followUpsPerSec: number | null;
  followUps:
    | (Latency & {
        measuredAt: 'data layer (logFollowUpSchema + logFollowUp)';
        workers: number;
        conditions?: Conditions;
      })
    | null;
  /** Issue 19: every page rendered without the page cache. */
  renders: Partial<Record<PageKey, RenderResult>> | null;
  /** Issue 19: the pages while follow-ups are written. */
  underWrites: UnderWrites | null;
  /** Issue 19: the pages spread over several instances of the app on one database. */
  instances: InstancesResult | null;
  /** Issue 19: log-follow-up through the running app (POST /api/v1/follow-ups) at `workers` concurrent workers. */
  httpFollowUps: (Latency & { workers: number; conditions: Conditions; warmup?: Latency }) | null;
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
  const under = result.underWrites;
  for (const [key, page] of Object.entries(result.pages) as [PageKey, PageResult][]) {
    if (PAGES[key].dashboard) {
      targets.push({
        name: `${PAGES[key].title}: p95, no writes`,
        goal: '≤ 100 ms',
        measured: `${page.p95} ms (${describeConditions(page.conditions)})`,
        pass: page.p95 <= 100,
      });
    }
    const loaded = under?.pages[key];
    if (under && loaded) {
      targets.push({
        name: `${PAGES[key].title}: p95 at ${under.writesPerSecond} write/s`,
        goal: '≤ 100 ms',
        measured: `${loaded.p95} ms (no writes: ${page.p95} ms; ${describeConditions(loaded.conditions)})`,
        pass: loaded.p95 <= 100,
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
  for (const [key, render] of Object.entries(result.renders ?? {}) as [PageKey, RenderResult][]) {
    // The targets are the dashboards'; the agreements list is shown beside them, not judged.
    const judged = PAGES[key].dashboard;
    const where = describeConditions(render.conditions);
    targets.push({
      name: `${PAGES[key].title}, no cache: server CPU per request`,
      goal: judged ? '≤ 30 ms' : '(a list: shown)',
      measured: `${render.cpuMsPerRequest} ms (${where})`,
      pass: judged ? render.cpuMsPerRequest <= 30 : null,
    });
    targets.push({
      name: `${PAGES[key].title}, no cache: HTML`,
      goal: judged ? '≤ 100 KB' : '(a list: shown)',
      measured: `${render.htmlKB} KB`,
      pass: judged ? render.htmlKB <= 100 : null,
    });
  }
  if (result.export) {
    const e = result.export;
    const ratio = e.rowsPerSec / e.copyRowsPerSec;
    const where = e.conditions ? `; ${describeConditions(e.conditions)}` : '';
    targets.push({
      name: 'updates.csv rows/s vs COPY of the report’s columns joined (no window functions)',
      goal: '≥ 0.5×',
      measured: `${ratio.toFixed(2)}× (${fmt(e.rowsPerSec)} / ${fmt(e.copyRowsPerSec)} rows/s, ${fmt(e.rows)} rows${where})`,
      pass: ratio >= 0.5,
    });
    targets.push({
      name: 'updates.csv RSS growth',
      goal: '≤ 150 MB',
      measured: `${e.rssGrowthMB} MB`,
      pass: e.rssGrowthMB <= 150,
    });
  }
  if (result.httpFollowUps) {
    const f = result.httpFollowUps;
    targets.push({
      name: `Log follow-up through the app (POST /api/v1/follow-ups), ${f.workers} concurrent workers: p95`,
      goal: '≤ 150 ms',
      measured: `${f.p95} ms (${f.rps}/s; ${describeConditions(f.conditions)})`,
      pass: f.p95 <= 150,
    });
  }
  if (result.instances) {
    const i = result.instances;
    for (const [key, page] of Object.entries(i.pages) as [PageKey, LoadRow][]) {
      targets.push({
        name: `${PAGES[key].title}: p95 over ${i.count} instances at ${i.writesPerSecond} write/s`,
        goal: '≤ 100 ms',
        measured: `${page.p95} ms (${describeConditions(page.conditions)})`,
        pass: page.p95 <= 100,
      });
    }
    targets.push({
      name: `${i.count} instances: one sign-in's session works on each`,
      goal: 'HTTP 200 on each',
      measured: i.sessionStatus.join(', '),
      pass: i.sessionStatus.every((status) => status === 200),
    });
    targets.push({
      name: `${i.count} instances: a write is visible on each one's next load`,
      goal: 'seen on each',
      measured: i.writeSeen.map((seen) => (seen ? 'seen' : 'not seen')).join(', '),
      pass: i.writeSeen.every(Boolean),
    });
    targets.push({
      name: `${i.count} instances: each scheduler job made due runs once`,
      goal: 'once each',
      measured: i.scheduler.length
        ? i.scheduler
            .map((job) => `${job.name} ${job.runsAfter - job.runsBefore}× (${job.lastRunBy ?? '?'})`)
            .join('; ')
        : 'no jobs registered',
      pass: i.scheduler.length > 0 && i.scheduler.every((job) => job.pass),
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
    '| Page, no writes | p50 ms | p95 ms | p99 ms | req/s | SQL p95 ms | p95 / SQL p95 | server CPU ms/req | HTML KB | page cache | uncached (SQL capture): ms, CPU ms | load avg at start | rows written on the server |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const [key, page] of Object.entries(result.pages) as [PageKey, PageResult][]) {
    lines.push(
      `| ${PAGES[key].title} \`${page.path}\` | ${page.p50} | ${page.p95} | ${page.p99} | ${page.rps} | ${page.sqlP95} | ${(page.p95 / page.sqlP95).toFixed(1)}× | ${page.serverCpuMsPerRequest} | ${page.htmlKB} | ${page.pageCache} | ${page.uncachedP50}, ${page.uncachedCpuMsPerRequest} | ${page.conditions.loadAverage} | ${fmt(page.conditions.serverRowsWritten)} |`,
    );
  }
  if (result.underWrites) {
    const w = result.underWrites;
    lines.push('');
    lines.push(
      `Under writes: a writer posts follow-ups through the app (POST /api/v1/follow-ups, the action's steps) at ${w.writesPerSecond}/s ` +
        `while each page is measured as above: ${w.writes.count} writes, p50 ${w.writes.p50} ms, p95 ${w.writes.p95} ms.`,
    );
    lines.push('');
    lines.push(
      `| Page | p95 ms, no writes | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | load avg at start | rows written on the server (bench DB) |`,
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [key, page] of Object.entries(w.pages) as [PageKey, LoadRow][]) {
      lines.push(
        `| ${PAGES[key].title} at ${w.writesPerSecond} write/s | ${result.pages[key]?.p95 ?? '—'} | ${page.p50} | ${page.p95} | ${page.p99} | ${page.rps} | ${page.serverCpuMsPerRequest} | ${page.conditions.loadAverage} | ${fmt(page.conditions.serverRowsWritten)} (${fmt(page.conditions.benchRowsWritten)}) |`,
      );
    }
  }
  if (result.renders) {
    lines.push('');
    lines.push(
      'Renders without any cache: an instance started with PACTWATCH_PAGE_CACHE_MB=0 (no SQL capture), each page ' +
        `warmed up by ${Object.values(result.renders)[0]?.warmup ?? 0} requests of the pages in turn (a server in ` +
        'service, its JIT settled), then each page requested one at a time. The first ' +
        'requests of a fresh process are in the first table ("uncached (SQL capture)", after two warm-up requests).',
    );
    lines.push('');
    lines.push(
      '| Page, no cache | HTML KB | server CPU ms/req | p50 ms | requests | load avg at start | rows written on the server |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [key, render] of Object.entries(result.renders) as [PageKey, RenderResult][]) {
      lines.push(
        `| ${PAGES[key].title} \`${render.path}\` | ${render.htmlKB} | ${render.cpuMsPerRequest} | ${render.p50} | ${render.requests} | ${render.conditions.loadAverage} | ${fmt(render.conditions.serverRowsWritten)} |`,
      );
    }
  }
  if (result.instances) {
    const i = result.instances;
    lines.push('');
    lines.push(
      `${i.count} instances (${i.baseUrls.join(', ')}), one database, one BETTER_AUTH_SECRET: the connections split ` +
        `evenly over them, ${i.writesPerSecond} write/s meanwhile, posted to each in turn` +
        (i.writes ? ` (${i.writes.count} writes, p95 ${i.writes.p95} ms)` : '') +
        `. Session of one sign-in on each: HTTP ${i.sessionStatus.join(', ')}; ` +
        `a follow-up posted to the first, seen on each one's next load: ${i.writeSeen.map((seen) => (seen ? 'yes' : 'no')).join(', ')}.`,
    );
    lines.push('');
    lines.push(
      '| Page, spread | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req (all instances) | load avg at start | rows written on the server (bench DB) |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [key, page] of Object.entries(i.pages) as [PageKey, LoadRow][]) {
      lines.push(
        `| ${PAGES[key].title} | ${page.p50} | ${page.p95} | ${page.p99} | ${page.rps} | ${page.serverCpuMsPerRequest} | ${page.conditions.loadAverage} | ${fmt(page.conditions.serverRowsWritten)} (${fmt(page.conditions.benchRowsWritten)}) |`,
      );
    }
    lines.push('');
    lines.push(
      `Scheduler: every ScheduledJob made due at once while ${i.count} instances tick; after ${i.schedulerWaitSeconds} s:`,
    );
    lines.push('');
    lines.push('| Job | runs before | runs after | every | last run by | last error |');
    lines.push('| --- | ---: | ---: | ---: | --- | --- |');
    for (const job of i.scheduler) {
      lines.push(
        `| ${job.name} | ${job.runsBefore} | ${job.runsAfter} | ${fmt(Math.round(job.everyMs / 1000))} s | ${job.lastRunBy ?? '—'} | ${job.lastError ?? '—'} |`,
      );
    }
  }
  if (result.export) {
    const e = result.export;
    lines.push('');
    lines.push(
      "Baseline: `COPY` of the export's own SELECT (updatesCopySelect, no filters): the report's columns joined, no " +
        'window functions, since each row keeps its previous status (StatusUpdate.previousStatus).',
    );
    lines.push('');
    lines.push(
      '| Export | rows | seconds | rows/s | COPY (columns joined, no window functions) rows/s | RSS growth | load avg at start | rows written on the server |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    lines.push(
      `| updates.csv | ${fmt(e.rows)} | ${e.seconds} | ${fmt(e.rowsPerSec)} | ${fmt(e.copyRowsPerSec)} | ${e.rssGrowthMB} MB | ${e.conditions?.loadAverage ?? '—'} | ${e.conditions ? fmt(e.conditions.serverRowsWritten) : '—'} |`,
    );
  }
  if (result.httpFollowUps) {
    const f = result.httpFollowUps;
    lines.push('');
    lines.push(
      `Log follow-up through the app (POST /api/v1/follow-ups with a write token: the action's schema, warnings check, ` +
        `transaction and revalidation; ${f.workers} workers, ${f.seconds} s): ${f.rps} follow-ups/s, p50 ${f.p50} ms, ` +
        `p95 ${f.p95} ms; ${describeConditions(f.conditions)} on the server.` +
        (f.warmup
          ? ` Before it, unmeasured, ${f.warmup.seconds} s of the same loops on the fresh route: ${fmt(f.warmup.count)} ` +
            `follow-ups, ${f.warmup.rps}/s, p50 ${f.warmup.p50} ms, p95 ${f.warmup.p95} ms.`
          : ''),
    );
  }
  if (result.followUps) {
    lines.push('');
    lines.push(
      `Log follow-up, measured at the data layer (logFollowUpSchema + logFollowUp, ${result.followUps.workers} workers, ` +
        `${result.followUps.seconds} s): ${result.followUpsPerSec} follow-ups/s, p50 ${result.followUps.p50} ms, p95 ${result.followUps.p95} ms` +
        (result.followUps.conditions
          ? `; ${describeConditions(result.followUps.conditions)} on the server.`
          : '.'),
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
      '| Search | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | served from | load average | rows written on the server (bench DB) |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
    for (const [title, endpoint] of [
      ['Search page', page],
      ['Commitment picker typeahead', typeahead],
    ] as const) {
      lines.push(
        `| ${title} \`${endpoint.path}\` | ${endpoint.p50} | ${endpoint.p95} | ${endpoint.p99} | ${endpoint.rps} | ${endpoint.serverCpuMsPerRequest} | ${endpoint.servedFrom === 'hit' ? 'memory (data version unchanged)' : 'render'} | ${endpoint.conditions.loadAverage} | ${fmt(endpoint.conditions.serverRowsWritten)} (${fmt(endpoint.conditions.benchRowsWritten)}) |`,
      );
    }
    lines.push('');
    lines.push(
      '| Query | kind | page: hits, ms alone | page uncached: ms alone | typeahead: options, ms alone | typeahead uncached: ms alone |',
    );
    lines.push('| --- | --- | ---: | ---: | ---: | ---: |');
    page.queries.forEach((query, index) => {
      const option = typeahead.queries[index];
      lines.push(
        `| ${query.q} | ${query.kind} | ${fmt(query.hits)}, ${query.medianMs} | ${query.uncachedMs ?? '—'} | ${option ? `${option.hits}, ${option.medianMs}` : '—'} | ${option?.uncachedMs ?? '—'} |`,
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
