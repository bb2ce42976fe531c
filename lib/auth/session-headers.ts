/** Set by proxy.ts on every request it lets through, so a page can send the user back after signing in. */
export const PATHNAME_HEADER = 'x-pactwatch-pathname';
