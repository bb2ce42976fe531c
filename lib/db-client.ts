// The Prisma client factory behind lib/db.ts, free of 'server-only' so scripts (bench, CLI) and tests build their
// clients the same way the app does: the same pool settings, the same handling of dropped connections and the
// same slow-query log.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { currentRequestId, logger as defaultLogger, sqlShape, type Logger } from './log.ts';

/** Queries slower than this are logged (with their SQL shape only); PACTWATCH_SLOW_QUERY_MS, default 200. */
export function slowQueryMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.PACTWATCH_SLOW_QUERY_MS);
  return Number.isFinite(value) && value >= 0 && env.PACTWATCH_SLOW_QUERY_MS?.trim() ? value : 200;
}

/**
 * How long a request may wait for a connection of the pool (all busy) before it fails as "database unavailable",
 * which the app answers with its 503; PACTWATCH_POOL_WAIT_MS, default 5000. Unbounded, a few requests that hold
 * their connections (a stalled download, a slow query) would leave every other request, the health check
 * included, waiting with no answer at all.
 */
export function poolWaitMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.PACTWATCH_POOL_WAIT_MS);
  return Number.isInteger(value) && value > 0 ? value : 5_000;
}

/**
 * How long opening a connection may take before it fails. Without it a request to a database that is gone
 * without refusing (a dead host, a hung server) would wait forever.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The app's session settings, added to a connection string's `options` (kept when the string already sets
 * them, e.g. a search path): `jit=off`. The dashboards' statements take 5–70 ms to run, but their planner
 * estimates (correlated subqueries over the status history) pass PostgreSQL's default `jit_above_cost`, and
 * compiling them took 400–720 ms a statement at scale 100 (EXPLAIN ANALYZE: "JIT … Total 721 ms, Execution
 * 844 ms" for a 9 ms query). Short OLTP statements never gain from JIT. A string that is not a URL is left as it is.
 */
export function withSessionSettings(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) return connectionString;
  const options = url.searchParams.get('options') ?? '';
  if (/(^|\s)(-c\s*|--)jit=/.test(options)) return connectionString;
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c jit=off`);
  return url.toString();
}

/**
 * A connection with the timeout above and the app's session settings. pg-pool applies its own `connectionTimeoutMillis` (the pool wait) to
 * opening a connection too, so connecting is bounded by the shorter of the two.
 */
class TimedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(
      typeof config === 'string'
        ? { connectionString: withSessionSettings(config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS }
        : {
            ...config,
            ...(config?.connectionString
              ? { connectionString: withSessionSettings(config.connectionString) }
              : {}),
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          },
    );
  }
}

export type DatabaseClientOptions = {
  connectionString: string;
  max: number;
  log?: Logger;
  slowQueryMs?: number;
  /** How long to wait for a free connection; default poolWaitMs(). */
  poolWaitMs?: number;
};

const REQUEST_ID = Symbol('pactwatch.requestId');
type QueryConfig = { text?: string; [REQUEST_ID]?: string };

/**
 * Times every statement on the pool's connections and logs those over `thresholdMs`. Wraps the pg layer rather
 * than listening to Prisma's query events: those fire outside the request's async context (no request id), and
 * this also sees statements Prisma does not report. A statement sent through `pool.query` carries the id of
 * the request that sent it, taken before it waits for a connection (that wait is not counted).
 */
function logSlowQueries(pool: pg.Pool, thresholdMs: number, log: Logger): void {
  const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const config = args[0];
    if (config && typeof config === 'object') {
      const requestId = currentRequestId();
      if (requestId) Object.defineProperty(config, REQUEST_ID, { value: requestId, configurable: true });
    }
    return poolQuery(...args);
  };

  pool.on('connect', (client) => {
    const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const started = performance.now();
      const config = args[0] as string | QueryConfig | undefined;
      const text = typeof config === 'string' ? config : config?.text;
      const requestId = (typeof config === 'object' && config?.[REQUEST_ID]) || currentRequestId();
      const report = () => {
        const durationMs = performance.now() - started;
        if (durationMs < thresholdMs || !text) return;
        log.warn(
          { ...(requestId ? { requestId } : {}), durationMs: Math.round(durationMs), sql: sqlShape(text) },
          'slow query',
        );
      };
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          report();
          return (callback as (...a: unknown[]) => unknown)(...results);
        };
        return clientQuery(...args);
      }
      const result = clientQuery(...args);
      if (result instanceof Promise) result.then(report, report);
      return result;
    };
  });
}

/**
 * Where a client keeps its pool. A registered symbol, not a module-level WeakMap: Next bundles this module into the
 * proxy and the app separately, and both use the one client kept on globalThis (lib/db.ts).
 */
const POOL = Symbol.for('pactwatch.db.pool');

/**
 * The pg pool under a client made by createDatabaseClient, for the few hot paths where Prisma's per-row work costs
 * more than the query (the page cache's version check, the updates.csv batches). Same connections, same limits,
 * same slow-query log.
 */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = (client as unknown as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error('poolOf: the client was not made by createDatabaseClient');
  return pool;
}

/**
 * A Prisma client over a pg pool made for it. Connections that die while idle or inside a transaction (the
 * database restarted, the network dropped) are logged and discarded, never left to crash the process with an
 * unhandled `error` event; the pool opens new ones on demand, so the app recovers when the database returns.
 * A query that finds every connection busy for `poolWaitMs` fails the same way as one that finds no database.
 */
export function createDatabaseClient(options: DatabaseClientOptions): PrismaClient {
  const log = options.log ?? defaultLogger;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    // Waiting for a free connection fails after this ('timeout exceeded when trying to connect', which
    // isDatabaseUnavailable recognises): a full pool answers 503 instead of hanging.
    connectionTimeoutMillis: options.poolWaitMs ?? poolWaitMs(),
    Client: TimedClient,
    // Notices a peer that vanished without closing the socket.
    keepAlive: true,
  });
  // The adapter listens too, but the pool must never be without a listener, whatever the adapter version does.
  pool.on('error', (error) =>
    log.warn({ err: error }, 'database connection dropped while idle; the pool will open a new one'),
  );
  logSlowQueries(pool, options.slowQueryMs ?? slowQueryMs(), log);
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onConnectionError: (error) =>
      log.warn({ err: error }, 'database connection dropped during a transaction'),
  });
  const client = new PrismaClient({ adapter });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}
