// Where to go after signing in. Only a path on this site: `?next=https://evil.example` or `//evil.example`
// must never turn the sign-in page into an open redirect.

const BASE = 'http://pactwatch.invalid';

export function safeNextPath(next: string | null | undefined): string {
  if (!next || typeof next !== 'string') return '/';
  // Reject anything a browser could read as another origin before URL parsing normalises it away.
  if (
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    /[\u0000-\u001f\\]/.test(next)
  ) {
    return '/';
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in page (or Better Auth's API) after signing in would be a loop or a JSON page.
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/api/')) return '/';
  return path;
}
