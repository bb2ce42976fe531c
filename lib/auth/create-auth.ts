// The Better Auth instance, built over a Prisma client the caller owns. The Next app uses the one in
// lib/auth/auth.ts (over lib/db.ts); scripts and e2e helpers build their own over their own client.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import * as z from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { LOOPBACK_HOSTS, authSettings, clientIpOptions, type AuthSettings } from './config.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { ROLES } from './permissions.ts';
import { createMemoryRateLimitStorage } from './rate-limit-store.ts';
import { clearSignInFailures, recordSignInFailure, signInLockedFor } from './sign-in-throttle.ts';

const DAY = 60 * 60 * 24;

/** Seconds a session lasts, and after which a request refreshes it (Better Auth's expiresIn and updateAge). */
export const SESSION_EXPIRES_IN = 7 * DAY;
export const SESSION_UPDATE_AGE = DAY;

/** Requests per client address and path a minute (Better Auth's limiter); sign-in attempts have their own cap. */
export const RATE_LIMIT = { window: 60, max: 100, signIn: { window: 60, max: 10 } };

/**
 * Better Auth's answer to a wrong password (or an unknown e-mail). A deactivated account gets exactly this too:
 * anything else would confirm to whoever holds the password that it is right.
 */
const INVALID_CREDENTIALS = { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' };

/**
 * Better Auth endpoints Pactwatch does not use. Each is a way to change an account outside the admin screen
 * (and so outside its audit trail), a flow with no e-mail sender behind it, or an oracle nobody needs. Only the
 * HTTP routes are cut off; `auth.api.*` calls from our own server code are unaffected.
 */
export const DISABLED_PATHS = [
  '/sign-up/email',
  '/update-user',
  '/change-email',
  // A new password set here would skip the admin screen's audit event and leave other sessions alive.
  '/change-password',
  '/update-session',
  // Tells a stolen session whether a guessed password is right.
  '/verify-password',
  '/delete-user',
  '/delete-user/callback',
  '/request-password-reset',
  '/reset-password',
  '/send-verification-email',
  '/verify-email',
  '/link-social',
  '/unlink-account',
  '/list-accounts',
  '/account-info',
  '/refresh-token',
  '/get-access-token',
  '/sign-in/social',
];

export type CreateAuthOptions = {
  settings?: AuthSettings;
  /**
   * Copy cookies set by `auth.api` calls onto Next's response (server actions, route handlers). Off for the
   * proxy, which copies Set-Cookie onto its own response, and for plain Node callers.
   */
  nextCookies?: boolean;
  /** Where Better Auth's own log lines go (default: the console, warnings and errors only). */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
};

export function createAuth(
  prisma: PrismaClient,
  { settings = authSettings(), nextCookies: withNextCookies = true, log }: CreateAuthOptions = {},
) {
  return betterAuth({
    appName: 'Pactwatch',
    basePath: '/api/auth',
    // Without BETTER_AUTH_URL the app serves this machine only, on whatever port it was started on.
    baseURL: settings.publicUrl ?? {
      allowedHosts: LOOPBACK_HOSTS,
      protocol: 'http',
      fallback: 'http://localhost:3000',
    },
    secret: settings.secret,
    trustedOrigins: settings.trustedOrigins,
    database: prismaAdapter(prisma, { provider: 'postgresql', transaction: true }),
    telemetry: { enabled: false },
    // Its messages name the failure ("Invalid password", "Invalid origin: …"), never a password, token or secret.
    logger: log ? { log: (level, message) => log(level, message) } : {},
    emailAndPassword: {
      enabled: true,
      // Admins create users (admin screen, `npm run user:create`); nobody signs themselves up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
    },
    user: {
      additionalFields: {
        // input: false: no request body can set these; only our own server code writes them.
        role: { type: [...ROLES], required: false, defaultValue: 'viewer', input: false },
        deactivatedAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN,
      updateAge: SESSION_UPDATE_AGE,
      // No cookie cache: every request looks its session up in PostgreSQL, so deleting a user's sessions
      // (deactivation) signs them out on their very next request, on every app instance.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      // Better Auth enables it in production only; we want the same behaviour in every environment.
      enabled: true,
      // In memory, per instance: a counter in PostgreSQL made every anonymous request a write (decision 003).
      customStorage: createMemoryRateLimitStorage(),
      window: RATE_LIMIT.window,
      max: RATE_LIMIT.max,
      customRules: {
        '/sign-in/email': RATE_LIMIT.signIn,
      },
    },
    advanced: {
      // Explicit because Better Auth turns its origin check off when NODE_ENV=test: tests must see production's rules.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: 'pactwatch',
      useSecureCookies: settings.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      // X-Forwarded-For only from PACTWATCH_TRUSTED_PROXIES (lib/auth/config.ts says why).
      ipAddress: clientIpOptions(settings),
    },
    disabledPaths: DISABLED_PATHS,
    databaseHooks: {
      session: {
        create: {
          // The one door every sign-in passes through, after the password was checked: a deactivated user gets
          // no session, whichever endpoint asked for one, and the answer a wrong password gets (counted as one
          // by the after hook below), so that it does not confirm the password.
          async before(session) {
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { deactivatedAt: true },
            });
            if (!user || user.deactivatedAt) throw new APIError('UNAUTHORIZED', INVALID_CREDENTIALS);
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // PostgreSQL text cannot hold a NUL byte: a query carrying one fails, and the client would get a 500.
        const withNul = fieldWithNul(ctx.body) ?? fieldWithNul(ctx.query);
        if (withNul !== null) {
          throw new APIError(
            'BAD_REQUEST',
            withNul === 'email'
              ? { code: 'INVALID_EMAIL', message: 'Invalid email' }
              : { code: 'INVALID_REQUEST', message: 'The request contains a NUL character.' },
          );
        }
        if (ctx.path !== '/sign-in/email') return;
        const email: unknown = ctx.body?.email;
        // Not an address: Better Auth answers 400 INVALID_EMAIL itself, without the lock-out's query.
        if (typeof email !== 'string' || !z.email().safeParse(email).success) return;
        const wait = await signInLockedFor(prisma, email);
        if (wait !== null) {
          throw new APIError(
            'TOO_MANY_REQUESTS',
            { code: 'TOO_MANY_FAILED_SIGN_INS', message: 'Too many failed sign-ins. Try again later.' },
            { 'X-Retry-After': String(wait) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned: unknown = ctx.context.returned;
        // The session token travels in the HttpOnly cookie only; a JSON body would hand it to page scripts.
        // Over HTTP only: our own server code calls these through auth.api and may need the token.
        if (ctx.request && (ctx.path === '/get-session' || ctx.path === '/list-sessions')) {
          return withoutSessionTokens(ctx, returned);
        }
        if (ctx.path !== '/sign-in/email') return;
        const email: unknown = ctx.body?.email;
        if (isAPIError(returned)) {
          if (returned.status === 'UNAUTHORIZED' && typeof email === 'string') {
            await recordSignInFailure(prisma, email);
          }
          return;
        }
        if (typeof email === 'string') await clearSignInFailures(prisma, email);
        // The session token travels in the HttpOnly cookie only; the JSON body would hand it to page scripts.
        if (returned && typeof returned === 'object' && 'token' in returned) {
          return ctx.json({ ...returned, token: null });
        }
      }),
    },
    // Must stay the last plugin: it copies Set-Cookie from auth.api calls made in server actions onto the response.
    plugins: withNextCookies ? [nextCookies()] : [],
  });
}

/** The name of the first field (at any depth) whose name or string value holds a NUL byte, or null. */
function fieldWithNul(value: unknown, name = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? name : null;
  if (!value || typeof value !== 'object' || depth > 8) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return key;
    const found = fieldWithNul(item, Array.isArray(value) ? name : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** get-session's `{ session, user }` or list-sessions' array, with every session's token blanked. */
function withoutSessionTokens(ctx: { json: (body: unknown) => unknown }, returned: unknown) {
  const blank = (session: unknown) =>
    session && typeof session === 'object' && 'token' in session ? { ...session, token: null } : session;
  if (Array.isArray(returned)) return ctx.json(returned.map(blank));
  if (returned && typeof returned === 'object' && 'session' in returned) {
    return ctx.json({ ...returned, session: blank(returned.session) });
  }
}

export type Auth = ReturnType<typeof createAuth>;
