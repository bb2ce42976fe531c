// GET /api/v1/commitments: the commitment list's filters, each commitment with its status, per-party statuses and
// attention flags as of `asOf` (today by default), a page at a time in id order.
// POST: the commitment form's create (lib/api/edits.ts); 201 with the commitment as GET gives it.
import { revalidatePath } from 'next/cache';
import { jsonFields } from '@/lib/api/body';
import { getApiCommitments, listApiCommitments } from '@/lib/api/commitments';
import { postCommitment } from '@/lib/api/edits';
import { commitmentFilters } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';
import { problem } from '@/lib/api/problem';

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

export const POST = apiRoute('write', async (request, _context, principal) => {
  const fields = await jsonFields(request);
  if (!fields)
    return problem({ status: 400, title: 'Bad request', detail: 'Send the fields as a JSON object.' });
  const id = await postCommitment(fields, principal.user.id);
  if (id instanceof Response) return id;
  revalidatePath('/', 'layout');
  const [commitment] = await getApiCommitments([id]);
  return Response.json(commitment, {
    status: 201,
    headers: { 'Cache-Control': 'no-store', Location: `/api/v1/commitments/${id}` },
  });
});
