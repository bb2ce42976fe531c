// "The database is unreachable" as opposed to any other failure: the one error a user can do nothing about but
// wait, so it gets its own screen and a 503 (with Retry-After) instead of a 500. Free of Prisma, pg and Next
// imports on purpose: the proxy, route handlers, the error screens (client components) and tests all use it.

/** What the screen says; the 503 response the proxy sends and the error boundaries show the same words. */
export const DATABASE_UNAVAILABLE = {
  title: 'Database unavailable',
  message: "Pactwatch can't reach its database right now; it will recover on its own. Try again in a moment.",
} as const;

/** Seconds a client is asked to wait before retrying (the Retry-After header of a 503). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Prisma's codes for "no usable connection": can't reach (P1001), timed out reaching (P1002), operation timed out
 * (P1008), server closed the connection (P1017), no connection from the pool in time (P2024).
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** The driver adapter's error kinds for the same (`meta.driverAdapterError.cause.kind`). */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseAccessDenied',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);

/** Node socket errors (a `code` with a `syscall`). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), the server shutting down or starting (57P01-57P03),
 * too many connections (53300).
 */
function isConnectionSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Messages of node-postgres and pg-pool that carry no code. */
const DRIVER_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /can't reach database server/i,
  /server closed the connection unexpectedly/i,
];

type Inspectable = {
  code?: unknown;
  kind?: unknown;
  name?: unknown;
  message?: unknown;
  syscall?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  errors?: unknown;
};

function isUnavailableItself(error: Inspectable): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && PRISMA_CODES.has(code)) return true;
  if (code && SOCKET_CODES.has(code)) return true;
  if (code && isConnectionSqlState(code)) return true;
  if (typeof error.kind === 'string' && ADAPTER_KINDS.has(error.kind)) return true;
  const adapterCause = error.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === 'string' && ADAPTER_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.originalCode === 'string' && isConnectionSqlState(adapterCause.originalCode))
    return true;
  // Prisma's "could not start" error (no code) when the first connection fails.
  if (error.name === 'PrismaClientInitializationError') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  // P2028 is also a transaction that ran past its own timeout (a slow query: a bug to see, not to excuse); only
  // "could not even begin in time" means no connection could be had.
  if (code === 'P2028' && /unable to start a transaction/i.test(message)) return true;
  return DRIVER_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * True when `error` (or anything in its `cause` chain, e.g. Better Auth's "Failed to get session" wrapping
 * Prisma's P1001, or an AggregateError of connection attempts) says the database cannot be reached.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const inspectable = current as Inspectable;
    if (isUnavailableItself(inspectable)) return true;
    queue.push(inspectable.cause, inspectable.meta?.driverAdapterError);
    if (Array.isArray(inspectable.errors)) queue.push(...inspectable.errors);
  }
  return false;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The whole 503 page the proxy sends when it cannot even look the session up: no React, no database, no script,
 * so it renders whatever else is down. It reloads itself after a while, which is the "recovers on its own".
 */
function databaseUnavailableHtml(): string {
  const title = escapeHtml(DATABASE_UNAVAILABLE.title);
  const message = escapeHtml(DATABASE_UNAVAILABLE.message);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${DATABASE_RETRY_AFTER_SECONDS * 3}">
<title>${title} · Pactwatch</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1rem;
font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:28rem;text-align:center}
p.code{font-size:.875rem;font-weight:600;color:#b45309;margin:0}
h1{font-size:1.5rem;margin:.5rem 0 0}
p.message{color:#475569;line-height:1.5}
a{color:#4338ca}
</style>
</head>
<body>
<main role="alert">
<p class="code">503</p>
<h1>${title}</h1>
<p class="message">${message}</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;
}

/**
 * The proxy's answer while the database is unreachable: the page above for navigations, JSON for everything else
 * (API calls, server actions), both 503 with Retry-After and never cached.
 */
export function databaseUnavailableResponse(request: Request, requestId?: string): Response {
  const headers = new Headers({
    'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });
  if (requestId) headers.set('x-request-id', requestId);
  const accept = request.headers.get('accept') ?? '';
  const isNavigation =
    (request.method === 'GET' || request.method === 'HEAD') &&
    !new URL(request.url).pathname.startsWith('/api/') &&
    !request.headers.has('rsc') &&
    (accept.includes('text/html') || accept === '' || accept.includes('*/*'));
  if (isNavigation) {
    headers.set('Content-Type', 'text/html; charset=utf-8');
    return new Response(request.method === 'HEAD' ? null : databaseUnavailableHtml(), {
      status: 503,
      headers,
    });
  }
  return Response.json(
    { error: 'database_unavailable', message: DATABASE_UNAVAILABLE.message },
    { status: 503, headers },
  );
}
