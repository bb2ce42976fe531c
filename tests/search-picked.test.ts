// What the commitment form's pickers know before anything is typed (lib/search/picked.ts): the agreement and parties
// it names, by id, archived or not; and a party the page did not send, looked up by "#id" (lib/search/options.ts),
// as the form does for a version saved meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { getPickedAgreement, listPickedParties } = await import('../lib/search/picked.ts');
const { searchPartyOptions } = await import('../lib/search/options.ts');
const { db } = await import('../lib/db.ts');

const prisma = testPrisma();
const token = `zp${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
let parentId: number;
let childId: number;
let archivedId: number;
let agreementId: number;

beforeAll(async () => {
  parentId = (await prisma.party.create({ data: { name: `State ${token}`, kind: 'state' } })).id;
  childId = (
    await prisma.party.create({
      data: { name: `Ministry ${token}`, shortName: `M${token}`, kind: 'ministry', parentId },
    })
  ).id;
  archivedId = (
    await prisma.party.create({ data: { name: `Gone ${token}`, kind: 'agency', archivedAt: new Date() } })
  ).id;
  agreementId = (
    await prisma.agreement.create({
      data: { title: `Accord ${token}`, kind: 'mou', archivedAt: new Date() },
    })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

describe('picked records', () => {
  it('gives the agreement by id, archived or not, and null for none or an unknown id', async () => {
    expect(await getPickedAgreement(agreementId)).toEqual({
      id: agreementId,
      title: `Accord ${token}`,
      archived: true,
    });
    expect(await getPickedAgreement(null)).toBeNull();
    expect(await getPickedAgreement(2_000_000_000)).toBeNull();
  });

  it('gives the parties in the order asked, once each, with parent and archived flag, unknown ids left out', async () => {
    const picked = await listPickedParties([archivedId, childId, 2_000_000_000, archivedId, parentId]);
    expect(picked).toEqual([
      { id: archivedId, name: `Gone ${token}`, shortName: null, parentName: null, archived: true },
      {
        id: childId,
        name: `Ministry ${token}`,
        shortName: `M${token}`,
        parentName: `State ${token}`,
        archived: false,
      },
      { id: parentId, name: `State ${token}`, shortName: null, parentName: null, archived: false },
    ]);
    expect(await listPickedParties([])).toEqual([]);
  });

  it('finds a live party by "#id" (what the form asks for a label it lacks), never an archived one', async () => {
    expect(await searchPartyOptions(`#${childId}`)).toEqual([
      { id: childId, name: `Ministry ${token}`, shortName: `M${token}`, parentName: `State ${token}` },
    ]);
    expect(await searchPartyOptions(`#${archivedId}`)).toEqual([]);
  });
});
