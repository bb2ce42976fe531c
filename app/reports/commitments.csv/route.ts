// GET /reports/commitments.csv — see lib/csv for the columns, filters and streaming. Viewers may export, in one of
// their export slots (lib/csv/export-slots.ts), on the exports' own connections.
import { routeGuard } from '@/lib/auth/action';
import { authSettings } from '@/lib/auth/config';
import { exportDb } from '@/lib/db';
import { inExportSlot } from '@/lib/csv/export-slots';
import { csvReportResponse } from '@/lib/csv/response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const guard = await routeGuard('export');
  if (!guard.ok) return guard.response;
  return inExportSlot(request, guard.user.id, () =>
    csvReportResponse('commitments', request, exportDb(), { publicUrl: authSettings().publicUrl }),
  );
}
