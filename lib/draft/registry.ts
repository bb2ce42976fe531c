// Loads what the extractor matches against from the database: parties, people, outlets, categories and the
// commitments a follow-up may bear on. Takes any Prisma client (the app's, a script's, a test's) so lib/draft stays
// free of lib/db.ts. Archived records are left out: nothing new should be filed under them.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Registry } from './types.ts';

/**
 * The most commitments handed to the ranking (lib/draft/rank.ts), newest agreements first. The word-overlap
 * ranking reads them all in memory; lib/search, once it ranks in SQL, makes this cap unnecessary.
 */
const COMMITMENT_CAP = 5_000;

export async function loadRegistry(prisma: PrismaClient): Promise<Registry> {
  const [parties, people, outlets, categories, commitments] = await Promise.all([
    prisma.party.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true, shortName: true, kind: true, countryCode: true, parentId: true },
      orderBy: { id: 'asc' },
    }),
    prisma.person.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true, title: true, partyId: true },
      orderBy: { id: 'asc' },
    }),
    prisma.outlet.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true, website: true },
      orderBy: { id: 'asc' },
    }),
    prisma.category.findMany({
      where: { archivedAt: null },
      select: { id: true, slug: true, name: true },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    }),
    prisma.commitment.findMany({
      where: { archivedAt: null, agreement: { archivedAt: null } },
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        agreement: { select: { title: true } },
        parties: { select: { partyId: true } },
      },
      orderBy: [{ agreementId: 'desc' }, { id: 'asc' }],
      take: COMMITMENT_CAP,
    }),
  ]);
  return {
    parties,
    people,
    outlets,
    categories,
    commitments: commitments.map((commitment) => ({
      id: commitment.id,
      title: commitment.title,
      description: commitment.description,
      agreementTitle: commitment.agreement.title,
      status: commitment.status,
      partyIds: [...new Set(commitment.parties.map((party) => party.partyId))],
    })),
  };
}
