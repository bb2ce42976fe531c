// GET /api/v1/agreements[?party=&status=&category=&kind=&from=&to=&q=]: live agreements with their parties, a page at a time in id order (lib/api/records.ts).
// POST: the agreement form's create (lib/api/edits.ts); 201 with the agreement as GET gives it.
import { revalidatePath } from 'next/cache';
import { jsonFields } from '@/lib/api/body';
import { postAgreement } from '@/lib/api/edits';
import { agreementFilters } from '@/lib/api/filters';
import { apiRoute, listResponse } from '@/lib/api/handler';
import { pageRequest } from '@/lib/api/pagination';
import { problem } from '@/lib/api/problem';
import { getApiAgreement, listApiAgreements } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request) => {
  const url = new URL(request.url);
  const filters = agreementFilters(url);
  if (filters instanceof Response) return filters;
  const page = pageRequest<number>(url);
  if (page instanceof Response) return page;
  return listResponse(request, url, await listApiAgreements(page, filters));
});

export const POST = apiRoute('write', async (request, _context, principal) => {
  const fields = await jsonFields(request);
  if (!fields)
    return problem({ status: 400, title: 'Bad request', detail: 'Send the fields as a JSON object.' });
  const id = await postAgreement(fields, principal.user.id);
  if (id instanceof Response) return id;
  revalidatePath('/', 'layout');
  return Response.json(await getApiAgreement(id), {
    status: 201,
    headers: { 'Cache-Control': 'no-store', Location: `/api/v1/agreements/${id}` },
  });
});
