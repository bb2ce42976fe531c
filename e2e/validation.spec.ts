// Bad input on "Log follow-up": every problem is shown beside its field and summarised at the top, what was
// typed stays (every row included), the keyboard can reach each problem, and nothing reaches the database,
// whether the browser catches the mistake or the server does.
import type { Page } from '@playwright/test';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOutlet } from './support/pickers.ts';

// Long forms filled field by field: more than the default budget on a busy two-core machine.
test.beforeEach(() => test.slow());

const SKILLS = 'Joint strategy on the professional skills of police and security personnel';
const TRAINING = 'Expanded police training programmes';

/** The rows every follow-up could write: compared before and after (specs run one at a time). */
async function counts(db: PrismaClient) {
  const [evidence, statusUpdates, auditEvents, outlets] = await Promise.all([
    db.evidence.count(),
    db.statusUpdate.count(),
    db.auditEvent.count(),
    db.outlet.count(),
  ]);
  return { evidence, statusUpdates, auditEvents, outlets };
}

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

function submit(page: Page) {
  return page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
}

/** The field's error text, read the way assistive technology finds it: through aria-describedby. */
async function expectFieldError(field: ReturnType<Page['getByRole']>, message: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

test('bad input is shown beside each field, typed values stay, and nothing is written', async ({
  page,
  db,
}) => {
  const before = await counts(db);
  await page.goto('/follow-ups/new');
  const url = page.getByRole('textbox', { name: 'URL' });
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  const summary = page.getByRole('alert').filter({ hasText: 'Nothing was logged' });

  // 1. Nothing filled in: no URL.
  await submit(page);
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expectFieldError(url, /Enter the web address of the item\./);
  await expectFieldError(
    row(page, 1).getByRole('combobox', { name: 'Commitment', exact: true }),
    /Choose the commitment this item bears on\./,
  );

  // 2. A malformed URL, a 20,000-character title, a date in the year 3000, a broken commitment without a
  //    reason, and a second row left empty.
  await url.fill('dawn dot com/news/1234');
  await pickOutlet(page, 'Dunya News (B)');
  await title.fill('x'.repeat(20_000));
  await page.getByLabel('Published on').fill('3000-01-01');
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('3');
  await page.getByRole('radio', { name: /^Contradiction/ }).check();
  await pickCommitment(row(page, 1), SKILLS);
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('broken');
  await page.getByRole('button', { name: 'Add another commitment' }).click();
  await row(page, 2).getByRole('combobox', { name: 'New status' }).selectOption('fulfilled');
  await submit(page);

  await expect(summary).toBeFocused();
  await expectFieldError(url, /Enter a full web address starting with http:\/\/ or https:\/\//);
  await expectFieldError(title, /Use at most 500 characters \(this has 20,000\)\./);
  await expectFieldError(page.getByLabel('Published on'), /cannot be published in the future/);
  const reason = row(page, 1).getByRole('textbox', { name: /^Reason/ });
  await expectFieldError(reason, /Say why: a reason is required for "Broken"\./);
  await expectFieldError(
    row(page, 2).getByRole('combobox', { name: 'Commitment', exact: true }),
    /Choose the commitment this item bears on\./,
  );
  await expect(summary).toContainText('Nothing was logged: 5 fields need attention');
  await expect(summary.getByRole('link')).toHaveText([
    'URL',
    'Title',
    'Published on',
    'Commitment 1, reason',
    'Commitment 2, commitment',
  ]);

  // Everything typed is still there, both rows included.
  await expect(url).toHaveValue('dawn dot com/news/1234');
  await expect(title).toHaveValue('x'.repeat(20_000));
  await expect(page.getByLabel('Published on')).toHaveValue('3000-01-01');
  await expect(row(page, 1).getByRole('combobox', { name: 'New status' })).toHaveValue('broken');
  await expect(row(page, 2).getByRole('combobox', { name: 'New status' })).toHaveValue('fulfilled');
  await expect(page.getByRole('radio', { name: /^Contradiction/ })).toBeChecked();

  // The summary leads the keyboard to each problem.
  await summary.getByRole('link', { name: 'Commitment 1, reason' }).press('Enter');
  await expect(reason).toBeFocused();
  // Fixing a field clears its error at once.
  await reason.fill('The ministry denies any such strategy exists.');
  await expect(reason).not.toHaveAttribute('aria-invalid', 'true');

  expect(await counts(db)).toEqual(before);
});

test('a refusal by the server is shown the same way, with every row kept', async ({ page, db }) => {
  const [skills, training] = await Promise.all(
    [SKILLS, TRAINING].map((name) => db.commitment.findFirstOrThrow({ where: { title: name } })),
  );
  const before = await counts(db);
  await page.goto('/follow-ups/new');

  // Valid as far as the browser can tell; only the server knows the outlet already exists.
  const url = `https://www.dawn.com/news/refused-${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  await pickOutlet(page, '+ Add a new outlet…');
  await page.getByRole('textbox', { name: 'New outlet name' }).fill('dunya news');
  await page.getByRole('combobox', { name: 'Its usual reliability' }).selectOption('C');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Training programme delayed');
  await page.getByLabel('Published on').fill('2026-01-10');
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('radio', { name: /^Announcement/ }).check();
  await pickCommitment(row(page, 1), { id: skills.id });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await page.getByRole('button', { name: 'Add another commitment' }).click();
  await pickCommitment(row(page, 2), { id: training.id });
  await row(page, 2).getByRole('combobox', { name: 'New status' }).selectOption('stalled');
  await row(page, 2)
    .getByRole('textbox', { name: /^Reason/ })
    .fill('Delayed for a year.');
  await row(page, 2).getByLabel('Fact held on').fill('2026-01-08');
  await submit(page);

  const summary = page.getByRole('alert').filter({ hasText: 'Nothing was logged' });
  // The server's answer: after a round trip.
  await expect(summary).toBeFocused({ timeout: 20_000 });
  await expect(summary).toContainText('1 field needs attention');
  await expectFieldError(
    page.getByRole('textbox', { name: 'New outlet name' }),
    /An outlet named "Dunya News" already exists: pick it from the list\./,
  );
  await expect(page).toHaveURL(/\/follow-ups\/new$/);
  await expect(row(page, 2).getByRole('textbox', { name: /^Reason/ })).toHaveValue('Delayed for a year.');
  await expect(row(page, 2).getByLabel('Fact held on')).toHaveValue('2026-01-08');
  await expect(row(page, 1).getByRole('combobox', { name: 'New status' })).toHaveValue('in_progress');

  expect(await counts(db)).toEqual(before);
});

test('the form follows the reading order from the keyboard', async ({ page }) => {
  await page.goto('/follow-ups/new');
  const url = page.getByRole('textbox', { name: 'URL' });
  await url.focus();
  for (const next of [
    page.getByRole('combobox', { name: 'Outlet', exact: true }),
    page.getByRole('combobox', { name: 'Language' }),
    page.getByRole('textbox', { name: 'Title', exact: true }),
    page.getByRole('textbox', { name: /^Original-language title/ }),
  ]) {
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
  }
  // Rows: commitment, status, party, then (past the date's own segments) the reason.
  await row(page, 1).getByRole('combobox', { name: 'Commitment', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(row(page, 1).getByRole('combobox', { name: 'New status' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row(page, 1).getByRole('combobox', { name: 'Assesses' })).toBeFocused();
  // Removing a row hands the focus to the row that takes its place.
  await page.getByRole('button', { name: 'Add another commitment' }).press('Enter');
  await expect(row(page, 2).getByRole('combobox', { name: 'Commitment', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Remove commitment 1' }).press('Enter');
  await expect(row(page, 2)).toHaveCount(0);
  await expect(row(page, 1).getByRole('combobox', { name: 'Commitment', exact: true })).toBeFocused();
});
