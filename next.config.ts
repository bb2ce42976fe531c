import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/auth/security-headers.ts';

const nextConfig: NextConfig = {
  // pg and the Prisma driver adapter run on the server only; keep them out of the bundler.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // Lets the test runner and the benchmark build into folders of their own next to a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Concurrent builds into several dist dirs each add their own types folder to tsconfig.json; a build can point
  // at a tsconfig of its own (NEXT_TSCONFIG) so another folder's stale types cannot fail it.
  ...(process.env.NEXT_TSCONFIG ? { typescript: { tsconfigPath: process.env.NEXT_TSCONFIG } } : {}),
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 when a signed-in user's role does not allow a page.
    authInterrupts: true,
  },
  // The app's icon is app/icon.svg; pages without the root layout's metadata (the error screens) make browsers
  // ask for /favicon.ico, which gets the same picture rather than a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }];
  },
  // Server actions keep Next's origin check (Origin must match Host): no `serverActions.allowedOrigins` here.
  // The Content-Security-Policy needs a per-request nonce, so proxy.ts sets it; these are the fixed ones.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
