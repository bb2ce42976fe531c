// The id that ties one request's log lines together (lib/log.ts). proxy.ts takes it from the `x-request-id` header
// a load balancer sent, or makes one, and passes it on to the page, action or route and back to the client.
// Kept apart from lib/log.ts so the proxy does not load the logger.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a client may choose as its id (a load balancer's, say): short, and nothing that could forge a log line. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request arrived with when it is acceptable, a new random one otherwise. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && ACCEPTABLE_ID.test(header) ? header : randomUUID();
}
