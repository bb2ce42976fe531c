// Party names are unique only within their parent (issue "[3/9]" item 13): an imported row that names a party
// shared by several ("Ministry of Interior" of Rwanda and of the UAE) assesses the one responsible for its
// commitment, and is refused, naming the clash, when the commitment has both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFollowUps, previewImport } from '../lib/csv/importer.ts';
import type { UpdateColumn } from '../lib/csv/columns.ts';
import { testPrisma, unique } from './support/db.ts';
import { createCsvFixture, updatesCsv, type CsvFixture } from './support/csv-fixtures.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma = testPrisma();
const bytes = (text: string) => new TextEncoder().encode(text);

let fixture: CsvFixture;
let actor: TestUser;
let ministry: string;
let rwandaMinistry: number;
let uaeMinistry: number;

beforeAll(async () => {
  const tag = unique('namesakes');
  ministry = `Ministry of Interior ${tag}`;
  actor = await createTestUser(prisma, 'analyst', { label: 'import-namesakes' });
  fixture = await createCsvFixture(prisma, {
    parties: [`Rwanda ${tag}`, `UAE ${tag}`],
    commitments: [{ title: 'UAE only' }, { title: 'Both ministries' }],
  });
  // Rwanda's is created first, so a lookup by bare name would find it first.
  rwandaMinistry = (
    await prisma.party.create({
      data: { name: ministry, kind: 'ministry', parentId: fixture.parties.get(`Rwanda ${tag}`)! },
    })
  ).id;
  uaeMinistry = (
    await prisma.party.create({
      data: { name: ministry, kind: 'ministry', parentId: fixture.parties.get(`UAE ${tag}`)! },
    })
  ).id;
  await prisma.commitmentParty.createMany({
    data: [
      { commitmentId: fixture.commitments.get('UAE only')!, partyId: uaeMinistry, role: 'responsible' },
      {
        commitmentId: fixture.commitments.get('Both ministries')!,
        partyId: uaeMinistry,
        role: 'responsible',
      },
      {
        commitmentId: fixture.commitments.get('Both ministries')!,
        partyId: rwandaMinistry,
        role: 'responsible',
      },
    ],
  });
});

afterAll(async () => {
  await prisma.$disconnect();
});

function row(commitment: string): Partial<Record<UpdateColumn, string>> {
  return {
    observed_on: '2025-06-01',
    agreement: fixture.agreement.title,
    commitment,
    party: ministry,
    status: 'in_progress',
  };
}

describe('a party named by a name several parties share', () => {
  it('is the one responsible for the row’s commitment', async () => {
    const file = bytes(updatesCsv([row('UAE only')]));
    const preview = await previewImport(prisma, file, actor);
    expect(preview.problems).toEqual([]);
    expect(preview.toImport).toBe(1);
    await importFollowUps(prisma, file, actor);
    const written = await prisma.statusUpdate.findMany({
      where: { commitmentId: fixture.commitments.get('UAE only')! },
      select: { partyId: true },
    });
    expect(written).toEqual([{ partyId: uaeMinistry }]);
  });

  it('is refused, naming the clash, when the commitment has both', async () => {
    const preview = await previewImport(prisma, bytes(updatesCsv([row('Both ministries')])), actor);
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ column: 'party' });
    expect(preview.problems[0].message).toContain('2 parties are named');
  });
});
