// Review before it counts (docs/decisions/018-review.md), as analysts meet it: an admin turns review on for an
// agreement of this test's own (never the seed's: other specs read its statuses); analyst B logs a follow-up on
// its commitment, which the commitment's page shows as proposed while the status, and the CSV reports as of
// today, stay as they were; B cannot review it; analyst A accepts it on /review, and then the status and the
// reports as of today change.
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { addDays, formatDay, today } from '../lib/domain/dates.ts';
import { pageAs, report, reportsAsOfToday } from './support/review.ts';
import { expect, test } from './support/fixtures.ts';
import { pickOutlet } from './support/pickers.ts';
import { createUser, forgiveHttpErrors } from './support/users.ts';

test.beforeEach(() => test.slow());
/** For what appears only after a write has committed and the page was rendered again. */
const AFTER_WRITE = { timeout: 20_000 };

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

test('with review on, an analyst’s follow-up waits, changes nothing, and counts once another analyst accepts it', async ({
  page,
  db,
  user,
}) => {
  const label = tag();
  const analystB = user!;
  const admin = await createUser(db, 'admin');
  const analystA = await createUser(db, 'analyst');

  // An agreement and commitment of this test's own, in progress since 20 days ago (logged by nobody: the seed's way).
  const category = await db.category.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const party = await db.party.findFirstOrThrow({ where: { name: 'Pakistan' } });
  const agreement = await db.agreement.create({
    data: { title: `Review pilot memorandum ${label}`, kind: 'mou' },
  });
  const title = `Joint patrols on the corridor ${label}`;
  const commitment = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title,
      parties: { create: { partyId: party.id, role: 'responsible' } },
    },
  });
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      {
        commitmentId: commitment.id,
        status: 'in_progress',
        reason: `Patrols announced ${label}.`,
        observedOn: addDays(today(), -20),
      },
    ]),
  );

  // The admin turns review on in the agreement's form.
  const adminPage = await pageAs(page, admin);
  await adminPage.page.goto(`/agreements/${agreement.id}/edit`);
  await adminPage.page.getByRole('checkbox', { name: 'Require review of status updates' }).check();
  await adminPage.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(adminPage.page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`), AFTER_WRITE);
  expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).requiresReview).toBe(true);
  expect(adminPage.errors).toEqual([]);
  await adminPage.close();

  const before = await reportsAsOfToday(page.request, agreement.id, title);
  expect(before).toEqual({ status: 'in_progress', updates: ['in_progress'] });

  // Analyst B logs a follow-up from the commitment's page.
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole('banner').getByRole('link', { name: 'Log follow-up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log follow-up' })).toBeVisible(AFTER_WRITE);
  await page.getByRole('textbox', { name: 'URL' }).fill(`https://www.dawn.com/news/patrols-${label}`);
  await pickOutlet(page, 'Dunya News (B)');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(`Corridor patrols complete ${label}`);
  await page.getByLabel('Published on').fill(formatDay(addDays(today(), -2)));
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('radio', { name: /^Concrete action/ }).check();
  const row = page.getByRole('group', { name: 'Commitment 1' });
  await row.getByRole('combobox', { name: 'New status' }).selectOption('fulfilled');
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  // Back on the commitment's page: proposed, waiting for review; the status as it was.
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?`), AFTER_WRITE);
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'proposed, waiting for review',
    AFTER_WRITE,
  );
  const proposed = page.getByRole('region', { name: 'Proposed updates' });
  await expect(proposed).toContainText('Proposed — awaiting review');
  await expect(proposed).toContainText('Fulfilled');
  await expect(proposed).toContainText(`Proposed by ${analystB.name}`);
  await expect(page.locator('main')).toContainText(/Current status:\s*In progress/);
  expect((await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
    'in_progress',
  );
  expect(await reportsAsOfToday(page.request, agreement.id, title)).toEqual(before);
  // Asked for, updates.csv lists the proposal, marked.
  const withProposed = await report(
    page.request,
    `/reports/updates.csv?agreement=${agreement.id}&asOf=${formatDay(today())}&proposed=1`,
  );
  expect(withProposed.map((entry) => [entry.status, entry.review])).toEqual([
    ['in_progress', ''],
    ['fulfilled', 'proposed'],
  ]);

  // B cannot review their own.
  await page.goto('/review');
  const mine = page.getByRole('listitem').filter({ hasText: title });
  await expect(mine).toContainText('You proposed this update');
  await expect(mine.getByRole('button', { name: 'Accept' })).toHaveCount(0);

  // Analyst A accepts it on /review.
  const reviewer = await pageAs(page, analystA);
  await reviewer.page.goto('/review');
  const item = reviewer.page.getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText('Fulfilled');
  await expect(item).toContainText(analystB.name);
  await item.getByRole('button', { name: 'Accept' }).click();
  // Decided, it leaves the queue.
  await expect(item).toHaveCount(0, AFTER_WRITE);
  expect(reviewer.errors).toEqual([]);
  await reviewer.close();

  // Now it counts, from its own fact date: the page, the status and the reports as of today say so.
  await page.goto(`/commitments/${commitment.id}`);
  await expect(page.locator('main')).toContainText(/Current status:\s*Fulfilled/);
  await expect(page.getByRole('region', { name: 'Proposed updates' })).toHaveCount(0);
  const after = await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } });
  expect(after.status).toBe('fulfilled');
  expect(formatDay(after.statusSince!)).toBe(formatDay(addDays(today(), -2)));
  expect(await reportsAsOfToday(page.request, agreement.id, title)).toEqual({
    status: 'fulfilled',
    updates: ['in_progress', 'fulfilled'],
  });
  // The day before its fact date, the report is as it was.
  const dayBefore = formatDay(addDays(today(), -3));
  const earlier = await report(
    page.request,
    `/reports/commitments.csv?agreement=${agreement.id}&asOf=${dayBefore}`,
  );
  expect(earlier.find((entry) => entry.commitment === title)?.status).toBe('in_progress');
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('cannot open /review', async ({ page, pageErrors }) => {
    const response = await page.goto('/review');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    forgiveHttpErrors(pageErrors, [403]);
  });
});
