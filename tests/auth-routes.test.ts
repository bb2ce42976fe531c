// Every route handler × every kind of caller, like tests/auth-actions.test.ts does for server actions.
// The rows live in tests/route-cases.ts; a handler missing from it fails the first test below.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { can, type Permission, type Role } from '../lib/auth/permissions.ts';
import { createApiToken } from '../lib/api/tokens.ts';
import { routeCases, type RouteCase, type RouteContext } from './route-cases.ts';
import { testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));

const ROOT = path.resolve(import.meta.dirname, '..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const prisma = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
});

type Principal = 'anonymous' | Role | 'deactivated';
const PRINCIPALS: Principal[] = ['anonymous', 'viewer', 'analyst', 'admin', 'deactivated'];

function expectedStatus(principal: Principal, permission: Permission): 401 | 403 | 'ok' {
  if (principal === 'anonymous' || principal === 'deactivated') return 401;
  return can({ id: 'x', role: principal }, permission) ? 'ok' : 403;
}

async function actAs(principal: Principal): Promise<void> {
  if (principal === 'anonymous') {
    session.user = null;
    return;
  }
  const user = await createTestUser(prisma, principal === 'deactivated' ? 'admin' : principal, {
    deactivated: principal === 'deactivated',
    label: principal,
  });
  session.user = { ...user };
}

async function findRouteFiles(dir = path.join(ROOT, 'app')): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await findRouteFiles(full)));
    else if (/^route\.(ts|tsx|js)$/.test(entry.name))
      files.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return files.sort();
}

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

async function loadHandler(testCase: RouteCase): Promise<Handler> {
  const moduleExports = (await import(pathToFileURL(path.join(ROOT, testCase.route)).href)) as Record<
    string,
    unknown
  >;
  const handler = moduleExports[testCase.method];
  if (typeof handler !== 'function') throw new Error(`${testCase.route} exports no ${testCase.method}`);
  return handler as Handler;
}

async function call(testCase: RouteCase, authorization?: string): Promise<Response> {
  const handler = await loadHandler(testCase);
  let request = testCase.request();
  if (authorization) {
    const headers = new Headers(request.headers);
    headers.set('authorization', authorization);
    request = new Request(request, { headers });
  }
  return handler(request, testCase.context?.() ?? { params: Promise.resolve({}) });
}

/** A bearer row's caller: a read-write token of the principal's user; "anonymous" is a session and no token. */
async function bearerOf(principal: Principal): Promise<string | undefined> {
  if (principal === 'anonymous') {
    await actAs('admin');
    return undefined;
  }
  const user = await createTestUser(prisma, principal === 'deactivated' ? 'admin' : principal, {
    deactivated: principal === 'deactivated',
    label: principal,
  });
  const { token } = await createApiToken(
    { name: 'route table', scope: 'write', expiresAt: null },
    user.id,
    prisma,
  );
  return `Bearer ${token}`;
}

describe('the route table', () => {
  it('lists every method exported from app/**/route.ts, and nothing else', async () => {
    const exported: string[] = [];
    for (const file of await findRouteFiles()) {
      const moduleExports = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<
        string,
        unknown
      >;
      for (const method of METHODS)
        if (typeof moduleExports[method] === 'function') exported.push(`${method} ${file}`);
    }
    const listed = routeCases.map((testCase) => `${testCase.method} ${testCase.route}`);
    expect(
      exported.filter((id) => !listed.includes(id)),
      'handlers missing from tests/route-cases.ts',
    ).toEqual([]);
    expect(
      listed.filter((id) => !exported.includes(id)),
      'rows naming no exported handler',
    ).toEqual([]);
  });
});

describe.each(routeCases)('$method $route', (testCase) => {
  if ('public' in testCase) {
    it(`is public (${testCase.public}) and answers ${testCase.expectStatus} without a session`, async () => {
      session.user = null;
      expect((await call(testCase)).status).toBe(testCase.expectStatus);
    });
    return;
  }
  if ('bearer' in testCase) {
    it.each(PRINCIPALS)('with a token of %s', async (principal) => {
      try {
        const response = await call(testCase, await bearerOf(principal));
        const expected = expectedStatus(principal, testCase.bearer);
        if (expected !== 'ok') expect(response.status).toBe(expected);
        else if (testCase.okStatus) expect(response.status).toBe(testCase.okStatus);
        else expect([200, 201, 204]).toContain(response.status);
        if (response.status >= 400)
          expect(response.headers.get('content-type')).toBe('application/problem+json');
      } finally {
        session.user = null;
      }
    });
    return;
  }
  it.each(PRINCIPALS)('as %s', async (principal) => {
    await actAs(principal);
    let response: Response | undefined;
    try {
      response = await call(testCase);
      const expected = expectedStatus(principal, testCase.permission);
      if (expected === 'ok') expect(response.status).toBeGreaterThanOrEqual(200);
      if (expected === 'ok') expect(response.status).toBeLessThan(300);
      else expect(response.status).toBe(expected);
    } finally {
      session.user = null;
      // An unread export holds one of the capped export slots until its body ends (lib/csv/export-slots.ts).
      await response?.body?.cancel();
    }
  });
});

describe('withPermission and routeGuard, as handlers use them', () => {
  it.each(PRINCIPALS)('guard an export handler as %s', async (principal) => {
    const { routeGuard, withPermission } = await import('../lib/auth/action.ts');
    const handler = withPermission('export', async (_request, _context: RouteContext, user) =>
      Response.json({ for: user.id }),
    );
    await actAs(principal);
    try {
      const response = await handler(new Request('http://localhost/x'), { params: Promise.resolve({}) });
      const guard = await routeGuard('manage_users');
      const expected = expectedStatus(principal, 'export');
      if (expected === 'ok') expect(await response.json()).toEqual({ for: session.user!.id });
      else expect(response.status).toBe(expected);
      expect(guard.ok ? 'ok' : guard.response.status).toBe(expectedStatus(principal, 'manage_users'));
    } finally {
      session.user = null;
    }
  });
});
