// The overview, a party and an agreement seen as of an earlier day: statuses, compliance and the compliance over
// time as they stood then, a banner saying so with the way back to today, and a clear message (not an error page)
// for a day that is not one or has not come yet. Each test makes its own party, agreement and back-dated history.
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { parseDay } from '../lib/domain/dates.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ signedInAs: 'viewer' });
// Several page loads per test on a two-core machine shared with the app and its database.
test.beforeEach(() => test.slow());

function suffix(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A party of its own responsible for a firm commitment (not started in January 2025, fulfilled from June) and a
 * proposal (in progress, never adopted: left out of compliance), in an agreement of its own.
 */
async function history(db: PrismaClient) {
  const tag = suffix();
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const party = await db.party.create({ data: { name: `E2E As-of State ${tag}`, kind: 'state' } });
  const agreement = await db.agreement.create({
    data: { title: `E2E as-of agreement ${tag}`, kind: 'mou' },
  });
  const create = (title: string, strength: 'firm' | 'proposal') =>
    db.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title,
        strength,
        parties: { create: [{ partyId: party.id, role: 'responsible' }] },
      },
    });
  const firm = await create(`E2E as-of firm commitment ${tag}`, 'firm');
  const proposal = await create(`E2E as-of proposal ${tag}`, 'proposal');
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      { commitmentId: firm.id, status: 'not_started', observedOn: parseDay('2025-01-10') },
      { commitmentId: proposal.id, status: 'in_progress', observedOn: parseDay('2025-02-01') },
      // Back-dated news, logged now: as of any day before 1 June it is not yet known.
      { commitmentId: firm.id, status: 'fulfilled', observedOn: parseDay('2025-06-01') },
    ]),
  );
  return { party, agreement, firm, proposal };
}

test('an agreement as of an earlier day shows the statuses and compliance it had then', async ({
  page,
  db,
}) => {
  const { agreement, firm, proposal } = await history(db);
  const table = page.getByRole('table', { name: /^Commitments of this agreement/ });
  const statusOf = (title: string, status: string) =>
    table
      .getByRole('row', { name: new RegExp(title) })
      .getByText(status, { exact: true })
      .filter({ visible: true });

  await page.goto(`/agreements/${agreement.id}`);
  await expect(statusOf(firm.title, 'Fulfilled')).toBeVisible();
  // The proposal is shown as such and left out: one commitment counts, and it is fulfilled.
  await expect(table.getByRole('row', { name: new RegExp(proposal.title) })).toContainText('Proposal');
  await expect(page.getByRole('region', { name: 'Compliance' })).toContainText(
    /The agreement as a whole\s*100%\s*1 of 1 scored/,
  );

  await page.getByLabel('As of', { exact: true }).fill('2025-03-01');
  await page.getByRole('button', { name: 'Show that day' }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}\\?asOf=2025-03-01$`));
  await expect(
    page.getByRole('status').filter({ hasText: 'Showing the state as of 1 Mar 2025' }),
  ).toBeVisible();
  await expect(statusOf(firm.title, 'Not started')).toBeVisible();
  const counts = page.getByRole('list', { name: /Commitments by status as of 1 Mar 2025/ });
  await expect(counts.getByRole('listitem').filter({ hasText: /^Not started:/ })).toContainText(
    'Not started: 1',
  );
  await expect(counts.getByRole('listitem').filter({ hasText: /^Fulfilled:/ })).toContainText('Fulfilled: 0');
  const then = page.getByRole('region', { name: 'Compliance as of 1 Mar 2025' });
  await expect(then).toContainText(/The agreement as a whole\s*0%\s*1 of 1 scored/);

  // Compliance over time, read from its table: nothing scored before January, 0% by February's end.
  await then.getByText('The figures, month by month').click();
  const figures = then.getByRole('table', { name: /at each month end/ });
  await expect(figures.getByRole('row', { name: /28 Feb 2025/ })).toContainText('0%');
  await expect(figures.getByRole('row', { name: /1 Mar 2025/ })).toContainText('1 of 1');

  await page.getByRole('link', { name: 'Back to today' }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));
  await expect(statusOf(firm.title, 'Fulfilled')).toBeVisible();
});

test('a party as of an earlier day shows its own status and compliance then', async ({ page, db }) => {
  const { party, firm } = await history(db);
  const table = page.getByRole('table', { name: `Commitments ${party.name} is responsible for` });
  const row = table.getByRole('row', { name: new RegExp(firm.title) });

  await page.goto(`/parties/${party.id}`);
  await expect(row.getByText('Fulfilled', { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Compliance' })).toContainText(
    /Its own commitments\s*100%\s*1 of 1 scored/,
  );

  await page.getByLabel('As of', { exact: true }).fill('2025-03-01');
  await page.getByRole('button', { name: 'Show that day' }).click();
  await expect(page).toHaveURL(new RegExp(`/parties/${party.id}\\?asOf=2025-03-01$`));
  await expect(
    page.getByRole('status').filter({ hasText: 'Showing the state as of 1 Mar 2025' }),
  ).toBeVisible();
  await expect(row.getByText('Not started', { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(row.getByText('Fulfilled', { exact: true }).filter({ visible: true })).toHaveCount(0);
  // The commitment opens as of the same day.
  await expect(row.getByRole('link', { name: firm.title })).toHaveAttribute(
    'href',
    `/commitments/${firm.id}?asOf=2025-03-01`,
  );
  // The meter (the chart's axis also reads "100%"): one commitment counted, not started, 0%.
  const compliance = page.getByRole('region', { name: 'Compliance as of 1 Mar 2025' });
  await expect(compliance).toContainText(/Its own commitments\s*0%\s*1 of 1 scored/);
});

test('the overview as of an earlier day, and a day that is not one or has not come', async ({ page, db }) => {
  const { firm } = await history(db);
  // The compliance card lists only the top-level parties answering for the most commitments (this test's party,
  // with one, may not be among them; its compliance as of a day is the party test's): its links keep the day.
  const compliance = page.getByRole('region', { name: 'Compliance per party' });
  const partyLinks = compliance.getByRole('table', { name: /^Compliance per party/ }).getByRole('link');
  const commitmentRow = page
    .getByRole('table', { name: /^Commitments with their/ })
    .getByRole('row', { name: new RegExp(firm.title) });

  await page.goto('/');
  await expect(partyLinks.first()).toHaveAttribute('href', /^\/parties\/\d+$/);
  await expect(commitmentRow.getByText('Fulfilled', { exact: true }).filter({ visible: true })).toBeVisible();

  await page.getByLabel('As of', { exact: true }).fill('2025-03-01');
  await page.getByRole('button', { name: 'Show that day' }).click();
  await expect(page).toHaveURL(/\/\?asOf=2025-03-01$/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Showing the state as of 1 Mar 2025' }),
  ).toBeVisible();
  await expect(compliance).toContainText('As of 1 Mar 2025.');
  await expect(partyLinks.first()).toHaveAttribute('href', /^\/parties\/\d+\?asOf=2025-03-01$/);
  await expect(
    commitmentRow.getByText('Not started', { exact: true }).filter({ visible: true }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: /status as of 1 Mar 2025/ })).toBeVisible();

  // Not a day, or a day to come: today's state, and a message saying why.
  await page.goto('/?asOf=2025-02-30');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('is not a day (YYYY-MM-DD)');
  await expect(partyLinks.first()).toHaveAttribute('href', /^\/parties\/\d+$/);
  await page.goto('/?asOf=2999-01-01');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('2999-01-01 has not come yet');
  await expect(page.getByRole('status').filter({ hasText: 'Showing the state as of' })).toHaveCount(0);
});
