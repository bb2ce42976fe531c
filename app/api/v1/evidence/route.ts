// GET /api/v1/evidence[?outlet=]: news items with their outlet and grades, a page at a time in id order.
import { idParams } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';
import { listApiEvidence } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const url = new URL(request.url);
  const filter = idParams(url, ['outlet']);
  if (filter instanceof Response) return filter;
  const page = pageRequest<number>(url);
  if (page instanceof Response) return page;
  return listResponse(request, url, await listApiEvidence(page, filter));
});
