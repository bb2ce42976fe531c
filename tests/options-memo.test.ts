// The pickers' answers remembered under the data version (lib/search/options-route.ts, decision 019): the same
// query again is answered from memory; any write to the database, here by the test's own connection and not
// through the app, makes the next answer fresh and shows the new record; read access is checked every time.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { testDatabaseUrl, testPrisma } from './support/db.ts';
import { createTestUser } from './support/users.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));

const { GET } = await import('../app/api/options/commitments/route.ts');
const { OPTIONS_MEMO_HEADER } = await import('../lib/search/options-route.ts');
const { db } = await import('../lib/db.ts');
const prisma = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

const word = `zm${Math.random().toString(36).slice(2, 10).replace(/\d/g, 'q')}`;

async function ask(q: string): Promise<{ memo: string | null; titles: string[]; status: number }> {
  const response = await GET(
    new Request(`http://localhost/api/options/commitments?q=${encodeURIComponent(q)}`),
  );
  if (response.status !== 200) return { memo: null, titles: [], status: response.status };
  const body = (await response.json()) as { options: { title: string }[] };
  return {
    memo: response.headers.get(OPTIONS_MEMO_HEADER),
    titles: body.options.map((o) => o.title),
    status: 200,
  };
}

describe('the pickers’ memo', () => {
  it('answers a repeated query from memory until anything is written, then shows the new record', async () => {
    session.user = { ...(await createTestUser(prisma, 'viewer', { label: 'memo' })) };
    expect(await ask(word)).toMatchObject({ memo: 'miss', titles: [] });
    // Other test files write to the same database meanwhile: each of their commits is a miss, rightly. A few tries
    // tell those from a memo that never answers.
    let memo: string | null = null;
    for (let attempt = 0; attempt < 10 && memo !== 'hit'; attempt++) memo = (await ask(word)).memo;
    expect(memo).toBe('hit');

    const category = await prisma.category.create({ data: { slug: word, name: `Category ${word}` } });
    const agreement = await prisma.agreement.create({ data: { title: `Memo accord ${word}`, kind: 'mou' } });
    await prisma.commitment.create({
      data: { title: `Memo commitment ${word}`, agreementId: agreement.id, categoryId: category.id },
    });
    const after = await ask(word);
    expect(after.memo).toBe('miss');
    expect(after.titles).toEqual([`Memo commitment ${word}`]);
  });

  it('checks read access on every request, remembered answer or not', async () => {
    session.user = null;
    expect((await ask(word)).status).toBe(401);
  });
});
