// GET /api/v1/openapi.json: the API's description (lib/api/openapi.ts). Public: it holds no data.
import { openApiDocument } from '@/lib/api/openapi';

export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
