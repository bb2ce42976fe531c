// Next's server hooks: structured lines (lib/log.ts) for the server starting and stopping and for every error a
// request ends in, each with the request's id; a database that cannot be reached is a warning of its own
// ("database unavailable"), not a stack trace per request. The work is in lib/instrumentation-node.ts, loaded on
// Node only.
import type { Instrumentation } from 'next';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerNode } = await import('./lib/instrumentation-node.ts');
  registerNode();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logRequestError } = await import('./lib/instrumentation-node.ts');
  await logRequestError(error, request, context);
};
