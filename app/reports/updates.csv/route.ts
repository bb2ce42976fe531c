// GET /reports/updates.csv — see lib/csv for the columns, filters and streaming. Viewers may export.
import { routeGuard } from '@/lib/auth/action';
import { authSettings } from '@/lib/auth/config';
import { db, dbPool } from '@/lib/db';
import { csvReportResponse } from '@/lib/csv/response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const guard = await routeGuard('export');
  if (!guard.ok) return guard.response;
  return csvReportResponse('updates', request, db, { publicUrl: authSettings().publicUrl, pool: dbPool() });
}
