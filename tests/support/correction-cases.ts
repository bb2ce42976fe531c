// Rows of tests/action-cases.ts for correcting and retracting follow-ups and editing evidence items: each makes
// the records it acts on (a commitment with one logged follow-up, or an evidence item) and returns valid fields.
import type { ActionCase } from '../action-cases.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { unique } from './db.ts';

const UPDATES = 'app/(app)/commitments/[id]/updates/actions.ts';
const EVIDENCE_EDIT = 'app/(app)/evidence/[id]/edit/actions.ts';

async function loggedUpdate(prisma: PrismaClient) {
  const category = await prisma.category.create({
    data: { name: unique('Category'), slug: unique('category') },
  });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  const commitment = await prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: unique('Commitment') },
  });
  return prisma.statusUpdate.create({
    data: { commitmentId: commitment.id, status: 'in_progress', observedOn: new Date('2025-05-01') },
  });
}

/** What a correction or retraction changes: the row's withdrawal and the rows correcting it. */
function withdrawalOf({ prisma }: { prisma: PrismaClient }, fields: Record<string, string | string[]>) {
  return prisma.statusUpdate.findUnique({
    where: { id: Number(fields.updateId) },
    select: { withdrawnAt: true, withdrawnById: true, supersededBy: { select: { id: true } } },
  });
}

export const correctionActionCases: ActionCase[] = [
  {
    action: `${UPDATES}#correctStatusUpdate`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const update = await loggedUpdate(prisma);
      return {
        updateId: String(update.id),
        commitmentId: String(update.commitmentId),
        kind: 'assessment',
        status: 'fulfilled',
        observedOn: '2025-05-01',
        observedPrecision: 'day',
        why: 'The item reported delivery, not progress.',
      };
    },
    observe: withdrawalOf,
  },
  {
    action: `${UPDATES}#retractStatusUpdate`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const update = await loggedUpdate(prisma);
      return { updateId: String(update.id), why: 'The item was about another agreement.' };
    },
    observe: withdrawalOf,
  },
  {
    action: `${EVIDENCE_EDIT}#updateEvidence`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const outlet = await prisma.outlet.create({
        data: { name: unique('Outlet'), defaultReliability: 'B' },
      });
      const evidence = await prisma.evidence.create({
        data: {
          url: `https://news.example/${unique('item')}`,
          outletId: outlet.id,
          title: 'As logged',
          language: 'en',
          reliability: 'B',
          credibility: 2,
          type: 'announcement',
        },
      });
      return {
        id: String(evidence.id),
        version: '1',
        title: 'Edited',
        language: 'en',
        reliability: 'B',
        credibility: '2',
        type: 'concrete_action',
        outletId: String(outlet.id),
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.evidence.findUnique({
        where: { id: Number(fields.id) },
        select: { title: true, type: true, version: true },
      }),
  },
];
