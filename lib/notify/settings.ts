// Settings of notifications from the environment (README's table documents them). Plain Node: the scheduler's jobs
// and the tests read them, none of which may import Next or lib/db.ts.

/** The SMTP server e-mail goes through (smtp://user:pass@host:port, smtps://…); unset: no e-mail is sent. */
export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.SMTP_URL?.trim() || null;
}

/** The From of every message (PACTWATCH_MAIL_FROM). */
export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.PACTWATCH_MAIL_FROM?.trim() || 'Pactwatch <pactwatch@localhost>';
}

/** How often immediate e-mail goes out (PACTWATCH_MAIL_IMMEDIATE_SECONDS, default 60). */
export function immediateMailEveryMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.PACTWATCH_MAIL_IMMEDIATE_SECONDS ?? 60);
  return Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : 60_000;
}

/**
 * Where links in e-mail and feeds point: PACTWATCH_PUBLIC_URL, else BETTER_AUTH_URL (the app's public URL for
 * sign-in, lib/auth/config.ts), else `fallback` (the address a request came to, when there is one), else this
 * machine. Without a trailing slash.
 */
export function publicBaseUrl(
  env: NodeJS.ProcessEnv = process.env,
  fallback = 'http://localhost:3000',
): string {
  const url = env.PACTWATCH_PUBLIC_URL?.trim() || env.BETTER_AUTH_URL?.trim() || fallback;
  return url.replace(/\/+$/, '');
}
