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

// ---------------------------------------------------------------------------------------------------------------
// Identity: which stored addresses are one article

/** A stored address split into host, path, query and fragment (the last only in marked legacy duplicates). */
const WEB_ADDRESS = /^https?:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/s;
/** `www.` and `amp.` host prefixes, but never down to a bare top-level domain (`amp.dev` stays `amp.dev`). */
const HOST_PREFIXES = /^(?:(?:www|amp)\.)*(?=[^.]*\.)/;
/** An `amp` path segment, anywhere (`/amp/news/1`, `/news/amp/1`, `/news/1/amp`). Paths keep their case. */
const AMP_SEGMENT = /\/amp(?=\/|$)/g;
/** `amp`, `amp=` (from `?amp`), `amp=1`… and `outputType=amp`, parameter names in any case. */
const AMP_PARAMS =
  /&(?:[Aa][Mm][Pp](?:=[^&]*)?|[Oo][Uu][Tt][Pp][Uu][Tt][Tt][Yy][Pp][Ee]=[Aa][Mm][Pp])(?=&|$)/g;

/**
 * The identity of a stored (normalised) address: two addresses with the same identity are one item. The scheme
 * (http/https), a `www.` or `amp.` host prefix and the AMP markers (an `amp` path segment, `?amp`, `?amp=1`,
 * `outputType=amp`) are dropped, giving a scheme-relative address such as `//dawn.com/news/1`; the rest stays as
 * normaliseUrl left it. Anything that is not an http(s) address (an `urn:pactwatch:` reference) is its own
 * identity.
 *
 * A plain string rewrite, no URL parsing, so that PostgreSQL computes exactly the same key:
 * `pactwatch_url_identity(text)` (migration 20261202150000_evidence_url_identity) keeps `Evidence."urlKey"`, and
 * tests/evidence-identity.test.ts proves the two equal. Change both together, in a new migration.
 */
export function urlIdentity(url: string): string {
  const parts = WEB_ADDRESS.exec(url);
  if (!parts) return url;
  const [, host, path, query, fragment] = parts;
  const params = query === undefined ? '' : `&${query}`.replace(AMP_PARAMS, '').slice(1);
  return `//${host.replace(HOST_PREFIXES, '')}${path.replace(AMP_SEGMENT, '')}${params ? `?${params}` : ''}${fragment ?? ''}`;
}
