import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // pg and the Prisma driver adapter run on the server only; keep them out of the bundler.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // Lets the test runner and the benchmark build into folders of their own next to a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
};

export default nextConfig;
