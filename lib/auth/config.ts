// Authentication settings from the environment (documented in .env.example). Plain Node: used by the app, by
// scripts (user:create, the demo admin) and by the e2e helpers, none of which may import Next or lib/db.ts.
import { isIP } from 'node:net';

/** Used only outside production when BETTER_AUTH_SECRET is unset, so `next dev` and unit tests need no setup. */
const DEVELOPMENT_SECRET = 'pactwatch-development-only-secret-never-use-in-production-8f3d2a91c7b4e605';

export class AuthConfigError extends Error {}

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * The secret that signs session cookies. Required in production: `npm start` on the embedded database writes
 * one into `.data/` (scripts/lib/secret.ts); any other deployment must set BETTER_AUTH_SECRET itself.
 */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.BETTER_AUTH_SECRET?.trim();
  if (secret) {
    if (isProduction(env) && secret.length < 32) {
      throw new AuthConfigError(
        'BETTER_AUTH_SECRET must be at least 32 characters (try `openssl rand -base64 32`).',
      );
    }
    return secret;
  }
  if (isProduction(env)) {
    throw new AuthConfigError(
      'BETTER_AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.',
    );
  }
  return DEVELOPMENT_SECRET;
}

function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function originOf(url: string, variable: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return parsed.origin;
  } catch {
    throw new AuthConfigError(`${variable} must be an absolute http(s) URL, got "${url}".`);
  }
}

/** Hosts the app answers on when BETTER_AUTH_URL is unset: this machine only, on any port. */
export const LOOPBACK_HOSTS = ['localhost:*', '127.0.0.1:*', '[::1]:*'];

export type AuthSettings = {
  secret: string;
  /**
   * The app's public URL (BETTER_AUTH_URL). Empty when unset: the app then serves this machine only
   * (http://localhost:<any port>), which is what `npm start` and the tests need without configuration.
   */
  publicUrl: string | null;
  /** Extra origins allowed to post to /api/auth (BETTER_AUTH_TRUSTED_ORIGINS, comma-separated). */
  trustedOrigins: string[];
  /**
   * Secure cookies exactly when the app is served over https. On http://localhost a Secure cookie would be
   * dropped by some browsers and the user could never sign in.
   */
  secureCookies: boolean;
  /** Headers that carry the client IP, set by your proxy (PACTWATCH_CLIENT_IP_HEADERS, comma-separated). */
  clientIpHeaders: string[];
  /** Addresses or CIDR ranges of reverse proxies that append to X-Forwarded-For (PACTWATCH_TRUSTED_PROXIES). */
  trustedProxies: string[];
};

function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length || !isIP(address)) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
}

function parseProxies(value: string | undefined): string[] {
  const proxies = parseList(value);
  const wrong = proxies.filter((proxy) => !isAddressOrRange(proxy));
  if (wrong.length) {
    throw new AuthConfigError(
      `PACTWATCH_TRUSTED_PROXIES must list IP addresses or CIDR ranges (like 10.0.0.0/8), got "${wrong.join('", "')}".`,
    );
  }
  return proxies;
}

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const url = env.BETTER_AUTH_URL?.trim() || null;
  const publicUrl = url ? originOf(url, 'BETTER_AUTH_URL') : null;
  return {
    secret: authSecret(env),
    publicUrl,
    trustedOrigins: parseList(env.BETTER_AUTH_TRUSTED_ORIGINS).map((origin) =>
      originOf(origin, 'BETTER_AUTH_TRUSTED_ORIGINS'),
    ),
    secureCookies: publicUrl?.startsWith('https://') ?? false,
    clientIpHeaders: parseList(env.PACTWATCH_CLIENT_IP_HEADERS).map((header) => header.toLowerCase()),
    trustedProxies: parseProxies(env.PACTWATCH_TRUSTED_PROXIES),
  };
}

/**
 * Where Better Auth reads the client's address (for its per-address limits and the session's ipAddress).
 *
 * Next.js gives a route handler no peer address of its own: it copies the socket's address into
 * X-Forwarded-For only when the request has none, so any client can choose the value by sending one. Hence:
 * - PACTWATCH_CLIENT_IP_HEADERS: the headers your proxy sets (replacing any client value), in order.
 * - PACTWATCH_TRUSTED_PROXIES: X-Forwarded-For, read from the right, skipping these proxies' own entries; the
 *   first address they did not add is the client. Safe only when clients cannot reach the app but through them.
 * - Neither: no header is believed. Every client shares one counter per path (the limit still holds, for all
 *   together), where trusting the header would let anyone skip it by sending a new address each time.
 */
export function clientIpOptions(settings: Pick<AuthSettings, 'clientIpHeaders' | 'trustedProxies'>): {
  ipAddressHeaders: string[];
  trustedProxies?: string[];
} {
  const trusted = settings.trustedProxies.length ? { trustedProxies: settings.trustedProxies } : {};
  if (settings.clientIpHeaders.length) return { ipAddressHeaders: settings.clientIpHeaders, ...trusted };
  if (settings.trustedProxies.length) return { ipAddressHeaders: ['x-forwarded-for'], ...trusted };
  return { ipAddressHeaders: [] };
}
