// Issue 17's "done when", on the seed agreement itself: with review on for it, analyst B's follow-up on the
// protection unit leaves its current status and the CSV as of today unchanged until analyst A accepts it. It changes
// the seed's statuses, which other specs read, so it is named to run after every other spec (Playwright runs the
// files in name order, one worker); it turns review off again when it ends.
import { formatDay, today } from '../lib/domain/dates.ts';
import type { CommitmentStatus } from '../lib/generated/prisma/enums.ts';
import { expect, test } from './support/fixtures.ts';
import { pickOutlet } from './support/pickers.ts';
import { pageAs, reportsAsOfToday } from './support/review.ts';
import { createUser } from './support/users.ts';

test.beforeEach(() => test.slow());
const AFTER_WRITE = { timeout: 20_000 };
const LABELS: Partial<Record<CommitmentStatus, string>> = {
  fulfilled: 'Fulfilled',
  partially_fulfilled: 'Partially fulfilled',
};

let seedAgreementId: number | undefined;

test.afterAll(async ({ db }) => {
  if (seedAgreementId !== undefined)
    await db.agreement.update({ where: { id: seedAgreementId }, data: { requiresReview: false } });
});

test('review on for the seed agreement: B’s follow-up on the protection unit counts only once A accepts it', async ({
  page,
  db,
}) => {
  // Signed in as analyst B (the fixture's user).
  const admin = await createUser(db, 'admin');
  const analystA = await createUser(db, 'analyst');
  const commitment = await db.commitment.findFirstOrThrow({
    where: { title: { startsWith: 'Special protection unit' }, archivedAt: null },
  });
  const agreementId = commitment.agreementId;
  seedAgreementId = agreementId;
  const proposedStatus: CommitmentStatus =
    commitment.status === 'fulfilled' ? 'partially_fulfilled' : 'fulfilled';

  // The admin turns review on in the seed agreement's form.
  const adminPage = await pageAs(page, admin);
  await adminPage.page.goto(`/agreements/${agreementId}/edit`);
  await adminPage.page.getByRole('checkbox', { name: 'Require review of status updates' }).check();
  await adminPage.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(adminPage.page).toHaveURL(new RegExp(`/agreements/${agreementId}$`), AFTER_WRITE);
  expect((await db.agreement.findUniqueOrThrow({ where: { id: agreementId } })).requiresReview).toBe(true);
  expect(adminPage.errors).toEqual([]);
  await adminPage.close();

  const before = await reportsAsOfToday(page.request, agreementId, commitment.title);
  expect(before.status).toBe(commitment.status);

  // Analyst B logs a follow-up from the protection unit's page.
  const label = Date.now().toString(36);
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole('banner').getByRole('link', { name: 'Log follow-up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log follow-up' })).toBeVisible(AFTER_WRITE);
  await page.getByRole('textbox', { name: 'URL' }).fill(`https://www.dawn.com/news/protection-unit-${label}`);
  await pickOutlet(page, 'Dunya News (B)');
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill(`Protection unit for Chinese nationals begins operating ${label}`);
  // Today: the newest news on it, whatever other specs logged before.
  await page.getByLabel('Published on').fill(formatDay(today()));
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('radio', { name: /^Concrete action/ }).check();
  const row = page.getByRole('group', { name: 'Commitment 1' });
  await row.getByRole('combobox', { name: 'New status' }).selectOption(proposedStatus);
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  // Proposed: the page says so, the status and the reports as of today are as they were.
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?`), AFTER_WRITE);
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'proposed, waiting for review',
    AFTER_WRITE,
  );
  await expect(page.getByRole('region', { name: 'Proposed updates' })).toContainText(
    'Proposed — awaiting review',
  );
  expect((await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
    commitment.status,
  );
  expect(await reportsAsOfToday(page.request, agreementId, commitment.title)).toEqual(before);

  // Analyst A accepts it on /review.
  const reviewer = await pageAs(page, analystA);
  await reviewer.page.goto('/review');
  const item = reviewer.page.getByRole('listitem').filter({ hasText: commitment.title });
  await expect(item).toContainText(LABELS[proposedStatus]!);
  await item.getByRole('button', { name: 'Accept' }).click();
  await expect(item).toHaveCount(0, AFTER_WRITE);
  expect(reviewer.errors).toEqual([]);
  await reviewer.close();

  // Only now: the status and the CSV as of today change.
  await expect
    .poll(
      async () => (await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status,
      AFTER_WRITE,
    )
    .toBe(proposedStatus);
  const after = await reportsAsOfToday(page.request, agreementId, commitment.title);
  expect(after.status).toBe(proposedStatus);
  expect(after.updates.toSorted()).toEqual([...before.updates, proposedStatus].toSorted());
});
