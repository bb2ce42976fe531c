// The one outlet a list filter names in its URL (/evidence?outlet=12), so the page shows its name in the outlet
// picker without sending every outlet (as lib/search/picked.ts does for the edit forms' agreements and parties).
import { db } from '../db.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

export type PickedOutlet = { id: number; name: string; archived: boolean };

/** The outlet with this id, archived or not, or null. */
export async function getPickedOutlet(
  id: number | null | undefined,
  client: PrismaClient = db,
): Promise<PickedOutlet | null> {
  if (id === null || id === undefined) return null;
  const row = await client.outlet.findUnique({
    where: { id },
    select: { id: true, name: true, archivedAt: true },
  });
  return row ? { id: row.id, name: row.name, archived: row.archivedAt !== null } : null;
}
