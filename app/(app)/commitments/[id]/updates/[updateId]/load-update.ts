import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session';
import { getUpdateForCorrection } from '@/lib/data/corrections';
import { parseIdParam } from '@/lib/validation/params';

/**
 * The follow-up row the correct and retract pages are about, for a user who may write, with the way back to its
 * commitment; not found when the address names no row of that commitment.
 */
export async function loadUpdateForCorrection(params: Promise<{ id: string; updateId: string }>) {
  await requirePermission('write');
  const raw = await params;
  const commitmentId = parseIdParam(raw.id);
  const updateId = parseIdParam(raw.updateId);
  if (commitmentId === null || updateId === null) notFound();
  const update = await getUpdateForCorrection(commitmentId, updateId);
  if (!update) notFound();
  return { update, back: `/commitments/${commitmentId}` };
}
