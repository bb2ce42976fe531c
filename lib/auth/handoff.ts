// The proxy's session check, handed to the page (decision 019): proxy.ts has just asked Better Auth about this very
// request's session (or remembered its answer under the data version), so the page, action or route need not ask
// again a few milliseconds later. The proxy removes any header of this name the client sent, then adds its own:
// who the user is, for which request, until when, signed with a key derived from BETTER_AUTH_SECRET. The page
// accepts it only with a valid signature, the request id it was made for and before it expires; anything else,
// and a missing header, means the full check as before. Setting request headers in the proxy is Next's documented
// `NextResponse.next({ request: { headers } })`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './permissions.ts';

export const HANDOFF_HEADER = 'x-pactwatch-verified-user';

/** Long enough for a slow render to start, short enough that a copied value is useless. */
const LIFETIME_MS = 60_000;

export type HandedUser = { id: string; name: string; email: string; role: Role };

type Payload = { u: HandedUser; r: string; e: number };

function keyOf(secret: string): Buffer {
  // A key of its own: the session cookies' signing key is never used for anything else.
  return createHmac('sha256', secret).update('pactwatch.proxy-handoff.v1').digest();
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');
}

/** The header's value for `user`, valid for request `requestId` only. */
export function signHandoff(user: HandedUser, requestId: string, secret: string, now = Date.now()): string {
  const body: Payload = {
    u: { id: user.id, name: user.name, email: user.email, role: user.role },
    r: requestId,
    e: now + LIFETIME_MS,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The user the proxy vouched for, or null unless the value is signed, for this request and not expired. */
export function verifyHandoff(
  value: string | null,
  requestId: string | null,
  secret: string,
  now = Date.now(),
): HandedUser | null {
  if (!value || !requestId || value.length > 4096) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let body: Payload;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
  } catch {
    return null;
  }
  if (body.r !== requestId || typeof body.e !== 'number' || now >= body.e) return null;
  const user = body.u;
  if (!user || typeof user.id !== 'string' || !isRole(user.role)) return null;
  return { id: user.id, name: String(user.name), email: String(user.email), role: user.role };
}
