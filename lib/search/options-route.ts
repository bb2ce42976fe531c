// The GET handler every picker's route shares (app/api/options/*/route.ts): signed in with read access, `q` without
// NUL and at most as long as a search, `limit` clamped by optionsLimit, `{ options }` never cached by the browser.
//
// The answers are remembered per route, query and limit under the data version (lib/data-version.ts), as the page
// cache keeps pages: the same letters typed by anyone (every analyst types "pol" on the way to "police") are
// answered without asking PostgreSQL again until something is written. The options do not depend on who asks, only
// on read access, which is checked on every request. At most ANSWERS_MAX answers per route (least recently used
// out first); an answer holds at most OPTIONS_MAX small options, so a route's memo stays within a few MB.
// PACTWATCH_PAGE_CACHE_MB=0, which turns the page cache off, turns this off too.
import { routeGuard } from '../auth/action.ts';
import { dataVersion } from '../data-version.ts';
import { VersionedMemo, pageCacheBytes } from '../page-cache.ts';
import { SEARCH_TEXT_MAX } from '../validation/filters.ts';
import { optionsLimit } from './options.ts';

const ANSWERS_MAX = 5_000;

/** Header naming where an answer came from (`hit` or `miss`), for the bench and the tests. */
export const OPTIONS_MEMO_HEADER = 'x-pactwatch-options-memo';

export function optionsRoute(
  search: (q: string, limit: number) => Promise<unknown[]>,
): (request: Request) => Promise<Response> {
  const answers = pageCacheBytes() ? new VersionedMemo<string>(ANSWERS_MAX) : null;
  return async (request) => {
    const guard = await routeGuard('read');
    if (!guard.ok) return guard.response;
    const params = new URL(request.url).searchParams;
    const q = (params.get('q') ?? '').replaceAll('\u0000', '').slice(0, SEARCH_TEXT_MAX);
    const limit = optionsLimit(params.get('limit'));
    const key = `${limit}\n${q}`;
    // Read before the search, so an answer is at least as new as the version it is kept under.
    const version = answers && (await dataVersion());
    let body = version ? answers.get(key, version) : null;
    const memo = body === null ? 'miss' : 'hit';
    if (body === null) {
      body = JSON.stringify({ options: await search(q, limit) });
      if (version) answers.set(key, { value: body, version });
    }
    return new Response(body, {
      headers: {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        [OPTIONS_MEMO_HEADER]: memo,
      },
    });
  };
}
