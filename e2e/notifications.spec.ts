// Issue 17, "be told": analyst A follows a commitment and asks for e-mail as it happens; analyst B logs a follow-up
// against it; A sees the bell's count, the notification (linking to the update), the entry in their Atom feed and
// the e-mail that reached the local SMTP server the app is configured with (SMTP_URL=…:E2E_SMTP_PORT). The
// commitment is the spec's own (on its own agreement), so no seed status changes.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { pickOutlet } from './support/pickers.ts';
import { createUser, signInRequest, type E2EUser } from './support/users.ts';
import { catchMail, type MailCatcher } from '../tests/support/smtp.ts';

test.beforeEach(() => test.slow());
const AFTER_WRITE = { timeout: 20_000 };

let smtp: MailCatcher;

// The app sends to SMTP_URL=smtp://127.0.0.1:$E2E_SMTP_PORT (scripts/test.ts).
test.beforeAll(async () => {
  smtp = await catchMail(Number(process.env.E2E_SMTP_PORT));
});

test.afterAll(async () => {
  await smtp.close();
});

async function signedInPage(browser: Browser, user: E2EUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInRequest(context.request, user);
  return context.newPage();
}

test('A follows a commitment; B logs a follow-up; A is told in the app, the feed and by e-mail', async ({
  page,
  db,
  user,
  browser,
}) => {
  const analystA = user!;
  const analystB = await createUser(db, 'analyst', { name: `Bilal ${Date.now().toString(36)}` });
  const tag = Date.now().toString(36);
  const category = await db.category.findFirstOrThrow();
  const agreement = await db.agreement.create({ data: { title: `Notification accord ${tag}`, kind: 'mou' } });
  const commitment = await db.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: `Protection unit ${tag}` },
  });

  // A follows it, asks for e-mail as it happens, and makes a feed address.
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole('button', { name: 'Follow this commitment', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unfollow this commitment', exact: true })).toBeVisible(
    AFTER_WRITE,
  );
  await page.goto('/me/following');
  await expect(page.getByRole('link', { name: commitment.title })).toBeVisible();

  await page
    .getByRole('banner')
    .getByRole('link', { name: /^Notifications/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible(AFTER_WRITE);
  await page.getByRole('combobox', { name: 'E-mail me' }).selectOption('immediate');
  await page.getByRole('button', { name: 'Save e-mail setting' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'e-mailed as things happen' })).toBeVisible(
    AFTER_WRITE,
  );
  await page.getByRole('button', { name: 'Create feed address' }).click();
  const feedUrl = await page.getByRole('textbox', { name: 'Your feed address' }).inputValue(AFTER_WRITE);
  expect(feedUrl).toMatch(/\/feeds\/[A-Za-z0-9_-]{43}\.atom$/);

  // B logs a follow-up from the commitment's page.
  const pageB = await signedInPage(browser, analystB);
  await pageB.goto(`/commitments/${commitment.id}`);
  await pageB.getByRole('banner').getByRole('link', { name: 'Log follow-up' }).click();
  await expect(pageB.getByRole('heading', { level: 1, name: 'Log follow-up' })).toBeVisible(AFTER_WRITE);
  await pageB.getByRole('textbox', { name: 'URL' }).fill(`https://www.dawn.com/news/protection-unit-${tag}`);
  await pickOutlet(pageB, 'Dunya News (B)');
  await pageB.getByRole('textbox', { name: 'Title', exact: true }).fill(`Protection unit starts work ${tag}`);
  await pageB.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await pageB.getByRole('radio', { name: /^Concrete action/ }).check();
  const row = pageB.getByRole('group', { name: 'Commitment 1' });
  await row.getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await row.getByRole('textbox', { name: /^Reason/ }).fill('The unit has started work.');
  await pageB.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(pageB).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?logged=1`), AFTER_WRITE);
  await pageB.context().close();

  const update = await db.statusUpdate.findFirstOrThrow({ where: { commitmentId: commitment.id } });
  const summary = `${commitment.title}: status now in progress (by ${analystB.name})`;

  // The bell counts it; the list shows it and links to the update.
  await page.goto('/');
  const bell = page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible(AFTER_WRITE);
  await bell.click();
  await expect(page.getByRole('heading', { level: 2, name: '1 unread' })).toBeVisible(AFTER_WRITE);
  const item = page.getByRole('list', { name: 'Notifications' }).getByRole('link', { name: summary });
  await expect(item).toHaveAttribute('href', `/commitments/${commitment.id}#update-${update.id}`);

  // The feed has the entry. Its address is the credential: a feed reader fetches it signed out.
  const anonymous = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const feed = await anonymous.request.get(new URL(feedUrl).pathname, { maxRedirects: 0 });
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  const xml = await feed.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(xml).toContain(summary);
  expect(
    (await anonymous.request.get('/feeds/not-a-real-token-at-all-not-a-real-token-xx.atom')).status(),
  ).toBe(404);

  // The e-mail: the immediate job runs every minute; make it due now, as a second tick would.
  await db.$executeRaw`UPDATE "ScheduledJob" SET "dueAt" = now() WHERE name = 'notify.email-immediate'`;
  await expect
    .poll(() => smtp.received.filter((message) => message.to.includes(analystA.email)).length, AFTER_WRITE)
    .toBe(1);
  const mail = smtp.received.find((message) => message.to.includes(analystA.email))!.raw;
  const head = mail.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  expect(head).toMatch(/^List-Unsubscribe: <[^>]+\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}>/m);
  expect(mail).toMatch(/Content-Type: text\/plain/);
  expect(mail).toMatch(/Content-Type: text\/html/);
  expect(mail.replace(/=\r?\n/g, '')).toContain(`/commitments/${commitment.id}#update-${update.id}`);

  // The unsubscribe link works signed out: the page asks, its button turns e-mail off.
  const unsubscribe = /^List-Unsubscribe: <([^>]+)>/m.exec(head)![1];
  const signedOut = await anonymous.newPage();
  await signedOut.goto(new URL(unsubscribe).pathname);
  await signedOut.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect
    .poll(
      async () => (await db.user.findUniqueOrThrow({ where: { id: analystA.id } })).emailFrequency,
      AFTER_WRITE,
    )
    .toBe('off');
  await anonymous.close();

  // Marking it read empties the bell.
  await page
    .getByRole('listitem')
    .filter({ hasText: summary })
    .getByRole('button', { name: /^Mark read/ })
    .click();
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Notifications, none unread' }),
  ).toBeVisible(AFTER_WRITE);
});
