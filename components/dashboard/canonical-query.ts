// A filtered list's URL, written one way: a GET form sends every field, empty ones included, and a hand-edited
// link may carry junk. Pages redirect such a URL to the canonical query of the filters it means, so the address
// that gets shared is short and says exactly what is filtered.
import type { SearchParams } from '@/lib/validation/filters';

function sorted(query: Record<string, string>): string {
  return new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))).toString();
}

/** The canonical `pathname?query` when `params` differ from it, otherwise null. */
export function canonicalRedirect(
  pathname: string,
  params: SearchParams,
  canonical: Record<string, string>,
): string | null {
  const given: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value) || key in given) return target(pathname, canonical);
    given[key] = value;
  }
  return sorted(given) === sorted(canonical) ? null : target(pathname, canonical);
}

function target(pathname: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${pathname}?${search}` : pathname;
}
