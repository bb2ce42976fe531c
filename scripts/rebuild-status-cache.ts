// `npm run db:rebuild-status`: recomputes the current-status cache (Commitment.status, statusSince,
// lastEvidenceOn and the per-party rows) of every commitment in DATABASE_URL from its status-update history.
// The app keeps the cache current itself, in the transaction of every write; this is for after a restore, a
// manual SQL fix, or a change to the status rules. Safe while the app runs: one batch per transaction.
// `--after-id N` resumes an interrupted run after the last commitment id it reported.
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { rebuildStatusCache } from '../lib/data/status-cache.ts';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { requireDatabaseUrl } from './env.ts';

const { values } = parseArgs({ options: { 'after-id': { type: 'string' } } });
const afterId = Number(values['after-id'] ?? 0);
if (!Number.isSafeInteger(afterId) || afterId < 0) {
  console.error('--after-id must be a commitment id (a whole number, 0 or more)');
  process.exit(2);
}

const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: requireDatabaseUrl(), max: 1 }),
});
try {
  const started = Date.now();
  let last = 0;
  const total = await rebuildStatusCache(prisma, {
    afterId,
    // Progress every 2 s at most (a batch takes well under that).
    log: (line) => {
      if (Date.now() - last < 2_000) return;
      last = Date.now();
      console.log(line);
    },
  });
  console.log(
    `status cache rebuilt for ${total} commitment(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await prisma.$disconnect();
}
