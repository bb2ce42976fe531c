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
import type { Permission } from '../lib/auth/permissions.ts';

export type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Common = {
  route: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  request: () => Request;
  context?: () => RouteContext;
};

export type RouteCase =
  (Common & { permission: Permission }) | (Common & { public: string; expectStatus: number });

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
];
