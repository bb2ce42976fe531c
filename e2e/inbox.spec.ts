// Issue [6/9] item 2: an outlet's feed, served by a local fixture server, fills the Inbox; an item becomes a
// follow-up in two clicks ("Log follow-up", then the form's own "Log follow-up"), and then shows as logged; items
// are dismissed and restored; a failing feed is named with its error; a viewer sees the Inbox but cannot act.
// The item is logged against a commitment this spec creates (the seed's statuses are other specs' to read).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures.ts';

test.beforeEach(() => test.slow());
/** For what appears only after the scheduler's next tick (500 ms in e2e) or a write. */
const AFTER_POLL = { timeout: 30_000 };

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const HEADLINE = `Pakistan and China have completed the joint hydrographic survey of Gwadar harbour ${tag}`;
const OTHER = `Cricket: Pakistan win the toss in Rawalpindi ${tag}`;
let server: http.Server;
let base: string;

function rss(): string {
  const item = (title: string, path: string, description: string, day: string) => `
    <item>
      <title>${title}</title>
      <link>${base}${path}</link>
      <guid isPermaLink="false">${path}</guid>
      <pubDate>${day}</pubDate>
      <description>${description}</description>
    </item>`;
  const today = new Date().toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Survey Wire feed ${tag}</title><link>${base}/</link><description>Fixture feed</description>
  ${item(
    HEADLINE,
    `/news/survey-${tag}`,
    `GWADAR: Pakistan and China have completed the joint hydrographic survey of Gwadar harbour ${tag}, the maritime affairs ministry said.`,
    today,
  )}
  ${item(OTHER, `/sport/toss-${tag}`, 'A sports story that concerns no commitment.', today)}
</channel></rss>`;
}

test.beforeAll(async () => {
  const port = Number(process.env.E2E_FIXTURE_PORT);
  expect(port, 'E2E_FIXTURE_PORT is set by scripts/test.ts').toBeGreaterThan(0);
  server = http.createServer((request, response) => {
    const [path] = (request.url ?? '').split('?');
    if (path === `/feed-${tag}.xml`) {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss());
    } else if (path.startsWith('/news/') || path.startsWith('/sport/')) {
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>${path}</h1>`);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a feed fills the Inbox, and an item becomes a follow-up in two clicks', async ({ page, db }) => {
  const category = await db.category.create({ data: { name: `Maritime ${tag}`, slug: `maritime-${tag}` } });
  const commitment = await db.commitment.create({
    data: {
      title: `Joint hydrographic survey of Gwadar harbour ${tag}`,
      category: { connect: { id: category.id } },
      agreement: { create: { title: `Maritime cooperation ${tag}`, kind: 'mou' } },
    },
  });
  const outlet = await db.outlet.create({ data: { name: `Survey Wire ${tag}`, defaultReliability: 'B' } });

  // The analyst adds the feed, and a second one that fails, on the outlet's page.
  await page.goto(`/outlets/${outlet.id}`);
  const feeds = page.getByRole('region', { name: 'Feeds', exact: true });
  await feeds.getByRole('textbox', { name: 'Feed address' }).fill('ftp://example.com/feed.xml');
  await feeds.getByRole('button', { name: 'Add feed' }).click();
  await expect(feeds.getByRole('textbox', { name: 'Feed address' })).toHaveAccessibleDescription(
    /Only http:\/\/ and https:\/\/ feeds are read/,
  );
  await feeds.getByRole('textbox', { name: 'Feed address' }).fill(`${base}/feed-${tag}.xml`);
  await feeds.getByRole('button', { name: 'Add feed' }).click();
  await expect(feeds.getByRole('status').filter({ hasText: 'Watching' })).toBeVisible();
  await feeds.getByRole('textbox', { name: 'Feed address' }).fill(`${base}/missing-${tag}.xml`);
  await feeds.getByRole('button', { name: 'Add feed' }).click();
  await expect(feeds.getByRole('listitem')).toHaveCount(2);
  await feeds.getByRole('button', { name: 'Check now' }).click();
  await expect(feeds.getByRole('status').filter({ hasText: 'checked within a minute' })).toBeVisible();

  // The scheduler polls at its next tick: the feed has its title and a last success, the other its error.
  await expect(async () => {
    await page.reload();
    await expect(feeds.getByText(`Survey Wire feed ${tag}`, { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(feeds.locator('p', { hasText: 'Last error' })).toContainText('HTTP status 404', {
      timeout: 1_000,
    });
  }).toPass(AFTER_POLL);
  await expect(feeds.getByText(/^Last read /)).toBeVisible();

  // The Inbox: the item with the commitment it appears to concern; the failing feed named with its error.
  await page.goto(`/inbox?outlet=${outlet.id}`);
  const notice = page.getByRole('region', { name: /feeds? (is|are) failing/ });
  await expect(notice).toContainText(`missing-${tag}.xml`);
  await expect(notice).toContainText('The page answered with HTTP status 404.');
  const item = page.getByRole('article', { name: HEADLINE });
  await expect(item.getByRole('link', { name: new RegExp(`^${HEADLINE}`) })).toHaveAttribute(
    'href',
    `${base}/news/survey-${tag}`,
  );
  await expect(
    item
      .getByRole('list', { name: /appears to concern/ })
      .getByRole('listitem')
      .first(),
  ).toContainText(commitment.title);

  // Click 1: "Log follow-up" opens the form, filled from the item.
  await item.getByRole('link', { name: /^Log follow-up/ }).click();
  await expect(page).toHaveURL(/\/follow-ups\/new\?inboxItem=/);
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${base}/news/survey-${tag}`);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(HEADLINE);
  const row = page.getByRole('group', { name: 'Commitment 1' });
  await expect(row.getByRole('combobox', { name: 'Commitment', exact: true })).toHaveValue(commitment.title);
  await expect(row.getByRole('combobox', { name: 'New status' })).toHaveValue('fulfilled');

  // Click 2: the form's own submit.
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page).toHaveURL(/\/inbox\?.*logged=1/, AFTER_POLL);

  const logged = page.getByRole('article', { name: HEADLINE });
  await expect(logged.getByText('Logged', { exact: true })).toBeVisible();
  const evidence = await db.evidence.findFirstOrThrow({
    where: { url: `${base}/news/survey-${tag}` },
    select: { id: true, outletId: true, statusUpdates: { select: { commitmentId: true, status: true } } },
  });
  expect(evidence.outletId).toBe(outlet.id);
  expect(evidence.statusUpdates).toEqual([{ commitmentId: commitment.id, status: 'fulfilled' }]);
  await expect(logged.getByRole('link', { name: HEADLINE, exact: true })).toHaveAttribute(
    'href',
    `/evidence/${evidence.id}`,
  );
  await expect(logged.getByRole('link', { name: /^Log follow-up/ })).toHaveCount(0);

  // The failing feed is removed: the notice goes with it.
  await page.goto(`/outlets/${outlet.id}`);
  await feeds.getByRole('button', { name: `Remove feed ${base}/missing-${tag}.xml` }).click();
  await expect(feeds.getByRole('listitem')).toHaveCount(1);
  await page.goto(`/inbox?outlet=${outlet.id}`);
  await expect(page.getByRole('article', { name: HEADLINE })).toBeVisible();
  await expect(page.getByText(`missing-${tag}.xml`)).toHaveCount(0);
});

test('an item is dismissed and restored', async ({ page }) => {
  await page.goto(`/inbox?q=${encodeURIComponent(OTHER)}`);
  const item = page.getByRole('article', { name: OTHER });
  await expect(item).toBeVisible();
  await expect(item.getByText('No commitment on file appears to be concerned.')).toBeVisible();
  await item.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(page.getByRole('article', { name: OTHER })).toHaveCount(0, AFTER_POLL);
  await expect(page.getByText('No item matches these filters')).toBeVisible();

  await page.goto(`/inbox?q=${encodeURIComponent(OTHER)}&state=dismissed`);
  const dismissed = page.getByRole('article', { name: OTHER });
  await expect(dismissed.getByText(/^Dismissed by /)).toBeVisible();
  await dismissed.getByRole('button', { name: /^Restore/ }).click();
  await expect(page.getByRole('article', { name: OTHER })).toHaveCount(0, AFTER_POLL);
  await page.goto(`/inbox?q=${encodeURIComponent(OTHER)}`);
  await expect(page.getByRole('article', { name: OTHER })).toBeVisible();
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees the Inbox but cannot log, dismiss or restore', async ({ page }) => {
    await page.goto(`/inbox?q=${encodeURIComponent(tag)}&state=all`);
    await expect(page.getByRole('article', { name: OTHER })).toBeVisible();
    await expect(
      page.getByRole('article', { name: HEADLINE }).getByText('Logged', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: /^Log follow-up/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Dismiss|Restore)/ })).toHaveCount(0);
  });
});
