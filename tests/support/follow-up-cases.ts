// The rows of tests/action-cases.ts for the follow-up form's own actions besides logFollowUp: "New commitment"
// from inside the form creates a commitment (with its parties and audit event).
import type { ActionCase } from '../action-cases.ts';
import { unique } from './db.ts';

export const followUpActionCases: ActionCase[] = [
  {
    action: 'app/(app)/follow-ups/new/actions.ts#createCommitmentFromFollowUp',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const [agreement, category, party] = await Promise.all([
        prisma.agreement.create({ data: { title: unique('Inline agreement'), kind: 'mou' } }),
        prisma.category.create({ data: { slug: unique('inline'), name: unique('Inline category') } }),
        prisma.party.create({ data: { name: unique('Inline party'), kind: 'ministry' } }),
      ]);
      return {
        agreementId: String(agreement.id),
        title: unique('Announced commitment'),
        categoryId: String(category.id),
        responsiblePartyId: [String(party.id)],
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.commitment.count({ where: { agreementId: Number(fields.agreementId) } }),
  },
];
