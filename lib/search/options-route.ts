// The GET handler every picker's route shares (app/api/options/*/route.ts): signed in with read access, `q` without
// NUL and at most as long as a search, `limit` clamped by optionsLimit, `{ options }` never cached.
import { routeGuard } from '../auth/action.ts';
import { SEARCH_TEXT_MAX } from '../validation/filters.ts';
import { optionsLimit } from './options.ts';

export function optionsRoute(
  search: (q: string, limit: number) => Promise<unknown[]>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const guard = await routeGuard('read');
    if (!guard.ok) return guard.response;
    const params = new URL(request.url).searchParams;
    const q = (params.get('q') ?? '').replaceAll('\u0000', '').slice(0, SEARCH_TEXT_MAX);
    const options = await search(q, optionsLimit(params.get('limit')));
    return Response.json({ options }, { headers: { 'Cache-Control': 'no-store' } });
  };
}
