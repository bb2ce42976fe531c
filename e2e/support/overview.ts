// Where the overview lists a seed commitment, for specs that start from it.
import { COMMITMENTS_PAGE_SIZE } from '../../lib/data/page-sizes.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';

/**
 * The overview page that lists a seed commitment. Other specs add agreements to this run's database, and the
 * overview lists the newest agreement first (lib/data/commitments.ts listCommitments), so the seed's rows move to
 * later pages as they do.
 */
export async function overviewPageOf(db: PrismaClient, title: string): Promise<string> {
  const commitment = await db.commitment.findFirstOrThrow({
    where: {
      title: { contains: title, mode: 'insensitive' },
      archivedAt: null,
      agreement: { title: { contains: 'Wang Xiaohong' } },
    },
    select: { id: true, agreementId: true },
  });
  const before = await db.commitment.count({
    where: {
      archivedAt: null,
      OR: [
        { agreementId: { gt: commitment.agreementId } },
        { agreementId: commitment.agreementId, id: { lt: commitment.id } },
      ],
    },
  });
  return `/?page=${Math.floor(before / COMMITMENTS_PAGE_SIZE) + 1}`;
}
