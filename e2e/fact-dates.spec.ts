// Fact dates with a precision (docs/decisions/009-fact-date-precision.md), as an analyst meets them: an item
// without a printed date is "undated, no later than today" (never today to the day), an undated report logged after
// a dated one is warned about and, saved anyway, leaves the dated status current; a fact known to a month shows as
// that month in the history. The test makes a commitment of its own.
import type { Page } from '@playwright/test';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { describeFactDate, parseDay, today } from '../lib/domain/dates.ts';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOutlet } from './support/pickers.ts';

test.beforeEach(() => test.slow());
const AFTER_WRITE = { timeout: 20_000 };

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

async function fillNewItem(page: Page, item: { url: string; title: string; publishedOn?: string }) {
  await page.getByRole('textbox', { name: 'URL' }).fill(item.url);
  await pickOutlet(page, 'Dunya News (B)');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(item.title);
  if (item.publishedOn) await page.getByLabel('Published on').fill(item.publishedOn);
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('3');
  await page.getByRole('radio', { name: /^Announcement/ }).check();
}

test('an undated pre-announcement after a dated "established" report is warned about and never becomes current', async ({
  page,
  db,
}) => {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const category = await db.category.findFirstOrThrow({ orderBy: { position: 'asc' } });
  const agreement = await db.agreement.create({ data: { title: `E2E dates ${suffix}`, kind: 'mou' } });
  const commitment = await db.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: `E2E unit established ${suffix}` },
  });
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      { commitmentId: commitment.id, status: 'fulfilled', observedOn: parseDay('2025-06-12') },
    ]),
  );

  await page.goto('/follow-ups/new');
  await fillNewItem(page, {
    url: `https://www.dawn.com/news/pre-${suffix}`,
    title: `Unit to be set up ${suffix}`,
  });
  // No published date: undated, no later than today; never today to the day.
  await expect(row(page, 1).getByRole('combobox', { name: 'Fact date known' })).toHaveValue('unknown');
  await expect(row(page, 1).getByLabel('Fact held no later than')).toHaveValue(
    today().toISOString().slice(0, 10),
  );
  await pickCommitment(row(page, 1), { id: commitment.id });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  // Refused once, with the reason beside the row; nothing written.
  await expect(row(page, 1).getByRole('status')).toContainText(
    'This will not become the current status: the current “Fulfilled” rests on news of 12 Jun 2025, and an undated item never outranks dated news',
    AFTER_WRITE,
  );
  expect(await db.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(1);

  await page.getByRole('checkbox', { name: /Save anyway/ }).check();
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?logged=1`), AFTER_WRITE);
  const main = page.locator('main');
  await expect(main).toContainText(/Current status:\s*Fulfilled/);
  const history = page.getByRole('list', { name: /history/i });
  const undated = describeFactDate(today(), 'unknown');
  await expect(history).toContainText(undated[0].toUpperCase() + undated.slice(1));

  // A fact known to a month: the month in the history, and (older than the current news) warned about too.
  await page.goto('/follow-ups/new');
  await fillNewItem(page, {
    url: `https://www.dawn.com/news/may-${suffix}`,
    title: `Site chosen in May ${suffix}`,
    publishedOn: '2025-06-20',
  });
  await pickCommitment(row(page, 1), { id: commitment.id });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await row(page, 1).getByRole('combobox', { name: 'Fact date known' }).selectOption('month');
  await row(page, 1).getByLabel('Fact held in (month)').fill('2025-05');
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(row(page, 1).getByRole('status')).toContainText(
    'its fact date is older (May 2025)',
    AFTER_WRITE,
  );
  await page.getByRole('checkbox', { name: /Save anyway/ }).check();
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?logged=1`), AFTER_WRITE);
  await expect(page.getByRole('list', { name: /history/i })).toContainText('May 2025');
  await expect(page.locator('main')).toContainText(/Current status:\s*Fulfilled/);

  const updates = await db.statusUpdate.findMany({
    where: { commitmentId: commitment.id },
    orderBy: { id: 'asc' },
  });
  expect(updates.map((u) => u.observedPrecision)).toEqual(['day', 'unknown', 'month']);

  // The item's own page says the fact date as it is known, not a day it never gave.
  const mayItem = updates[2].evidenceId!;
  await page.goto(`/evidence/${mayItem}`);
  const citing = page.getByRole('table', { name: /citing this item/i });
  await expect(citing).toContainText('May 2025');
  await expect(citing).not.toContainText('31 May 2025');
});
