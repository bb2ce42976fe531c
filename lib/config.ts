// Configuration read from the environment; README's table documents every variable.

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database).');
  return url;
}

/** Pool size per server process (the same on the embedded server, which accepts PostgreSQL's default 100). */
export function poolMax(): number {
  return Number(process.env.DATABASE_POOL_MAX ?? 5);
}

/** Days without evidence after which a commitment counts as stale. */
export function staleAfterDays(): number {
  return Number(process.env.PACTWATCH_STALE_DAYS ?? 90);
}
