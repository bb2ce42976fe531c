// Structured logs: one JSON object per line on stdout (pino), for a log collector to index rather than a person
// to scroll. Every line written while a request is handled carries that request's id (`requestId`, from the
// `x-request-id` header proxy.ts takes or makes), so one request's lines can be pulled out of a busy server's.
//
//   import { logger } from '@/lib/log';
//   logger.warn({ commitmentId }, 'status cache was stale');
//
// Secrets never reach the output: keys that name one (password, token, secret, cookie, authorization, ...) are
// replaced whatever their depth, and credentials inside connection strings are masked in every string.
// PACTWATCH_LOG_LEVEL sets the level (default info; silent under vitest unless set).
import { AsyncLocalStorage } from 'node:async_hooks';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { REQUEST_ID_HEADER } from './request-id.ts';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export { REQUEST_ID_HEADER, requestIdFrom } from './request-id.ts';

// ---------------------------------------------------------------------------------------------------------------
// The request id

type RequestContext = { requestId: string };

/**
 * For code that runs outside a Next request (scripts, tests, background work a request starts): the id set by
 * runWithRequestId. Kept on globalThis because Next bundles this module into the proxy and the app separately.
 */
const contextKey = Symbol.for('pactwatch.log.requestContext');
const requestContext: AsyncLocalStorage<RequestContext> = ((globalThis as Record<symbol, unknown>)[
  contextKey
] ??= new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

/**
 * The id of the request this code runs for, if any: runWithRequestId's, else the header proxy.ts put on the
 * request, read from the request store Next keeps for every page render, server action and route handler (the
 * store `headers()` reads, without the promise: a log line cannot wait).
 */
export function currentRequestId(): string | undefined {
  const own = requestContext.getStore();
  if (own) return own.requestId;
  try {
    const store = workUnitAsyncStorage.getStore();
    if (store && 'headers' in store && store.headers && typeof store.headers.get === 'function') {
      return store.headers.get(REQUEST_ID_HEADER) ?? undefined;
    }
  } catch {
    // A Next version whose store looks different: lines go out without the id rather than not at all.
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Keeping secrets out

const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|authorization|cookie|api[-_]?key|credential|hash$/i;
/** `scheme://user:password@host`: the password goes, the rest stays useful. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi;
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

function scrubText(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** A copy of `value` fit for a log line: secrets replaced, errors serialised, cycles and depth bounded. */
function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (!value || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return scrub(pino.stdSerializers.err(value), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && item !== null && item !== undefined ? REDACTED : scrub(item, depth + 1, seen);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// SQL shape

/**
 * A statement with every literal replaced by `?` and whitespace collapsed: what ran, never with which values.
 * Prisma already sends values as parameters ($1, $2); this also catches literals written into SQL text.
 */
export function sqlShape(sql: string, maxLength = 2_000): string {
  const shape = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    // Dollar-quoted bodies, then quoted strings (with '' escapes), then E'...' and numbers outside identifiers.
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/[EeBbXxUu]?'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$"])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w"])/g, '?')
    // A list of placeholders or literals (IN (...), VALUES rows) is one thing, however long.
    .replace(/\(\s*(?:\?|\$\d+)(?:\s*,\s*(?:\?|\$\d+))*\s*\)/g, '(?)')
    .replace(/\s+/g, ' ')
    .trim();
  return shape.length > maxLength ? `${shape.slice(0, maxLength)}…` : shape;
}

// ---------------------------------------------------------------------------------------------------------------
// The logger

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function defaultLevel(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PACTWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (configured && LEVELS.has(configured)) return configured;
  // Tests assert on behaviour, not on log output; a test about logging passes its own level.
  return env.VITEST ? 'silent' : 'info';
}

export type LoggerOptions = { level?: string; destination?: DestinationStream };

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? defaultLevel(),
      base: { service: 'pactwatch' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      // Errors are serialised (and scrubbed) by formatters.log below, which runs first.
      serializers: { err: (value: unknown) => value },
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        // Message strings are scrubbed too (a connection string pasted into an error message).
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const loggerKey = Symbol.for('pactwatch.log.logger');

/** The process's logger (one per process, shared by the proxy and app bundles). */
export const logger: Logger = ((globalThis as Record<symbol, unknown>)[loggerKey] ??=
  createLogger()) as Logger;
