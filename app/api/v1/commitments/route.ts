// GET /api/v1/commitments: the commitment list's filters, each commitment with its status, per-party statuses and
// attention flags as of `asOf` (today by default), a page at a time in id order.
import { listApiCommitments } from '@/lib/api/commitments';
import { commitmentFilters } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const url = new URL(request.url);
  const filters = commitmentFilters(url);
  if (filters instanceof Response) return filters;
  const page = pageRequest<number>(url);
  if (page instanceof Response) return page;
  const { asOf, ...rest } = await listApiCommitments(filters, page);
  return listResponse(request, url, rest, { asOf });
});
