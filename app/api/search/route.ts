// GET /api/search?q=: the header box's results as you type, the first hits of each kind (lib/search/query.ts, the
// same search as /search, whose page the box opens on Enter).
import { quickGroups } from '@/components/search/quick-results';
import { routeGuard } from '@/lib/auth/action';
import { parseSearchParams } from '@/lib/search/params';
import { searchRecords } from '@/lib/search/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const guard = await routeGuard('read');
  if (!guard.ok) return guard.response;
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const results = await searchRecords(parseSearchParams({ q }));
  return Response.json({ groups: quickGroups(results) }, { headers: { 'Cache-Control': 'no-store' } });
}
