// The row of tests/action-cases.ts for the CSV import: each call gets a commitment of its own and a one-row file
// citing a new evidence item, so an allowed import writes a status update (and its audit events).
import type { ActionCase } from '../action-cases.ts';
import { unique } from './db.ts';
import { createCsvFixture, updatesCsv } from './csv-fixtures.ts';

export const csvActionCases: ActionCase[] = [
  {
    action: 'app/(app)/reports/import/actions.ts#importFollowUpsCsv',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const fixture = await createCsvFixture(prisma, {
        commitments: [{ title: 'Set up a protection unit', responsible: [unique('CSV party')] }],
      });
      const file = updatesCsv([
        {
          observed_on: '2025-06-01',
          agreement: fixture.agreement.title,
          commitment: 'Set up a protection unit',
          status: 'in_progress',
          evidence_url: `https://news.example.com/${unique('item')}`,
          outlet: unique('CSV outlet'),
          reliability: 'B',
          credibility: '2',
          evidence_type: 'announcement',
          language: 'en',
          title: 'Unit announced',
        },
      ]);
      return {
        intent: 'import',
        file,
        commitmentId: String(fixture.commitments.get('Set up a protection unit')),
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.statusUpdate.count({ where: { commitmentId: Number(fields.commitmentId) } }),
  },
];
