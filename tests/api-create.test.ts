// POST /api/v1/agreements and /api/v1/commitments against the test database: the create forms' schemas and
// mutations, audited with the token's user, 201 with Location, 403 for a read-only token, 422 with the forms'
// field errors; and the filters of the parties and people lists.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../lib/api/tokens.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
}));

const agreementsRoute = await import('../app/api/v1/agreements/route.ts');
const agreementRoute = await import('../app/api/v1/agreements/[id]/route.ts');
const commitmentsRoute = await import('../app/api/v1/commitments/route.ts');
const commitmentRoute = await import('../app/api/v1/commitments/[id]/route.ts');
const partiesRoute = await import('../app/api/v1/parties/route.ts');
const peopleRoute = await import('../app/api/v1/people/route.ts');

const prisma = testPrisma();
const BASE = 'http://localhost:4500/api/v1/';
const noContext = { params: Promise.resolve({}) };

let analyst: TestUser;
let writeToken: string;
let readToken: string;
let fixture: { partyId: number; categoryId: number };

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst');
  writeToken = (await createApiToken({ name: 'w', scope: 'write', expiresAt: null }, analyst.id, prisma))
    .token;
  readToken = (await createApiToken({ name: 'r', scope: 'read', expiresAt: null }, analyst.id, prisma)).token;
  const [category, party] = await Promise.all([
    prisma.category.create({ data: { slug: unique('api-create'), name: unique('API create category') } }),
    prisma.party.create({ data: { name: unique('API create party'), kind: 'ministry' } }),
  ]);
  fixture = { partyId: party.id, categoryId: category.id };
});

afterAll(async () => {
  await prisma.$disconnect();
});

function post(path: string, token: string, body: unknown): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function get(path: string, token: string): Request {
  return new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { errors?: Record<string, string[]>; detail?: string };
}

function audits(entityType: string, id: number) {
  return prisma.auditEvent.count({
    where: { actorId: analyst.id, entityType, entityId: String(id), action: 'create' },
  });
}

describe('POST /api/v1/agreements and /api/v1/commitments', () => {
  it('creates an agreement, then a commitment in it, audited with the token’s user and readable by GET', async () => {
    const title = unique('Agreement through the API');
    const created = await agreementsRoute.POST(
      post('agreements', writeToken, {
        title,
        kind: 'mou',
        concludedOn: '2025-09',
        concludedPrecision: 'month',
        partyId: [String(fixture.partyId)],
        partyRole: ['signatory'],
      }),
      noContext,
    );
    expect(created.status).toBe(201);
    const agreement = (await created.json()) as { id: number };
    expect(agreement).toMatchObject({
      title,
      kind: 'mou',
      concludedOn: '2025-09-01',
      concludedPrecision: 'month',
      parties: [{ id: fixture.partyId, role: 'signatory' }],
    });
    expect(created.headers.get('location')).toBe(`/api/v1/agreements/${agreement.id}`);
    expect(await audits('Agreement', agreement.id)).toBe(1);
    const read = await agreementRoute.GET(get(`agreements/${agreement.id}`, readToken), {
      params: Promise.resolve({ id: String(agreement.id) }),
    });
    expect(await read.json()).toMatchObject({ id: agreement.id, title });

    const commitmentTitle = unique('Commitment through the API');
    const made = await commitmentsRoute.POST(
      post('commitments', writeToken, {
        agreementId: agreement.id,
        title: commitmentTitle,
        categoryId: fixture.categoryId,
        responsiblePartyId: [fixture.partyId],
        dueOn: '2026-03-31',
      }),
      noContext,
    );
    expect(made.status).toBe(201);
    const commitment = (await made.json()) as { id: number };
    expect(commitment).toMatchObject({ title: commitmentTitle, agreement: { id: agreement.id } });
    expect(made.headers.get('location')).toBe(`/api/v1/commitments/${commitment.id}`);
    expect(await audits('Commitment', commitment.id)).toBe(1);
    const again = await commitmentRoute.GET(get(`commitments/${commitment.id}`, readToken), {
      params: Promise.resolve({ id: String(commitment.id) }),
    });
    expect(await again.json()).toMatchObject({ id: commitment.id, title: commitmentTitle });
  });

  it('refuses a read-only token with 403, creating nothing', async () => {
    const title = unique('Read-only agreement');
    const refused = await agreementsRoute.POST(
      post('agreements', readToken, { title, kind: 'mou', concludedPrecision: 'unknown' }),
      noContext,
    );
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).detail).toBe('This token is read-only.');
    expect(await prisma.agreement.count({ where: { title } })).toBe(0);
    const commitment = await commitmentsRoute.POST(post('commitments', readToken, { title }), noContext);
    expect(commitment.status).toBe(403);
    expect(await prisma.commitment.count({ where: { title } })).toBe(0);
  });

  it('answers 422 with the forms’ field errors', async () => {
    const agreement = await agreementsRoute.POST(
      post('agreements', writeToken, { title: '', kind: 'treaty-ish', concludedPrecision: 'unknown' }),
      noContext,
    );
    expect(agreement.status).toBe(422);
    expect(Object.keys((await problemOf(agreement)).errors ?? {})).toEqual(
      expect.arrayContaining(['title', 'kind']),
    );
    const commitment = await commitmentsRoute.POST(
      post('commitments', writeToken, { title: 'No agreement', responsiblePartyId: [] }),
      noContext,
    );
    expect(commitment.status).toBe(422);
    expect((await problemOf(commitment)).errors).toMatchObject({
      agreementId: ['Choose the agreement this commitment belongs to.'],
      responsiblePartyId: ['Choose at least one responsible party: status is tracked per responsible party.'],
    });
    const notJson = await commitmentsRoute.POST(
      new Request(`${BASE}commitments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'application/json' },
        body: '[1]',
      }),
      noContext,
    );
    expect(notJson.status).toBe(400);
  });
});

describe('filters of GET /api/v1/parties and /api/v1/people', () => {
  it('narrow the lists; a bad value is a 400 problem', async () => {
    const word = unique('Filterword').replace(/[^A-Za-z0-9]/g, '');
    const parent = await prisma.party.create({ data: { name: `${word} Ministry`, kind: 'ministry' } });
    const child = await prisma.party.create({
      data: { name: unique('Child agency'), shortName: `${word}CA`, kind: 'agency', parentId: parent.id },
    });
    await prisma.party.create({ data: { name: unique('Unrelated agency'), kind: 'agency' } });
    const speaker = await prisma.person.create({
      data: { name: unique('Speaker'), title: `${word} spokesperson`, partyId: child.id },
    });
    await prisma.person.create({ data: { name: unique('Other speaker'), partyId: parent.id } });

    const ids = async (response: Response) => {
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { id: number }[] }).items.map((item) => item.id);
    };
    const parties = (query: string) =>
      partiesRoute.GET(get(`parties?limit=100&${query}`, readToken), noContext);
    const people = (query: string) => peopleRoute.GET(get(`people?limit=100&${query}`, readToken), noContext);

    expect(await ids(await parties(`q=${word}`))).toEqual([parent.id, child.id]);
    expect(await ids(await parties(`q=${word}&kind=agency`))).toEqual([child.id]);
    expect(await ids(await parties(`parent=${parent.id}`))).toEqual([child.id]);
    expect(await ids(await people(`q=${word.toLowerCase()}`))).toEqual([speaker.id]);
    expect(await ids(await people(`party=${child.id}`))).toEqual([speaker.id]);

    const bad = await parties('kind=planet&parent=x');
    expect(bad.status).toBe(400);
    expect(Object.keys((await problemOf(bad)).errors ?? {}).sort()).toEqual(['kind', 'parent']);
  });
});

describe('filters of GET /api/v1/agreements and /api/v1/outlets', () => {
  it('are the agreement list’s and the outlets page’s; a bad value is a 400 problem', async () => {
    const word = unique('Accordword').replace(/[^A-Za-z0-9]/g, '');
    const party = await prisma.party.create({ data: { name: unique('Accord party'), kind: 'state' } });
    const mou = await prisma.agreement.create({
      data: {
        title: `${word} memorandum`,
        kind: 'mou',
        parties: { create: { partyId: party.id, role: 'signatory' } },
      },
    });
    const treaty = await prisma.agreement.create({ data: { title: `${word} treaty`, kind: 'treaty' } });
    await prisma.agreement.create({
      data: { title: `${word} archived`, kind: 'mou', archivedAt: new Date() },
    });
    const outlet = await prisma.outlet.create({ data: { name: `${word} Times` } });
    await prisma.outlet.create({ data: { name: `${word} Gone`, archivedAt: new Date() } });

    const ids = async (response: Response) => {
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { id: number }[] }).items.map((item) => item.id);
    };
    const agreements = (query: string) =>
      agreementsRoute.GET(get(`agreements?limit=100&${query}`, readToken), noContext);
    const outlets = await import('../app/api/v1/outlets/route.ts');

    expect(await ids(await agreements(`q=${word}`))).toEqual([mou.id, treaty.id]);
    expect(await ids(await agreements(`q=${word}&kind=mou`))).toEqual([mou.id]);
    expect(await ids(await agreements(`q=${word}&party=${party.id}`))).toEqual([mou.id]);
    expect(await ids(await outlets.GET(get(`outlets?q=${word}`, readToken), noContext))).toEqual([outlet.id]);

    const bad = await agreements('from=yesterday');
    expect(bad.status).toBe(400);
    expect(Object.keys((await problemOf(bad)).errors ?? {})).toEqual(['from']);
  });
});
