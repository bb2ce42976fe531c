import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // pg and the generated Prisma client run on the server only; keep them out of the bundler.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
