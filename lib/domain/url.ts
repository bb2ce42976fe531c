// Evidence URLs are stored normalised so the same article logged twice (with tracking parameters, a
// trailing slash, an upper-case host) is recognised as already logged.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
  'smid',
  'cmpid',
  'ocid',
  'spm',
]);

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The canonical form of an http(s) URL, or null when the text is not one. Internal references of the form
 * `urn:pactwatch:…` (used for undated, unlinked sources such as the seed article) are kept as they are.
 */
export function normaliseUrl(input: string): string | null {
  const text = input.trim();
  if (/^urn:pactwatch:[a-z0-9:._-]+$/i.test(text)) return text.toLowerCase();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  url.hash = '';
  if (url.port === DEFAULT_PORTS[url.protocol]) url.port = '';
  for (const name of [...url.searchParams.keys()]) {
    if (isTracking(name)) url.searchParams.delete(name);
  }
  // URL already lower-cases the scheme and host; the path keeps its case (servers may be case-sensitive).
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  const query = url.searchParams.toString();
  return `${url.protocol}//${url.host}${path === '/' ? '' : path}${query ? `?${query}` : ''}`;
}
