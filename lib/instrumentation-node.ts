// The Node.js half of instrumentation.ts, imported only when Next runs on Node, so the Edge build of
// instrumentation.ts never sees `process` APIs it does not have.
import type { Instrumentation } from 'next';
import { isDatabaseUnavailable } from './db-errors.ts';
import { logger } from './log.ts';
import { startAppScheduler } from './scheduler/start.ts';

export function registerNode(): void {
  logger.info({ node: process.version, pid: process.pid }, 'server starting');
  // Feeds, notifications and digests (lib/scheduler/jobs.ts): due jobs run once across all instances.
  startAppScheduler();
  // Next's own handler stops accepting connections, lets in-flight requests finish, then exits.
  process.once('SIGTERM', () => logger.info('SIGTERM: finishing in-flight requests, then stopping'));
  process.once('SIGINT', () => logger.info('SIGINT: finishing in-flight requests, then stopping'));
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const fields = {
    requestId: firstHeader(request.headers['x-request-id']),
    method: request.method,
    // The path without its query string, which may carry what a user typed.
    path: request.path.split('?')[0],
    route: context.routePath,
    routeType: context.routeType,
    digest: (error as { digest?: unknown } | null)?.digest,
  };
  if (isDatabaseUnavailable(error)) {
    // The last line of the message names the cause ("Can't reach database server at …"); no stack per request.
    const reason = String((error as { message?: unknown } | null)?.message ?? '')
      .split('\n')
      .filter((line) => line.trim())
      .at(-1);
    logger.warn({ ...fields, databaseUnavailable: true, reason }, 'database unavailable');
  } else {
    logger.error({ ...fields, err: error }, 'request failed');
  }
};
