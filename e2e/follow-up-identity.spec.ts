// "Log follow-up" and one article's many addresses: an AMP or http:// form of an address already logged is the
// same item, and a follow-up sent twice (a double click, the same form submitted again from a second tab) is
// written once, the second submit told it is already logged. Each test signs in an analyst of its own and uses
// addresses of its own.
import type { Page } from '@playwright/test';
import { addDays, formatDay, today } from '../lib/domain/dates.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOutlet } from './support/pickers.ts';

test.beforeEach(() => test.slow());
/** For what appears only after a write has committed and the page was rendered again. */
const AFTER_WRITE = { timeout: 20_000 };

function uniqueSlug(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A commitment of its own, without history: its first follow-up becomes its status with nothing to warn about,
 * whatever other specs logged on the seed's commitments.
 */
async function freshCommitment(db: PrismaClient, slug: string): Promise<number> {
  const category = await db.category.create({ data: { slug: `c-${slug}`, name: `Category ${slug}` } });
  const agreement = await db.agreement.create({ data: { title: `Agreement ${slug}`, kind: 'mou' } });
  const commitment = await db.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: `Police training ${slug}` },
  });
  return commitment.id;
}

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

/** The whole form for a new item and one stalled row, as an analyst fills it. */
async function fillFollowUp(page: Page, url: string, title: string, commitmentId: number) {
  await page.goto('/follow-ups/new');
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  await pickOutlet(page, 'Dunya News (B)');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByLabel('Published on').fill(formatDay(addDays(today(), -2)));
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('radio', { name: /^Announcement/ }).check();
  await pickCommitment(row(page, 1), { id: commitmentId });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('stalled');
  await row(page, 1)
    .getByRole('textbox', { name: /^Reason/ })
    .fill('Training paused, the ministry says.');
}

test('an AMP or http:// form of an address already logged is recognised as that item, and cited', async ({
  page,
  db,
}) => {
  const outlet = await db.outlet.findUniqueOrThrow({ where: { name: 'Dunya News' } });
  const slug = uniqueSlug('amp');
  const commitmentId = await freshCommitment(db, slug);
  const url = `https://www.dawn.com/news/${slug}`;
  const existing = await db.evidence.create({
    data: {
      url,
      outletId: outlet.id,
      title: 'Police academies agree on joint curriculum',
      language: 'en',
      reliability: 'B',
      credibility: 2,
      type: 'announcement',
      publishedOn: addDays(today(), -5),
    },
  });

  await page.goto('/follow-ups/new');
  await page.getByRole('textbox', { name: 'URL' }).fill(`http://dawn.com/news/${slug}/amp?amp=1`);
  await page.getByRole('textbox', { name: 'URL' }).press('Tab');
  const notice = page.getByRole('status').filter({ hasText: 'Already logged on' });
  await expect(notice).toContainText('as “Police academies agree on joint curriculum”');
  // The address as first logged, which is kept.
  await expect(notice).toContainText(`Logged under ${url}`);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveCount(0);

  await pickCommitment(row(page, 1), { id: commitmentId });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'citing the item already logged',
    AFTER_WRITE,
  );
  expect(await db.evidence.count({ where: { url: { contains: slug } } })).toBe(1);
  expect(await db.statusUpdate.count({ where: { evidenceId: existing.id } })).toBe(1);
});

test('the same follow-up submitted again from a second tab is not written twice: "already logged"', async ({
  page,
  context,
  db,
}) => {
  const slug = uniqueSlug('resubmit');
  const commitmentId = await freshCommitment(db, slug);
  const url = `https://www.dawn.com/news/${slug}`;
  const title = `Police training paused ${slug}`;

  // Two tabs with the same form, filled alike (a form kept open and sent again later).
  const second = await context.newPage();
  await fillFollowUp(page, url, title, commitmentId);
  await fillFollowUp(second, url, title, commitmentId);

  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'citing the new item',
    AFTER_WRITE,
  );
  const item = await db.evidence.findUniqueOrThrow({ where: { url } });

  await second.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  const summary = second.getByRole('alert').filter({ hasText: 'Nothing was logged' });
  await expect(summary).toBeVisible(AFTER_WRITE);
  await expect(summary).toContainText('Already logged: this update is in the log since');
  await expect(summary).toContainText(`citing “${title}” (item #${item.id}, /evidence/${item.id})`);
  await expect(summary).toContainText('Nothing new was written.');
  // Still on the form, with what was typed.
  await expect(second.getByRole('textbox', { name: 'URL' })).toHaveValue(url);

  expect(await db.evidence.count({ where: { url: { contains: slug } } })).toBe(1);
  expect(await db.statusUpdate.count({ where: { evidenceId: item.id } })).toBe(1);
});

test('a double click on "Log follow-up" writes one update', async ({ page, db }) => {
  const slug = uniqueSlug('double');
  const url = `https://www.dawn.com/news/${slug}`;
  await fillFollowUp(page, url, `Police training paused ${slug}`, await freshCommitment(db, slug));

  await page.getByRole('button', { name: 'Log follow-up', exact: true }).dblclick();

  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'one status update, citing the new item',
    AFTER_WRITE,
  );
  const item = await db.evidence.findUniqueOrThrow({ where: { url } });
  // Give a second submit, had one been sent, the time to land.
  await page.waitForTimeout(2_000);
  expect(await db.statusUpdate.count({ where: { evidenceId: item.id } })).toBe(1);
});
