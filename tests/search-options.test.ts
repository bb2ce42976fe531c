// What the pickers offer (lib/search/options.ts) on the real database: a commitment is found by a word of its own,
// of its agreement or of a party, by a piece of a title word, or by "#id"; archived records never; a page is
// capped; outlets by a piece of their name; agreements by a word, a piece of their title or "#id", newest first;
// parties by name or short name, with their parent; people by name, title or party, A–Z; a party's own parts (never
// its parent); a linked reciprocal even when archived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const {
  searchCommitmentOptions,
  searchOutletOptions,
  searchAgreementOptions,
  searchPartyOptions,
  searchPersonOptions,
  getReciprocalOption,
  optionsLimit,
  OPTIONS_MAX,
} = await import('../lib/search/options.ts');
const { listPartyDescendantIds, listPickedPeople } = await import('../lib/search/picked.ts');
const { db } = await import('../lib/db.ts');

const prisma = testPrisma();

/** A word no other test writes, so a search for it sees only this file's rows. */
function word(): string {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
}

const token = word();
const agreementWord = word();
const partyWord = word();
let categoryId: number;
let agreementId: number;
let partyId: number;
let training: number;
let exchange: number;

async function commitment(title: string, agreement = agreementId) {
  return (await prisma.commitment.create({ data: { title, agreementId: agreement, categoryId } })).id;
}

const ids = (options: { id: number }[]) => options.map((option) => option.id);

beforeAll(async () => {
  categoryId = (await prisma.category.create({ data: { slug: token, name: `Category ${token}` } })).id;
  agreementId = (
    await prisma.agreement.create({ data: { title: `Accord ${agreementWord} on policing`, kind: 'mou' } })
  ).id;
  partyId = (await prisma.party.create({ data: { name: `Ministry ${partyWord}`, kind: 'ministry' } })).id;
  training = await commitment(`Police trainings ${token}`);
  exchange = await commitment(`Information exchange ${token}`);
  await prisma.commitmentParty.create({ data: { commitmentId: exchange, partyId, role: 'responsible' } });
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

describe('commitment options', () => {
  it('finds a commitment by a word of its title, as a prefix, with what the row shows', async () => {
    const found = await searchCommitmentOptions(`train ${token}`);
    expect(ids(found)).toEqual([training]);
    expect(found[0]).toMatchObject({
      title: `Police trainings ${token}`,
      status: 'no_evidence',
      agreement: { id: agreementId },
      responsibleParties: [],
    });
    expect(ids(await searchCommitmentOptions(token.slice(0, 6)))).toEqual(
      expect.arrayContaining([training, exchange]),
    );
  });

  it('finds the commitments of an agreement by its words, and of a party by its name', async () => {
    expect(ids(await searchCommitmentOptions(agreementWord)).sort()).toEqual([training, exchange].sort());
    const byParty = await searchCommitmentOptions(partyWord);
    expect(ids(byParty)).toEqual([exchange]);
    expect(byParty[0].responsibleParties).toEqual([{ id: partyId, name: `Ministry ${partyWord}` }]);
  });

  it('ranks a commitment matching by its own words above those matching by their agreement', async () => {
    const found = ids(await searchCommitmentOptions(`${agreementWord}`));
    expect(found).toHaveLength(2);
    // Both match only by their agreement: the order entered.
    expect(found).toEqual([training, exchange]);
    const own = await commitment(`Review of ${agreementWord} progress`);
    expect(ids(await searchCommitmentOptions(agreementWord))[0]).toBe(own);
    await prisma.commitment.update({ where: { id: own }, data: { archivedAt: new Date() } });
  });

  it('finds a piece of a title word, and a commitment by its id typed as "#id" or a number', async () => {
    expect(ids(await searchCommitmentOptions(`${token.slice(3)}`))).toEqual(
      expect.arrayContaining([training, exchange]),
    );
    expect(ids(await searchCommitmentOptions(`#${exchange}`))[0]).toBe(exchange);
    expect(ids(await searchCommitmentOptions(String(training)))[0]).toBe(training);
  });

  it('leaves out archived commitments and those of archived agreements', async () => {
    const archivedAgreement = (
      await prisma.agreement.create({
        data: { title: `Old accord ${token}`, kind: 'mou', archivedAt: new Date() },
      })
    ).id;
    const ofArchived = await commitment(`Patrols ${token}`, archivedAgreement);
    const archived = await commitment(`Archived patrols ${token}`);
    await prisma.commitment.update({ where: { id: archived }, data: { archivedAt: new Date() } });
    const found = ids(await searchCommitmentOptions(`patrols ${token}`));
    expect(found).not.toContain(ofArchived);
    expect(found).not.toContain(archived);
    expect(ids(await searchCommitmentOptions(`#${archived}`))).not.toContain(archived);
  });

  it('offers at most a page, also for an empty query, and finds nothing for text without words', async () => {
    expect((await searchCommitmentOptions('', 3)).length).toBeLessThanOrEqual(3);
    expect((await searchCommitmentOptions('')).length).toBeLessThanOrEqual(OPTIONS_MAX);
    expect(await searchCommitmentOptions(`«»— ${word()}`)).toEqual([]);
    expect(optionsLimit('5')).toBe(5);
    expect(optionsLimit('500')).toBe(OPTIONS_MAX);
    expect(optionsLimit(null)).toBe(OPTIONS_MAX);
    expect(optionsLimit('-1')).toBe(OPTIONS_MAX);
  });

  it('finds a commitment by a close spelling of its title words', async () => {
    const close = await commitment(`Witness protection ${token}`);
    expect(ids(await searchCommitmentOptions(`protecton ${token}`))).toEqual([close]);
    // Each word must be close on its own: the token alone cannot carry a word found nowhere.
    expect(await searchCommitmentOptions(`qqqqqqqqq ${token}`)).toEqual([]);
  });

  it('takes the ILIKE pattern characters literally', async () => {
    // As wildcards, these would match inside the token.
    expect(await searchCommitmentOptions(`${token.slice(3, 6)}%${token.slice(7)}`)).toEqual([]);
    expect(await searchCommitmentOptions(`${token.slice(3, 6)}_${token.slice(7)}`)).toEqual([]);
  });
});

describe('outlet options', () => {
  it('finds live outlets by a word or a piece of their name, by name', async () => {
    const outletWord = word();
    const b = await prisma.outlet.create({
      data: { name: `Beta ${outletWord} Times`, defaultReliability: 'B' },
    });
    const a = await prisma.outlet.create({ data: { name: `Alpha ${outletWord} Post` } });
    const gone = await prisma.outlet.create({
      data: { name: `Gone ${outletWord} Daily`, archivedAt: new Date() },
    });
    const found = await searchOutletOptions(outletWord);
    expect(found).toEqual([
      { id: a.id, name: `Alpha ${outletWord} Post`, defaultReliability: a.defaultReliability },
      { id: b.id, name: `Beta ${outletWord} Times`, defaultReliability: 'B' },
    ]);
    expect(ids(await searchOutletOptions(outletWord.slice(4)))).toEqual([a.id, b.id]);
    expect(ids(await searchOutletOptions(outletWord))).not.toContain(gone.id);
    expect((await searchOutletOptions('', 2)).length).toBeLessThanOrEqual(2);
  });
});

describe('agreement options', () => {
  it('finds live agreements by a word, a piece of the title or "#id", newest first', async () => {
    const agreementToken = word();
    const older = await prisma.agreement.create({
      data: { title: `Older ${agreementToken} accord`, kind: 'mou', concludedOn: new Date('2020-01-01') },
    });
    const newer = await prisma.agreement.create({
      data: { title: `Newer ${agreementToken} accord`, kind: 'mou', concludedOn: new Date('2024-01-01') },
    });
    const gone = await prisma.agreement.create({
      data: { title: `Gone ${agreementToken} accord`, kind: 'mou', archivedAt: new Date() },
    });
    expect(await searchAgreementOptions(agreementToken)).toEqual([
      { id: newer.id, title: newer.title },
      { id: older.id, title: older.title },
    ]);
    expect(ids(await searchAgreementOptions(agreementToken.slice(3)))).toEqual([newer.id, older.id]);
    expect(ids(await searchAgreementOptions(`#${older.id}`))).toEqual([older.id]);
    expect(ids(await searchAgreementOptions(`#${gone.id}`))).toEqual([]);
    expect((await searchAgreementOptions('', 2)).length).toBeLessThanOrEqual(2);
  });
});

describe('party options', () => {
  it('finds live parties by name or short name, by name, each with its parent', async () => {
    const partyToken = word();
    const shortName = `SN${partyToken.slice(2, 7).toUpperCase()}`;
    const parent = await prisma.party.create({ data: { name: `Republic ${partyToken}`, kind: 'state' } });
    const ministry = await prisma.party.create({
      data: { name: `Interior ${partyToken} ministry`, shortName, kind: 'ministry', parentId: parent.id },
    });
    const gone = await prisma.party.create({
      data: { name: `Gone ${partyToken} agency`, kind: 'ministry', archivedAt: new Date() },
    });
    expect(await searchPartyOptions(partyToken)).toEqual([
      { id: ministry.id, name: ministry.name, shortName, parentName: parent.name },
      { id: parent.id, name: parent.name, shortName: null, parentName: null },
    ]);
    expect(ids(await searchPartyOptions(shortName))).toEqual([ministry.id]);
    expect(ids(await searchPartyOptions(shortName.slice(1).toLowerCase()))).toEqual([ministry.id]);
    expect(ids(await searchPartyOptions(partyToken.slice(4)))).not.toContain(gone.id);
    expect((await searchPartyOptions('', 2)).length).toBeLessThanOrEqual(2);
  });
});

describe('person options', () => {
  it('finds live people by name, title, or their party, A–Z, each with title and party', async () => {
    const personToken = word();
    const titleWord = word();
    const partyToken = word();
    const party = await prisma.party.create({
      data: {
        name: `Directorate ${partyToken}`,
        shortName: `DX${partyToken.slice(2, 6).toUpperCase()}`,
        kind: 'agency',
      },
    });
    const zed = await prisma.person.create({
      data: { name: `Zed ${personToken}`, title: `Envoy ${titleWord}`, partyId: party.id },
    });
    const abe = await prisma.person.create({ data: { name: `Abe ${personToken}` } });
    const gone = await prisma.person.create({
      data: { name: `Gone ${personToken}`, partyId: party.id, archivedAt: new Date() },
    });
    expect(await searchPersonOptions(personToken)).toEqual([
      { id: abe.id, name: abe.name, title: null, partyName: null },
      { id: zed.id, name: zed.name, title: `Envoy ${titleWord}`, partyName: party.name },
    ]);
    // A piece inside a word of the name, a word of the title, the party's name or short name.
    expect(ids(await searchPersonOptions(personToken.slice(4)))).toEqual([abe.id, zed.id]);
    expect(ids(await searchPersonOptions(titleWord))).toEqual([zed.id]);
    expect(ids(await searchPersonOptions(partyToken))).toEqual([zed.id]);
    expect(ids(await searchPersonOptions(party.shortName!.toLowerCase()))).toEqual([zed.id]);
    // By "#id", but never archived, however asked.
    expect(ids(await searchPersonOptions(`#${zed.id}`))).toEqual([zed.id]);
    expect(ids(await searchPersonOptions(`#${gone.id}`))).toEqual([]);
    expect(ids(await searchPersonOptions(`Gone ${personToken}`))).toEqual([]);
    expect(ids(await searchPersonOptions(`${personToken.slice(3, 6)}%${personToken.slice(7)}`))).toEqual([]);
    expect((await searchPersonOptions('', 2)).length).toBeLessThanOrEqual(2);
  });

  it('gives the people a form names in the order asked, archived or not, unknown ids left out', async () => {
    const personToken = word();
    const party = await prisma.party.create({ data: { name: `Bureau ${personToken}`, kind: 'agency' } });
    const kept = await prisma.person.create({
      data: { name: `Kept ${personToken}`, title: 'Minister', partyId: party.id },
    });
    const gone = await prisma.person.create({
      data: { name: `Gone ${personToken}`, archivedAt: new Date() },
    });
    expect(await listPickedPeople([gone.id, 2_000_000_000, kept.id, gone.id])).toEqual([
      { id: gone.id, name: gone.name, title: null, partyName: null, archived: true },
      { id: kept.id, name: kept.name, title: 'Minister', partyName: party.name, archived: false },
    ]);
    expect(await listPickedPeople([])).toEqual([]);
  });
});

describe("a party's own parts", () => {
  it('lists the parts of a party at every depth, never the party itself or its parent', async () => {
    const partyToken = word();
    const top = await prisma.party.create({ data: { name: `Top ${partyToken}`, kind: 'state' } });
    const state = await prisma.party.create({
      data: { name: `State ${partyToken}`, kind: 'state', parentId: top.id },
    });
    const ministry = await prisma.party.create({
      data: { name: `Ministry ${partyToken}`, kind: 'ministry', parentId: state.id },
    });
    const agency = await prisma.party.create({
      data: { name: `Agency ${partyToken}`, kind: 'agency', parentId: ministry.id, archivedAt: new Date() },
    });
    expect(await listPartyDescendantIds(state.id)).toEqual([ministry.id, agency.id].sort((a, b) => a - b));
    expect(await listPartyDescendantIds(agency.id)).toEqual([]);
  });
});

describe('the reciprocal option', () => {
  it('shows the linked commitment with its status and agreement, archived or not', async () => {
    const linked = await commitment(`Linked ${token}`);
    await prisma.commitment.update({ where: { id: linked }, data: { archivedAt: new Date() } });
    expect(await getReciprocalOption(linked)).toEqual({
      id: linked,
      title: `Linked ${token}`,
      status: 'no_evidence',
      agreement: { id: agreementId, title: `Accord ${agreementWord} on policing` },
      archived: true,
    });
    expect(await getReciprocalOption(2_000_000_000)).toBeNull();
  });
});

describe('the outlet a filter names', () => {
  it('is loaded alone, archived or not, and nothing for an unknown or missing id', async () => {
    const { getPickedOutlet } = await import('../lib/search/picked.ts');
    const outlet = await prisma.outlet.create({ data: { name: `Outlet ${word()}`, archivedAt: new Date() } });
    expect(await getPickedOutlet(outlet.id)).toEqual({ id: outlet.id, name: outlet.name, archived: true });
    expect(await getPickedOutlet(2_147_483_647)).toBeNull();
    expect(await getPickedOutlet(null)).toBeNull();
  });
});
