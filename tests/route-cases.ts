// THE table of route handlers for tests/auth-routes.test.ts. Every HTTP method exported from an
// `app/**/route.ts` must have a row here, or that test fails. A guarded row:
//
//   {
//     route: 'app/reports/commitments.csv/route.ts',
//     method: 'GET',
//     permission: 'export',                                  // checked with routeGuard/withPermission in the handler
//     request: () => new Request('http://localhost/reports/commitments.csv?status=stalled'),
//   },
//
// It is called as anonymous, viewer, analyst, admin and a deactivated admin: 401 without a valid session, 403
// without the permission, a 2xx answer with it. A public row says why it is public and what it answers.
//
// A `bearer` row (the token API, /api/v1) is called with a read-write token of each of those users instead of a
// session, and "anonymous" is an admin's signed-in session without a token: 401, since no cookie counts there.
// `okStatus` is what a permitted caller gets when that is not a 2xx (a request the handler then refuses).
import type { Permission } from '../lib/auth/permissions.ts';
import { notifyRouteCases } from './support/notify-cases.ts';

export type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Common = {
  route: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  request: () => Request;
  context?: () => RouteContext;
};

export type RouteCase =
  | (Common & { permission: Permission })
  | (Common & { bearer: Permission; okStatus?: number })
  | (Common & { public: string; expectStatus: number });

const api = (path: string) => () => new Request(`http://localhost:4500/api/v1/${path}`);
const params = (id: string) => () => ({ params: Promise.resolve({ id }) });

const BETTER_AUTH = 'app/api/auth/[...all]/route.ts';
const authContext = () => ({ params: Promise.resolve({ all: ['get-session'] }) });

export const routeCases: RouteCase[] = [
  {
    route: 'app/api/health/route.ts',
    method: 'GET',
    public: 'load balancers and the start script probe it; it says only whether the database answers',
    request: () => new Request('http://localhost:4500/api/health'),
    expectStatus: 200,
  },
  {
    route: BETTER_AUTH,
    method: 'GET',
    public: 'Better Auth: signing in cannot need a session; it checks origins, limits and sessions itself',
    request: () => new Request('http://localhost:4500/api/auth/get-session'),
    context: authContext,
    expectStatus: 200,
  },
  {
    route: BETTER_AUTH,
    method: 'POST',
    public: 'Better Auth: sign-in and sign-out (tests/auth-better-auth.test.ts covers them)',
    request: () =>
      new Request('http://localhost:4500/api/auth/sign-out', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:4500' },
        body: '{}',
      }),
    context: () => ({ params: Promise.resolve({ all: ['sign-out'] }) }),
    expectStatus: 200,
  },
  {
    route: 'app/(app)/follow-ups/lookup/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/follow-ups/lookup?url=https%3A%2F%2Fnews.example.com%2Fa'),
  },
  {
    route: 'app/api/options/commitments/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/options/commitments?q=police&limit=5'),
  },
  {
    route: 'app/api/options/agreements/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/options/agreements?q=police&limit=5'),
  },
  {
    route: 'app/api/options/parties/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/options/parties?q=interior'),
  },
  {
    route: 'app/api/options/people/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/options/people?q=naqvi'),
  },
  {
    route: 'app/api/options/outlets/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/options/outlets?q=dawn'),
  },
  {
    route: 'app/api/search/route.ts',
    method: 'GET',
    permission: 'read',
    request: () => new Request('http://localhost/api/search?q=police'),
  },
  {
    route: 'app/reports/commitments.csv/route.ts',
    method: 'GET',
    permission: 'export',
    request: () => new Request('http://localhost/reports/commitments.csv?status=stalled'),
  },
  {
    route: 'app/reports/updates.csv/route.ts',
    method: 'GET',
    permission: 'export',
    request: () => new Request('http://localhost/reports/updates.csv?asOf=2025-06-30&bom=1'),
  },
  {
    route: 'app/api/v1/openapi.json/route.ts',
    method: 'GET',
    public: 'the description of the API holds no data, and clients read it before they have a token',
    request: api('openapi.json'),
    expectStatus: 200,
  },
  {
    route: 'app/api/v1/commitments/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('commitments?status=no_evidence'),
  },
  {
    route: 'app/api/v1/commitments/[id]/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('commitments/999999999'),
    context: params('999999999'),
    okStatus: 404,
  },
  {
    route: 'app/api/v1/agreements/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('agreements?limit=5'),
  },
  {
    route: 'app/api/v1/agreements/[id]/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('agreements/999999999'),
    context: params('999999999'),
    okStatus: 404,
  },
  { route: 'app/api/v1/parties/route.ts', method: 'GET', bearer: 'read', request: api('parties') },
  {
    route: 'app/api/v1/parties/[id]/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('parties/999999999'),
    context: params('999999999'),
    okStatus: 404,
  },
  { route: 'app/api/v1/people/route.ts', method: 'GET', bearer: 'read', request: api('people') },
  { route: 'app/api/v1/outlets/route.ts', method: 'GET', bearer: 'read', request: api('outlets') },
  { route: 'app/api/v1/evidence/route.ts', method: 'GET', bearer: 'read', request: api('evidence') },
  {
    route: 'app/api/v1/evidence/[id]/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('evidence/999999999'),
    context: params('999999999'),
    okStatus: 404,
  },
  {
    route: 'app/api/v1/status-updates/route.ts',
    method: 'GET',
    bearer: 'read',
    request: api('status-updates'),
  },
  { route: 'app/api/v1/search/route.ts', method: 'GET', bearer: 'read', request: api('search?q=police') },
  ...(['commitments', 'agreements'] as const).map((kind): RouteCase => ({
    route: `app/api/v1/${kind}/[id]/route.ts`,
    method: 'PATCH',
    bearer: 'write',
    // No such record: a permitted caller gets as far as looking it up (tests/api-v1.test.ts saves one).
    request: () =>
      new Request(`http://localhost:4500/api/v1/${kind}/999999999`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"version":"1"}',
      }),
    context: params('999999999'),
    okStatus: 404,
  })),
  ...(['commitments', 'agreements'] as const).map((kind): RouteCase => ({
    route: `app/api/v1/${kind}/route.ts`,
    method: 'POST',
    bearer: 'write',
    // An empty form: a permitted caller gets as far as the form's own checks (tests/api-create.test.ts creates one).
    request: () =>
      new Request(`http://localhost:4500/api/v1/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    okStatus: 422,
  })),
  {
    route: 'app/api/v1/follow-ups/route.ts',
    method: 'POST',
    bearer: 'write',
    // An empty form: a permitted caller gets as far as the form's own checks (tests/api-follow-ups.test.ts logs one).
    request: () =>
      new Request('http://localhost:4500/api/v1/follow-ups', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    okStatus: 422,
  },
  // Feeds and unsubscribe links: tests/support/notify-cases.ts.
  ...notifyRouteCases,
];
