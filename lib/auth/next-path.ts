// Where to go after signing in. Only a path on this site: `?next=https://evil.example` or `//evil.example`
// must never turn the sign-in page into an open redirect.

const BASE = 'http://pactwatch.invalid';

/** A path a browser resolves against this site: one leading slash, no backslash, no control character. */
function looksLocal(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !/[\u0000-\u001f\u007f\\]/.test(path) &&
    new URL(path, BASE).origin === BASE
  );
}

export function safeNextPath(next: string | null | undefined): string {
  if (!next || typeof next !== 'string') return '/';
  // Refuse what a browser could read as another origin before parsing (which would normalise a backslash away)…
  let url: URL;
  try {
    if (!looksLocal(next)) return '/';
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // …and check again what we will send: parsing resolves dot segments, so `/.//evil.example`, `/a/..//evil.example`
  // and `/%2e//evil.example` all become `//evil.example`, which the browser reads as another host.
  if (!looksLocal(path)) return '/';
  // Back to the sign-in page (or Better Auth's API) after signing in would be a loop or a JSON page.
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/api/')) return '/';
  return path;
}
