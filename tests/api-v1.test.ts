// /api/v1 route handlers against the test database: bearer tokens only (a session cookie counts for nothing),
// problem details, cursor pages under a concurrent insert, ETags, the per-token rate limit, a follow-up logged
// through the API landing in updates.csv exactly as one from the form, and the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../lib/api/tokens.ts';
import type { CurrentUser } from '../lib/auth/session.ts';
import { updateReportRows } from '../lib/csv/updates-report.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
}));

const commitmentsRoute = await import('../app/api/v1/commitments/route.ts');
const commitmentRoute = await import('../app/api/v1/commitments/[id]/route.ts');
const followUpsRoute = await import('../app/api/v1/follow-ups/route.ts');
const openApiRoute = await import('../app/api/v1/openapi.json/route.ts');
const formActions = await import('../app/(app)/follow-ups/actions.ts');

const prisma = testPrisma();
const BASE = 'http://localhost:4500/api/v1/';
const noContext = { params: Promise.resolve({}) };

let analyst: TestUser;
let writeToken: string;
let readToken: string;
let fixture: { agreementId: number; partyId: number; outletId: number; commitmentIds: number[] };

async function makeCommitment(agreementId: number, categoryId: number, partyId: number, title: string) {
  const commitment = await prisma.commitment.create({
    data: { agreementId, categoryId, title, parties: { create: [{ partyId, role: 'responsible' }] } },
  });
  return commitment.id;
}

let categoryId: number;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst');
  writeToken = (await createApiToken({ name: 'w', scope: 'write', expiresAt: null }, analyst.id, prisma))
    .token;
  readToken = (await createApiToken({ name: 'r', scope: 'read', expiresAt: null }, analyst.id, prisma)).token;
  const [category, agreement, party, outlet] = await Promise.all([
    prisma.category.create({ data: { slug: unique('api'), name: unique('API category') } }),
    prisma.agreement.create({ data: { title: unique('API agreement'), kind: 'mou' } }),
    prisma.party.create({ data: { name: unique('API party'), kind: 'ministry' } }),
    prisma.outlet.create({ data: { name: unique('API outlet'), defaultReliability: 'B' } }),
  ]);
  categoryId = category.id;
  const commitmentIds: number[] = [];
  for (let i = 0; i < 5; i++)
    commitmentIds.push(await makeCommitment(agreement.id, category.id, party.id, `Commitment ${i}`));
  fixture = { agreementId: agreement.id, partyId: party.id, outletId: outlet.id, commitmentIds };
});

afterAll(async () => {
  await prisma.$disconnect();
});

function get(path: string, token: string | null, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status: response.status,
    type: expect.any(String),
    title: expect.any(String),
  });
  return body;
}

describe('authentication', () => {
  it('answers 401 problem JSON without a token', async () => {
    const response = await commitmentsRoute.GET(get('commitments', null), noContext);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await problemOf(response);
  });

  it('answers 401 to a signed-in session without a token: cookies are never read', async () => {
    session.user = { ...analyst, role: 'admin', deactivatedAt: null };
    try {
      const request = get('commitments', null, { cookie: 'better-auth.session_token=anything' });
      const response = await commitmentsRoute.GET(request, noContext);
      expect(response.status).toBe(401);
      await problemOf(response);
    } finally {
      session.user = null;
    }
  });

  it('answers 401 to a token that is not one', async () => {
    const response = await commitmentsRoute.GET(get('commitments', 'pw_nothing_here'), noContext);
    expect(response.status).toBe(401);
  });
});

describe('GET /api/v1/commitments', () => {
  it('lists the filtered commitments with status, per-party status, flags and asOf', async () => {
    const response = await commitmentsRoute.GET(
      get(`commitments?status=no_evidence&agreement=${fixture.agreementId}`, readToken),
      noContext,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.next).toBeNull();
    expect(body.items.map((item: { id: number }) => item.id)).toEqual(fixture.commitmentIds);
    expect(body.items[0]).toMatchObject({
      status: 'no_evidence',
      flags: expect.any(Array),
      agreement: { id: fixture.agreementId },
      parties: [{ id: fixture.partyId, role: 'responsible', status: 'no_evidence' }],
    });
  });

  it('refuses a filter the reports would refuse, with the field error', async () => {
    const response = await commitmentsRoute.GET(get('commitments?status=nonsense', readToken), noContext);
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.errors).toHaveProperty('status');
  });

  it('pages by cursor without duplicates or skips while a commitment is inserted', async () => {
    const seen: number[] = [];
    let path: string | null = `commitments?agreement=${fixture.agreementId}&limit=2`;
    let inserted: number | null = null;
    while (path) {
      const response = await commitmentsRoute.GET(
        get(path.replace(/^\/api\/v1\//, ''), readToken),
        noContext,
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      seen.push(...body.items.map((item: { id: number }) => item.id));
      if (inserted === null)
        inserted = await makeCommitment(
          fixture.agreementId,
          categoryId,
          fixture.partyId,
          'Inserted meanwhile',
        );
      path = body.next;
    }
    expect(seen).toEqual([...fixture.commitmentIds, inserted]);
    expect(new Set(seen).size).toBe(seen.length);
    await prisma.commitment.update({ where: { id: inserted! }, data: { archivedAt: new Date() } });
  });

  it('answers 304 to If-None-Match with the ETag it gave', async () => {
    const path = `commitments/${fixture.commitmentIds[0]}`;
    const context = { params: Promise.resolve({ id: String(fixture.commitmentIds[0]) }) };
    const first = await commitmentRoute.GET(get(path, readToken), context);
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^".+"$/);
    const again = await commitmentRoute.GET(get(path, readToken, { 'if-none-match': etag! }), context);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('limits each token, answering 429 with Retry-After', async () => {
    const fresh = async () =>
      (await createApiToken({ name: 'busy', scope: 'read', expiresAt: null }, analyst.id, prisma)).token;
    const [own, other] = [await fresh(), await fresh()];
    vi.stubEnv('PACTWATCH_API_RATE_LIMIT', '3');
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await commitmentsRoute.GET(get('commitments?limit=1', own), noContext);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      await problemOf(last!);
      // Another token is counted on its own.
      expect((await commitmentsRoute.GET(get('commitments?limit=1', other), noContext)).status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('POST /api/v1/follow-ups', () => {
  const fields = (commitmentId: number, url: string): Record<string, string> => ({
    url,
    outlet: String(fixture.outletId),
    title: 'Unit begins operations',
    originalTitle: '',
    language: 'en',
    publishedOn: '2026-03-10',
    excerpt: 'The unit began operating on Monday.',
    reliability: '',
    credibility: '2',
    type: 'concrete_action',
    'rows.0.commitmentId': String(commitmentId),
    'rows.0.status': 'in_progress',
    'rows.0.reason': 'Started.',
  });
  const post = (token: string, body: unknown) =>
    followUpsRoute.POST(
      new Request(`${BASE}follow-ups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      noContext,
    );

  it('refuses a read-only token with 403, writing nothing', async () => {
    const url = `https://news.example.com/${unique('ro')}`;
    const response = await post(readToken, fields(fixture.commitmentIds[0], url));
    expect(response.status).toBe(403);
    expect((await problemOf(response)).detail).toMatch(/read-only/);
    expect(await prisma.evidence.count({ where: { url } })).toBe(0);
  });

  it('answers 422 with the form field errors', async () => {
    const response = await post(writeToken, { ...fields(fixture.commitmentIds[0], ''), title: '' });
    expect(response.status).toBe(422);
    const body = await problemOf(response);
    expect(Object.keys(body.errors as object)).toEqual(expect.arrayContaining(['url', 'title']));
  });

  it('logs a follow-up that updates.csv shows exactly like one from the form', async () => {
    const [viaForm, viaApi] = fixture.commitmentIds.slice(3);
    const formUrl = `https://news.example.com/${unique('form')}`;
    const apiUrl = `https://news.example.com/${unique('api')}`;

    session.user = { ...analyst, deactivatedAt: null };
    try {
      const formData = new FormData();
      for (const [key, value] of Object.entries(fields(viaForm, formUrl))) formData.set(key, value);
      await expect(formActions.logFollowUp(formData)).rejects.toMatchObject({
        digest: expect.stringMatching(/^NEXT_REDIRECT/),
      });
    } finally {
      session.user = null;
    }
    const response = await post(writeToken, fields(viaApi, apiUrl));
    expect(response.status).toBe(201);
    const logged = await response.json();
    expect(logged.commitmentIds).toEqual([viaApi]);

    const rows: string[][] = [];
    for await (const batch of updateReportRows(prisma, { agreement: fixture.agreementId }))
      rows.push(...batch);
    const [commitmentForm, commitmentApi] = await Promise.all(
      [viaForm, viaApi].map((id) => prisma.commitment.findUniqueOrThrow({ where: { id } })),
    );
    const normalise = (row: string[], commitment: { id: number; title: string }, url: string) =>
      row.map((cell) =>
        cell === String(commitment.id)
          ? '<id>'
          : cell
              .replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, '<time>')
              .replaceAll(url, '<url>')
              .replaceAll(commitment.title, '<commitment>'),
      );
    const fromForm = rows.filter((row) => row.includes(formUrl));
    const fromApi = rows.filter((row) => row.includes(apiUrl));
    expect(fromForm).toHaveLength(1);
    expect(fromApi).toHaveLength(1);
    expect(normalise(fromApi[0], commitmentApi, apiUrl)).toEqual(
      normalise(fromForm[0], commitmentForm, formUrl),
    );
    expect(fromApi[0]).toContain(analyst.name);

    const audit = await prisma.auditEvent.count({
      where: { actorId: analyst.id, entityType: 'StatusUpdate', entityId: String(logged.updateIds[0]) },
    });
    expect(audit).toBe(1);
  });
});

describe('POST /api/v1/follow-ups on an agreement that requires review', () => {
  it('answers with the proposals it made, not counted rows, and leaves the status as it was', async () => {
    const agreement = await prisma.agreement.create({
      data: { title: unique('API reviewed agreement'), kind: 'mou', requiresReview: true },
    });
    const commitmentId = await makeCommitment(
      agreement.id,
      categoryId,
      fixture.partyId,
      'Reviewed commitment',
    );
    const url = `https://news.example.com/${unique('reviewed')}`;
    const response = await followUpsRoute.POST(
      new Request(`${BASE}follow-ups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          url,
          outlet: String(fixture.outletId),
          title: 'Unit begins operations',
          language: 'en',
          publishedOn: '2026-03-10',
          credibility: '2',
          type: 'concrete_action',
          'rows.0.commitmentId': String(commitmentId),
          'rows.0.status': 'in_progress',
          'rows.0.reason': 'Started.',
        }),
      }),
      noContext,
    );
    expect(response.status).toBe(201);
    const logged = await response.json();
    expect(logged.updateIds).toEqual([]);
    expect(logged.proposalIds).toHaveLength(1);
    const proposal = await prisma.proposedStatusUpdate.findUniqueOrThrow({
      where: { id: logged.proposalIds[0] },
    });
    expect(proposal).toMatchObject({
      commitmentId,
      state: 'proposed',
      authorId: analyst.id,
      status: 'in_progress',
    });
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: commitmentId } })).status).toBe(
      'no_evidence',
    );
  });
});

describe('PATCH /api/v1/commitments/{id}', () => {
  const patch = (token: string, id: number, body: unknown) =>
    commitmentRoute.PATCH(
      new Request(`${BASE}commitments/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id: String(id) }) },
    );

  it('saves what is sent over the saved record, audited; a stale version is a 409 with the current record', async () => {
    const id = fixture.commitmentIds[2];
    const before = await prisma.commitment.findUniqueOrThrow({ where: { id } });
    expect((await patch(readToken, id, { version: before.version, title: 'Nope' })).status).toBe(403);

    const saved = await patch(writeToken, id, { version: before.version, title: 'Renamed through the API' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      id,
      title: 'Renamed through the API',
      version: before.version + 1,
    });
    const after = await prisma.commitment.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      title: 'Renamed through the API',
      categoryId: before.categoryId,
      dueOn: null,
    });
    const audit = await prisma.auditEvent.count({
      where: { actorId: analyst.id, entityType: 'Commitment', entityId: String(id), action: 'update' },
    });
    expect(audit).toBe(1);

    const stale = await patch(writeToken, id, { version: before.version, title: 'Lost race' });
    expect(stale.status).toBe(409);
    const body = await problemOf(stale);
    expect(body.current).toMatchObject({
      title: 'Renamed through the API',
      version: String(before.version + 1),
    });

    const invalid = await patch(writeToken, id, { version: after.version, title: '' });
    expect(invalid.status).toBe(422);
    expect((await problemOf(invalid)).errors).toHaveProperty('title');
    expect((await patch(writeToken, id, { title: 'No version' })).status).toBe(400);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document every operation of which is well formed', async () => {
    const document = await openApiRoute.GET().json();
    checkOpenApi31(document);
  });
});

// A JSON document walked structurally: its shape is what is being checked.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The parts of the OpenAPI 3.1.0 rules this document uses, checked structurally. */
function checkOpenApi31(document: Json) {
  expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  expect(typeof document.paths).toBe('object');
  const schemas = document.components?.schemas ?? {};
  const schemes = document.components?.securitySchemes ?? {};
  for (const requirement of document.security ?? [])
    for (const name of Object.keys(requirement))
      expect(schemes, `security scheme ${name}`).toHaveProperty(name);
  const refs: string[] = [];
  const collectRefs = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collectRefs);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref') refs.push(item as string);
        else collectRefs(item);
      }
    }
  };
  collectRefs(document);
  for (const ref of refs) {
    expect(ref).toMatch(/^#\/components\/schemas\//);
    expect(schemas, ref).toHaveProperty(ref.split('/').at(-1)!);
  }
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    expect(path.startsWith('/')).toBe(true);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries<Json>(item)) {
      expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
      expect(operationIds.has(operation.operationId), `operationId ${operation.operationId} unique`).toBe(
        false,
      );
      operationIds.add(operation.operationId);
      expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
      for (const [code, response] of Object.entries<Json>(operation.responses)) {
        expect(code).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect(typeof response.description).toBe('string');
      }
      const parameters = (operation.parameters ?? []) as Json[];
      const seen = new Set<string>();
      for (const parameter of parameters) {
        expect(['query', 'header', 'path', 'cookie']).toContain(parameter.in);
        expect(typeof parameter.name).toBe('string');
        expect(seen.has(`${parameter.in}:${parameter.name}`)).toBe(false);
        seen.add(`${parameter.in}:${parameter.name}`);
        expect('schema' in parameter || 'content' in parameter).toBe(true);
        if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
      for (const name of templated) expect(seen.has(`path:${name}`), `${path} declares {${name}}`).toBe(true);
    }
  }
  // JSON Schema 2020-12 (3.1's dialect): no OpenAPI 3.0 `nullable`, types are names or arrays of names.
  const walkSchemas = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walkSchemas);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      expect(node).not.toHaveProperty('nullable');
      if ('type' in node && typeof node.type !== 'object') expect(typeof node.type).toBe('string');
      Object.values(node).forEach(walkSchemas);
    }
  };
  walkSchemas(schemas);
}
