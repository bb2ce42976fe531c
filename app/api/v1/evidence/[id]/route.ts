// GET /api/v1/evidence/{id}: one evidence item, archived ones included.
import { recordId } from '@/lib/api/filters';
import { apiRoute } from '@/lib/api/handler';
import { jsonWithEtag, notFound } from '@/lib/api/problem';
import { getApiEvidence } from '@/lib/api/records';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('read', async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = recordId((await params).id);
  const record = id ? await getApiEvidence(id) : null;
  return record ? jsonWithEtag(request, record) : notFound('evidence item');
});
