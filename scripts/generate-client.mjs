// Runs `prisma generate`. The Prisma CLI wants to download a native schema engine at start-up, which
// fails offline and is not needed to generate the client: pointing it at any existing file skips it.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
  },
});
process.exit(result.status ?? 1);
