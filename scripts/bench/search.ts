// The search part of the bench (issue 15): a fixed mix of queries, one of each kind an analyst types, sent in turn
// by every connection to the /search page and, separately, to the commitment picker's typeahead
// (/api/options/commitments); then the HTML size of the follow-up form, the one page that used to embed every
// commitment. Each measurement is reported with its conditions: the machine's load average when it ended and the
// rows written on the PostgreSQL server while it ran (the machine is shared; other work makes the numbers worse).
import { getPage, type App } from './app.ts';
import { watchConditions, type Conditions } from './conditions.ts';
import { loadTest, measuredAmount, percentile, round, type Latency } from './measure.ts';

/** The mix: English words (stemmed), a typo, Chinese without spaces, Urdu, a piece of a link, an acronym. */
const SEARCH_QUERIES: readonly { kind: string; q: string }[] = [
  { kind: 'English words', q: 'police training' },
  { kind: 'typo', q: 'protecton unit' },
  { kind: 'Chinese, two characters', q: '反恐' },
  { kind: 'Urdu word', q: 'پولیس' },
  { kind: 'URL fragment', q: 'dawn.example/news' },
  { kind: 'acronym', q: 'NCCIA' },
];

const FOLLOW_UP_FORM = '/follow-ups/new';
const PAGE_CACHE = 'x-pactwatch-page-cache';
const OPTIONS_MEMO = 'x-pactwatch-options-memo';

export type SearchEndpointResult = Latency & {
  path: string;
  socketErrors: number;
  serverCpuMsPerRequest: number;
  conditions: Conditions;
  /**
   * What answered a request just after the measured window: the page cache or the pickers' memo (`hit`, both kept
   * under the data version, decision 019), or a render (`miss`).
   */
  servedFrom: string;
  /**
   * Each query alone, one request at a time: median latency and what it found; `uncachedMs`, the median on the
   * instance with the caches off (PACTWATCH_PAGE_CACHE_MB=0), i.e. what the first request after a write costs.
   */
  queries: { kind: string; q: string; path: string; medianMs: number; hits: number; uncachedMs?: number }[];
};

export type SearchResult = {
  page: SearchEndpointResult;
  typeahead: SearchEndpointResult;
  followUpForm: { path: string; htmlKB: number; status: number };
};

async function resolvePath(app: App, pathname: string, cookie: string): Promise<string> {
  const first = await getPage(app.baseUrl, pathname, cookie);
  if (first.status >= 300 && first.status < 400 && first.location) {
    const next = new URL(first.location, app.baseUrl);
    return `${next.pathname}${next.search}`;
  }
  if (first.status !== 200) throw new Error(`GET ${pathname} answered ${first.status}`);
  return pathname;
}

/** GET with the body, for counting what a query found. */
async function getText(app: App, pathname: string, cookie: string, accept: string): Promise<string> {
  return (await getWithHeaders(app, pathname, cookie, accept)).text;
}

async function getWithHeaders(
  app: App,
  pathname: string,
  cookie: string,
  accept: string,
): Promise<{ text: string; headers: Headers }> {
  const response = await fetch(`${app.baseUrl}${pathname}`, {
    headers: { cookie, accept },
    redirect: 'manual',
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
  return { text, headers: response.headers };
}

/** Median of five requests one at a time. */
async function medianAlone(url: string, path: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await getPage(url, path, cookie);
    times.push(performance.now() - started);
  }
  return round(
    percentile(
      times.sort((a, b) => a - b),
      50,
    ),
  );
}

function pagePathOf(q: string): string {
  return `/search?q=${encodeURIComponent(q)}`;
}

function typeaheadPathOf(q: string): string {
  return `/api/options/commitments?${new URLSearchParams({ q, limit: '20' })}`;
}

/**
 * Each query of the mix alone on an instance with the caches off: what a search costs when it is not in memory
 * (the first after any write). Keyed by the query text.
 */
export async function measureSearchUncached(
  app: App,
  cookie: string,
  say: (line: string) => void,
): Promise<{ page: Record<string, number>; typeahead: Record<string, number> }> {
  const page: Record<string, number> = {};
  const typeahead: Record<string, number> = {};
  for (const entry of SEARCH_QUERIES) {
    page[entry.q] = await medianAlone(
      app.baseUrl,
      await resolvePath(app, pagePathOf(entry.q), cookie),
      cookie,
    );
    typeahead[entry.q] = await medianAlone(app.baseUrl, typeaheadPathOf(entry.q), cookie);
    say(`  “${entry.q}”: page ${page[entry.q]} ms, typeahead ${typeahead[entry.q]} ms (uncached, alone)`);
  }
  return { page, typeahead };
}

async function measureEndpoint(options: {
  app: App;
  cookie: string;
  databaseUrl: string;
  database: string;
  paths: { kind: string; q: string; path: string }[];
  hitsOf: (path: string) => Promise<number>;
  /** The header naming what answered (page cache or pickers' memo). */
  servedFromHeader: string;
  uncached?: Record<string, number>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  maxRequests: number;
  cpuMs: (pid: number) => Promise<number>;
  say: (line: string) => void;
}): Promise<SearchEndpointResult> {
  const { app, cookie, connections } = options;
  const url = app.baseUrl;
  const paths = options.paths.map((entry) => entry.path);
  // Each query alone first: that it finds something, and what it costs by itself.
  const queries: SearchEndpointResult['queries'] = [];
  for (const entry of options.paths) {
    const hits = await options.hitsOf(entry.path);
    const medianMs = await medianAlone(url, entry.path, cookie);
    const uncachedMs = options.uncached?.[entry.q];
    queries.push({ ...entry, medianMs, hits, ...(uncachedMs === undefined ? {} : { uncachedMs }) });
    options.say(`  “${entry.q}” (${entry.kind}): ${hits} hit(s), ${medianMs} ms alone`);
  }
  const first = await loadTest({ url, cookie, connections, amount: connections * 2, maxSeconds: 300, paths });
  const warmup = await loadTest({
    url,
    cookie,
    connections,
    amount: measuredAmount(first, connections, options.warmupSeconds, options.maxRequests),
    maxSeconds: options.warmupSeconds * 3 + 60,
    paths,
  });
  const amount = measuredAmount(warmup, connections, options.seconds, options.maxRequests);
  const conditions = await watchConditions(options.databaseUrl, options.database);
  const cpuBefore = await options.cpuMs(app.serverPid);
  const http = await loadTest({
    url,
    cookie,
    connections,
    amount,
    maxSeconds: options.seconds * 3 + 60,
    paths,
  });
  const serverCpuMsPerRequest = round(
    ((await options.cpuMs(app.serverPid)) - cpuBefore) / Math.max(1, http.count),
  );
  const { errors, ...latency } = http;
  const ended = await conditions();
  const probe = await getWithHeaders(
    app,
    paths[0],
    cookie,
    options.servedFromHeader === PAGE_CACHE ? 'text/html' : 'application/json',
  );
  return {
    ...latency,
    path: paths[0].replace(/\?.*$/, ''),
    socketErrors: errors,
    serverCpuMsPerRequest,
    conditions: ended,
    servedFrom: probe.headers.get(options.servedFromHeader) ?? 'none',
    queries,
  };
}

/** The search page and the typeahead under the mix, then the follow-up form's size, on the running app. */
export async function measureSearch(options: {
  app: App;
  /** A viewer's session: the search page and the typeahead need read access. */
  viewerCookie: string;
  /** An analyst's session: the follow-up form needs write access. */
  analystCookie: string;
  databaseUrl: string;
  database: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  maxRequests: number;
  cpuMs: (pid: number) => Promise<number>;
  say: (line: string) => void;
  /** Each query alone with the caches off (measureSearchUncached), when measured. */
  uncached?: { page: Record<string, number>; typeahead: Record<string, number> };
}): Promise<SearchResult> {
  const { app, viewerCookie: cookie, say } = options;
  const common = { ...options, cookie };

  say(`search page: ${SEARCH_QUERIES.length} queries in turn, ${options.connections} connections…`);
  const pagePaths = [];
  for (const entry of SEARCH_QUERIES) {
    const path = await resolvePath(app, pagePathOf(entry.q), cookie);
    pagePaths.push({ ...entry, path });
  }
  const page = await measureEndpoint({
    ...common,
    paths: pagePaths,
    servedFromHeader: PAGE_CACHE,
    uncached: options.uncached?.page,
    // Each kind's card says "N found" (a text node: `>N found<`, unlike the same words in the RSC payload).
    hitsOf: async (path) => {
      const html = await getText(app, path, cookie, 'text/html');
      return [...html.matchAll(/>(\d[\d,]*)\+? found</g)].reduce(
        (sum, match) => sum + Number(match[1].replaceAll(',', '')),
        0,
      );
    },
  });
  say(
    `  ${page.count} requests: p50 ${page.p50} ms, p95 ${page.p95} ms, ${page.rps} req/s; load average ` +
      `${page.conditions.loadAverage}, ${page.conditions.serverRowsWritten} rows written on the server`,
  );

  say(`commitment picker typeahead: the same queries, ${options.connections} connections…`);
  const typeaheadPaths = SEARCH_QUERIES.map((entry) => ({
    ...entry,
    path: typeaheadPathOf(entry.q),
  }));
  const typeahead = await measureEndpoint({
    ...common,
    paths: typeaheadPaths,
    servedFromHeader: OPTIONS_MEMO,
    uncached: options.uncached?.typeahead,
    hitsOf: async (path) =>
      (
        (JSON.parse(await getText(app, path, cookie, 'application/json')) as { options: unknown[] })
          .options ?? []
      ).length,
  });
  say(
    `  ${typeahead.count} requests: p50 ${typeahead.p50} ms, p95 ${typeahead.p95} ms, ${typeahead.rps} req/s; ` +
      `load average ${typeahead.conditions.loadAverage}, ${typeahead.conditions.serverRowsWritten} rows written on the server`,
  );

  const form = await getPage(app.baseUrl, FOLLOW_UP_FORM, options.analystCookie);
  if (form.status !== 200)
    throw new Error(`GET ${FOLLOW_UP_FORM} answered ${form.status} ${form.location ?? ''}`);
  const followUpForm = { path: FOLLOW_UP_FORM, htmlKB: Math.round(form.bytes / 1024), status: form.status };
  say(`follow-up form ${FOLLOW_UP_FORM}: ${followUpForm.htmlKB} KB of HTML`);
  return { page, typeahead, followUpForm };
}
