// GET /api/v1/search?q=: the search of /search (lib/search/query.ts), same parameters, its own numbered pages
// (`page`): hits are ranked, so there is no id order to page by.
import { queryOf } from '@/lib/api/filters';
import { apiRoute } from '@/lib/api/handler';
import { jsonWithEtag } from '@/lib/api/problem';
import { parseSearchParams } from '@/lib/search/params';
import { searchRecords } from '@/lib/search/query';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const results = await searchRecords(parseSearchParams(queryOf(new URL(request.url))));
  return jsonWithEtag(request, results);
});
