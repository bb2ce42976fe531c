import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../../lib/generated/prisma/client.ts';
import { refreshStatusCache } from '../../../lib/data/status-cache.ts';
const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: 'postgresql://postgres@127.0.0.1:5432/pw_bench_2', max: 2 }),
});
const ids = (await prisma.commitment.findMany({ select: { id: true } })).map((r) => r.id);
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await prisma.$transaction((tx) => refreshStatusCache(tx, ids));
  console.log('refresh', ids.length, (performance.now() - t).toFixed(0), 'ms');
}
const t = performance.now();
await prisma.$queryRawUnsafe('SELECT 1');
console.log('select1', (performance.now() - t).toFixed(1));
await prisma.$disconnect();
