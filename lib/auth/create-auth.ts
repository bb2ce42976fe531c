// The Better Auth instance, built over a Prisma client the caller owns. The Next app uses the one in
// lib/auth/auth.ts (over lib/db.ts); scripts and e2e helpers build their own over their own client.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { LOOPBACK_HOSTS, authSettings, type AuthSettings } from './config.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { ROLES } from './permissions.ts';
import { clearSignInFailures, recordSignInFailure, signInLockedFor } from './sign-in-throttle.ts';

const DAY = 60 * 60 * 24;

/** Error code the sign-in form recognises for a deactivated account. */
/** Seconds a session lasts, and after which a request refreshes it (Better Auth's expiresIn and updateAge). */
export const SESSION_EXPIRES_IN = 7 * DAY;
export const SESSION_UPDATE_AGE = DAY;

export const ACCOUNT_DEACTIVATED = 'ACCOUNT_DEACTIVATED';

/**
 * Better Auth endpoints Pactwatch does not use. Each is a way to change an account outside the admin screen
 * (and so outside its audit trail) or a flow with no e-mail sender behind it. Only the HTTP routes are cut off;
 * `auth.api.*` calls from our own server code are unaffected.
 */
const DISABLED_PATHS = [
  '/sign-up/email',
  '/update-user',
  '/change-email',
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
      // In PostgreSQL, not process memory: the limit holds across instances behind a load balancer.
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
      },
    },
    advanced: {
      // Explicit because Better Auth turns its origin check off when NODE_ENV=test: tests must see production's rules.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: 'pactwatch',
      useSecureCookies: settings.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      ipAddress: {
        ...(settings.clientIpHeaders.length ? { ipAddressHeaders: settings.clientIpHeaders } : {}),
        ...(settings.trustedProxies.length ? { trustedProxies: settings.trustedProxies } : {}),
      },
    },
    disabledPaths: DISABLED_PATHS,
    databaseHooks: {
      session: {
        create: {
          // The one door every sign-in passes through, after the password was checked: a deactivated user gets
          // no session, whichever endpoint asked for one.
          async before(session) {
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { deactivatedAt: true },
            });
            if (!user || user.deactivatedAt) {
              throw new APIError('FORBIDDEN', {
                code: ACCOUNT_DEACTIVATED,
                message: 'This account is deactivated. Ask an administrator to reactivate it.',
              });
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email: unknown = ctx.body?.email;
        if (typeof email !== 'string') return;
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
        if (ctx.path !== '/sign-in/email') return;
        const email: unknown = ctx.body?.email;
        const returned: unknown = ctx.context.returned;
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

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>;
