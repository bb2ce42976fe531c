// GET /api/v1/outlets[?q=]: live outlets, a page at a time in id order (lib/api/records.ts).
import { listFilters, outletListFiltersSchema } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';
import { listApiOutlets } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const url = new URL(request.url);
  const filters = listFilters(url, outletListFiltersSchema);
  if (filters instanceof Response) return filters;
  const page = pageRequest<number>(url);
  if (page instanceof Response) return page;
  return listResponse(request, url, await listApiOutlets(page, filters));
});
