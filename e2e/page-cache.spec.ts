// The page cache (lib/page-cache.ts) seen from the browser: a reload of an unchanged page is served from it with a
// fresh CSP nonce and still runs; any write to the database, made here over a connection of the test's own and not
// through the app, is a miss that shows the new data; each user gets their own page; the client router's requests
// and signed-out or deactivated users never get a cached page. Whatever else a render answers (a redirect to a
// list's canonical query, a 404) reaches the browser as it is, and NUL bytes in a filter are never a 500.
import type { Page, Response } from '@playwright/test';
import pg from 'pg';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { parseDay } from '../lib/domain/dates.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { createUser, signInRequest } from './support/users.ts';

test.use({ signedInAs: 'viewer' });

const CACHE_HEADER = 'x-pactwatch-page-cache';
/** What a browser sends for a page load: the page cache answers only these. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function suffix(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

async function ownCommitment(db: PrismaClient, title: string) {
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const pakistan = await db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } });
  const agreement = await db.agreement.create({ data: { title: `E2E page cache ${suffix()}`, kind: 'mou' } });
  return db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title,
      parties: { create: [{ partyId: pakistan.id, role: 'responsible' }] },
    },
  });
}

/**
 * Reloads until the page comes from the cache. The version is this database's alone (docs/decisions/019), so other
 * databases on the shared server cannot cause a miss; the app's own scheduler may still write between two loads
 * (a feed check, a notification), so a few tries tell such a write from a broken cache, which never hits.
 */
async function reloadUntilHit(page: Page): Promise<Response> {
  let response: Response | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    response = await page.reload();
    if (response?.headers()[CACHE_HEADER] === 'hit') return response;
    await page.waitForTimeout(200 * attempt);
  }
  expect(response?.headers()[CACHE_HEADER], 'five reloads of an unchanged page, none from the cache').toBe(
    'hit',
  );
  return response!;
}

function nonceOf(response: Response): string {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
  expect(nonce, 'the response has a CSP nonce').toBeTruthy();
  return nonce!;
}

/** Every script tag of the page carries the response's own nonce, and no other. */
async function expectScriptsCarry(response: Response, nonce: string) {
  const html = await response.text();
  const nonces = new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((match) => match[1]));
  expect([...nonces]).toEqual([nonce]);
}

test('a reload of an unchanged page comes from the cache with a fresh nonce, and the page still runs', async ({
  page,
  db,
}) => {
  const commitment = await ownCommitment(db, `Cached commitment ${suffix()}`);
  const url = `/commitments/${commitment.id}`;

  const first = (await page.goto(url))!;
  expect(first.headers()[CACHE_HEADER]).toBe('miss');
  await expect(page.getByRole('heading', { level: 1, name: commitment.title })).toBeVisible();

  const second = await reloadUntilHit(page);
  const firstNonce = nonceOf(first);
  const secondNonce = nonceOf(second);
  expect(secondNonce).not.toBe(firstNonce);
  await expectScriptsCarry(second, secondNonce);
  await expect(page.getByRole('heading', { level: 1, name: commitment.title })).toBeVisible();

  // Hydrated (a script blocked by the policy would also fail the test through the console-error fixture): the
  // breadcrumb navigates on the client.
  await page
    .getByRole('navigation', { name: /breadcrumb/i })
    .getByRole('link', { name: 'Commitments' })
    .click();
  await expect(page).toHaveURL(/\/commitments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Commitments' })).toBeVisible();
});

test('a write to the database by anyone is a miss that shows the new data', async ({ page, db }) => {
  const commitment = await ownCommitment(db, `Written-to commitment ${suffix()}`);
  const url = `/commitments/${commitment.id}`;
  await page.goto(url);
  await reloadUntilHit(page);
  await expect(page.getByText('No follow-ups yet')).toBeVisible();

  // Not through the app: the test's own connection, as an import script or another server would write.
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      { commitmentId: commitment.id, status: 'fulfilled', observedOn: parseDay('2026-01-15') },
    ]),
  );

  const after = (await page.reload())!;
  expect(after.headers()[CACHE_HEADER]).toBe('miss');
  await expect(page.getByText('No follow-ups yet')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Status history' })).toBeVisible();
  await expect(page.getByText('1 follow-up, newest news first')).toBeVisible();
});

test('writes to another database on the same server are not a miss', async ({ page, db }) => {
  const commitment = await ownCommitment(db, `Neighbour commitment ${suffix()}`);
  const url = `/commitments/${commitment.id}`;
  await page.goto(url);
  await reloadUntilHit(page);

  // Another database on the same PostgreSQL server (a benchmark, another test run) writes: not our data. The app's
  // own scheduler may write to ours meanwhile (that is a miss, rightly), so an attempt counts only when our data
  // version did not move; one such attempt must be a hit.
  const elsewhere = new URL(process.env.E2E_DATABASE_URL!);
  elsewhere.pathname = '/postgres';
  const ourVersion = async () =>
    (await db.$queryRaw<{ v: string }[]>`SELECT "version"::text AS v FROM "DataVersion" WHERE "id" = 1`)[0].v;
  let judged = 0;
  for (let attempt = 0; attempt < 5 && judged === 0; attempt++) {
    await reloadUntilHit(page);
    const before = await ourVersion();
    const client = new pg.Client({ connectionString: elsewhere.toString() });
    await client.connect();
    try {
      await client.query('CREATE TEMP TABLE e2e_neighbour (n int)');
      for (let i = 0; i < 5; i++) await client.query('INSERT INTO e2e_neighbour VALUES ($1)', [i]);
    } finally {
      await client.end();
    }
    const header = (await page.reload())!.headers()[CACHE_HEADER];
    if ((await ourVersion()) !== before) continue;
    judged++;
    expect(header, 'a reload after writes to another database only').toBe('hit');
  }
  expect(judged, 'an attempt without writes to our own database').toBe(1);
});

test('each user gets their own page; signed-out and deactivated users and the client router get none', async ({
  page,
  db,
  browser,
  user,
}) => {
  const commitment = await ownCommitment(db, `Shared commitment ${suffix()}`);
  const url = `/commitments/${commitment.id}`;

  // An analyst's page (edit controls, their name) is cached first.
  const analyst = await createUser(db, 'analyst');
  const analystContext = await browser.newContext();
  await signInRequest(analystContext.request, analyst);
  const analystPage = await analystContext.newPage();
  await analystPage.goto(url);
  await reloadUntilHit(analystPage);
  await expect(analystPage.getByRole('link', { name: 'Edit commitment' })).toBeVisible();

  // The viewer's own render, then their own hit: no edit controls, their name.
  expect((await page.goto(url))!.headers()[CACHE_HEADER]).toBe('miss');
  await reloadUntilHit(page);
  await expect(page.getByRole('heading', { level: 1, name: commitment.title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit commitment' })).toHaveCount(0);
  const html = await page.content();
  expect(html).toContain(user!.name);
  expect(html).not.toContain(analyst.name);

  // The client router's payload requests render every time, and get a payload, not the cached page.
  const rsc = await page.request.get(url, { headers: { RSC: '1' } });
  expect(rsc.headers()[CACHE_HEADER]).toBeUndefined();
  expect(rsc.headers()['content-type']).toContain('text/x-component');

  // Nobody signed in: the sign-in page, not a cached page.
  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(url, { maxRedirects: 0 });
  expect(refused.status()).toBe(307);
  expect(refused.headers().location).toContain('/sign-in');
  await anonymous.close();

  // A deactivated analyst is turned away before the cache is consulted.
  await db.user.update({ where: { id: analyst.id }, data: { deactivatedAt: new Date() } });
  const afterDeactivation = await analystContext.request.get(url, { maxRedirects: 0 });
  expect(afterDeactivation.status()).toBe(307);
  expect(afterDeactivation.headers().location).toContain('/sign-in');
  await analystContext.close();
});

test('a redirect or a 404 of the render reaches the browser as it is: canonical queries end on the clean list', async ({
  page,
}) => {
  for (const [url, canonical] of [
    ['/agreements?utm_source=newsletter', '/agreements'],
    ['/commitments?fbclid=x', '/commitments'],
    ['/commitments?page=0', '/commitments'],
    ['/agreements?q=', '/agreements'],
    ['/commitments?status=', '/commitments'],
    ['/commitments?status=stalled&q=&utm_medium=mail', '/commitments?status=stalled'],
  ]) {
    const response = await page.request.get(url, { headers: { Accept: BROWSER_ACCEPT }, maxRedirects: 0 });
    expect(response.status(), url).toBe(307);
    // Rendered through the page cache (that is where the 500 came from), and not kept.
    expect(response.headers()[CACHE_HEADER], url).toBe('miss');
    const location = new URL(response.headers().location, response.url());
    expect(`${location.pathname}${location.search}`, url).toBe(canonical);
    expect(location.origin).toBe(new URL(response.url()).origin);
  }

  const missing = await page.request.get('/commitments/2147483647', { headers: { Accept: BROWSER_ACCEPT } });
  expect(missing.status()).toBe(404);

  // A signed-in browser following a newsletter link gets the clean list.
  const landed = (await page.goto('/agreements?utm_source=x'))!;
  expect(landed.status()).toBe(200);
  await expect(page).toHaveURL(/\/agreements$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Agreements' })).toBeVisible();
  await page.goto('/commitments?fbclid=x&q=');
  await expect(page).toHaveURL(/\/commitments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Commitments' })).toBeVisible();
});

test('a NUL byte in a list, evidence or report filter is dropped or refused, never a 500', async ({
  page,
}) => {
  for (const accept of [BROWSER_ACCEPT, '*/*']) {
    const get = (url: string) => page.request.get(url, { headers: { Accept: accept }, maxRedirects: 0 });
    // The lists drop it and redirect to what they filter by.
    for (const [url, canonical] of [
      ['/commitments?q=%00', '/commitments'],
      ['/agreements?q=%00', '/agreements'],
      ['/commitments?q=wa%00ter', '/commitments?q=water'],
      ['/commitments?status=%00&agreement=%00&from=%00&sort=%00', '/commitments'],
    ]) {
      const response = await get(url);
      expect(response.status(), `${url} (${accept})`).toBe(307);
      const location = new URL(response.headers().location, response.url());
      expect(`${location.pathname}${location.search}`).toBe(canonical);
    }
    const evidence = await get('/evidence?q=%00&language=%00&outlet=%00');
    expect(evidence.status(), `evidence (${accept})`).toBe(200);
    // The reports refuse it with a message.
    for (const report of ['commitments', 'updates']) {
      const refused = await get(`/reports/${report}.csv?status=%00`);
      expect(refused.status(), report).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('status:');
    }
  }

  await page.goto('/commitments?q=%00');
  await expect(page).toHaveURL(/\/commitments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Commitments' })).toBeVisible();
});
