// Latency measurement shared by every part of the bench: the same percentile rule for HTTP (autocannon) and for
// the SQL baseline, so "page p95 ≤ 3 × SQL p95" compares like with like.
import autocannon from 'autocannon';

/** The Accept header of a browser's page load. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export type Latency = { p50: number; p95: number; p99: number; rps: number; count: number; seconds: number };

/** Nearest-rank percentile of ascending `sorted` values (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarise(samples: number[], seconds: number): Latency {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    rps: round(samples.length / seconds),
    count: samples.length,
    seconds: round(seconds),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Runs autocannon against one URL: `connections` keep-alive connections sending `amount` requests in all, and
 * returns each response's latency. A run by count, not by time: every request sent is awaited and counted, so
 * no slow response is dropped at the end of a window (which would flatter p95) and no abandoned request keeps
 * the server busy into the next measurement. `maxSeconds` stops a run that takes far too long. Any non-2xx
 * answer fails the run (a benchmark of redirects to the sign-in page would measure the wrong thing); so do
 * socket errors and timeouts beyond 2 % of the requests. A few are tolerated and reported: on an overloaded
 * machine the server's 5 s keep-alive timer can fire before it reads a request already sent, and resets that
 * connection.
 */
export async function loadTest(options: LoadOptions): Promise<Latency & { errors: number }> {
  const run = await loadSamples(options);
  return { ...summarise(run.samples, run.seconds), errors: run.errors };
}

/**
 * The same load spread over several servers of one app (`urls`, e.g. two `next start` on one database): the
 * connections and requests are split evenly, the runs go at the same time, and the percentiles are over all
 * responses together.
 */
export async function loadTestSpread(
  options: Omit<LoadOptions, 'url'> & { urls: readonly string[] },
): Promise<Latency & { errors: number }> {
  const { urls, ...rest } = options;
  const share = (total: number, index: number) =>
    Math.floor(total / urls.length) + (index < total % urls.length ? 1 : 0);
  const started = performance.now();
  const runs = await Promise.all(
    urls.map((url, index) =>
      loadSamples({
        ...rest,
        url,
        connections: Math.max(1, share(options.connections, index)),
        amount: Math.max(1, share(options.amount, index)),
      }),
    ),
  );
  return {
    ...summarise(
      runs.flatMap((run) => run.samples),
      (performance.now() - started) / 1000,
    ),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

type LoadOptions = {
  url: string;
  cookie: string;
  connections: number;
  amount: number;
  maxSeconds: number;
  /** Paths on `url`'s server sent in turn by every connection (a fixed mix); `url` alone when absent. */
  paths?: readonly string[];
};

async function loadSamples(
  options: LoadOptions,
): Promise<{ samples: number[]; errors: number; seconds: number }> {
  const samples: number[] = [];
  let bad = 0;
  let firstBad = '';
  let errors = 0;
  let firstError = '';
  let stoppedEarly = false;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: Math.max(options.amount, options.connections),
        // What a browser sends for a page load (the page cache answers page loads, not Next's RSC fetches).
        headers: { cookie: options.cookie, accept: BROWSER_ACCEPT },
        ...(options.paths
          ? { requests: options.paths.map((path) => ({ method: 'GET' as const, path })) }
          : {}),
        timeout: 120,
      },
      (error: unknown, result: autocannon.Result) => {
        clearTimeout(guard);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const guard = setTimeout(() => {
      stoppedEarly = true;
      instance.stop();
    }, options.maxSeconds * 1000);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
      else if (!bad++) firstBad = `HTTP ${statusCode}`;
    });
    instance.on('reqError', (error: Error) => {
      if (!errors++) firstError = error.message;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  if (bad) throw new Error(`${options.url}: ${bad} answer(s) other than 2xx, first: ${firstBad}`);
  errors = Math.max(errors, result.errors + result.timeouts);
  if (errors > Math.max(1, options.amount * 0.02)) {
    throw new Error(`${options.url}: ${errors} failed request(s), first: ${firstError || 'timeout'}`);
  }
  if (errors)
    console.warn(`[bench]   ${errors} request(s) failed at the socket (${firstError || 'timeout'})`);
  if (!samples.length) throw new Error(`${options.url}: no response within ${options.maxSeconds} s`);
  if (stoppedEarly) {
    console.warn(
      `[bench]   stopped after ${options.maxSeconds} s with ${samples.length}/${options.amount} responses`,
    );
  }
  return { samples, errors, seconds };
}

/**
 * How many requests the measured run sends: as many as fill about `seconds` at the warm-up's pace, at least
 * three per connection, at most `maxRequests`.
 */
export function measuredAmount(
  warmup: Latency,
  connections: number,
  seconds: number,
  maxRequests: number,
): number {
  return Math.min(maxRequests, Math.max(connections * 3, Math.round(warmup.rps * seconds)));
}

/**
 * Runs `iteration` in `workers` parallel loops for `seconds` (and at most `maxIterations` in all), timing each
 * call: the SQL baseline and the follow-up throughput use it.
 */
export async function parallelLoops(options: {
  workers: number;
  seconds: number;
  maxIterations: number;
  iteration: (worker: number, n: number) => Promise<void>;
}): Promise<Latency> {
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline && issued < options.maxIterations; n++) {
        issued++;
        const t0 = performance.now();
        await options.iteration(worker, n);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return summarise(samples, (performance.now() - started) / 1000);
}
