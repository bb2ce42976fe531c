// GET /api/v1/agreements/{id}: one agreement, archived ones included.
// PATCH: the edit form's update (lib/api/edits.ts), with `version`.
import { recordId } from '@/lib/api/filters';
import { jsonFields } from '@/lib/api/body';
import { patchAgreement } from '@/lib/api/edits';
import { apiRoute } from '@/lib/api/handler';
import { jsonWithEtag, notFound, problem } from '@/lib/api/problem';
import { revalidatePath } from 'next/cache';
import { getApiAgreement } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = recordId((await params).id);
  const record = id ? await getApiAgreement(id) : null;
  return record ? jsonWithEtag(request, record) : notFound('agreement');
});

export const PATCH = apiRoute(
  'write',
  async (request, { params }: { params: Promise<{ id: string }> }, principal) => {
    const id = recordId((await params).id);
    if (!id) return notFound('agreement');
    const fields = await jsonFields(request);
    if (!fields)
      return problem({ status: 400, title: 'Bad request', detail: 'Send the fields as a JSON object.' });
    const refusal = await patchAgreement(id, fields, principal.user.id);
    if (refusal) return refusal;
    revalidatePath('/', 'layout');
    return Response.json(await getApiAgreement(id), { headers: { 'Cache-Control': 'no-store' } });
  },
);
