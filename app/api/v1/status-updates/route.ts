// GET /api/v1/status-updates[?commitment=&agreement=]: the status history, withdrawn updates marked, a page at a
// time in id order: a client that keeps the last cursor reads only what was logged since.
import { idParams } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';
import { listApiStatusUpdates } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const url = new URL(request.url);
  const filter = idParams(url, ['commitment', 'agreement']);
  if (filter instanceof Response) return filter;
  const page = pageRequest<number>(url);
  if (page instanceof Response) return page;
  return listResponse(request, url, await listApiStatusUpdates(page, filter));
});
