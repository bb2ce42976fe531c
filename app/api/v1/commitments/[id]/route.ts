// GET /api/v1/commitments/{id}: one commitment as the list gives it (`?asOf=` too), archived ones included.
// PATCH: the edit form's update (lib/api/edits.ts), with `version`.
import { getApiCommitments } from '@/lib/api/commitments';
import { commitmentFilters, recordId } from '@/lib/api/filters';
import { jsonFields } from '@/lib/api/body';
import { patchCommitment } from '@/lib/api/edits';
import { apiRoute } from '@/lib/api/handler';
import { jsonWithEtag, notFound, problem } from '@/lib/api/problem';
import { revalidatePath } from 'next/cache';
import { formatDay, today } from '@/lib/domain/dates';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = recordId((await params).id);
  const filters = commitmentFilters(new URL(request.url));
  if (filters instanceof Response) return filters;
  const [commitment] = id ? await getApiCommitments([id], filters.asOf) : [];
  if (!commitment) return notFound('commitment');
  return jsonWithEtag(request, { asOf: formatDay(filters.asOf ?? today()), ...commitment });
});

export const PATCH = apiRoute(
  'write',
  async (request, { params }: { params: Promise<{ id: string }> }, principal) => {
    const id = recordId((await params).id);
    if (!id) return notFound('commitment');
    const fields = await jsonFields(request);
    if (!fields)
      return problem({ status: 400, title: 'Bad request', detail: 'Send the fields as a JSON object.' });
    const refusal = await patchCommitment(id, fields, principal.user.id);
    if (refusal) return refusal;
    revalidatePath('/', 'layout');
    const [commitment] = await getApiCommitments([id]);
    return Response.json(commitment, { headers: { 'Cache-Control': 'no-store' } });
  },
);
