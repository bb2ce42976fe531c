// Better Auth's HTTP endpoints (sign-in, sign-out, get-session, ...). Public by design: the proxy lets
// /api/auth/* through, and Better Auth checks origins, rate limits and sessions itself.
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

export const { GET, POST } = toNextJsHandler((request: Request) => getAuth().handler(request));
