// The overview as an analyst first sees it on a seeded install: counts by status and the seed's commitments,
// each with a labelled status chip; on a desktop and on a phone.
import { STATUSES, STATUS_LABELS } from '../lib/domain/status.ts';
import { expect, test } from './support/fixtures.ts';
import { overviewPageOf } from './support/overview.ts';

test('the overview lists the seed commitments with status chips and counts them by status', async ({
  page,
  db,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }),
  ).toHaveAttribute('aria-current', 'page');

  const table = page.getByRole('table', { name: /commitments with their current status/i });
  const row = (name: RegExp) => table.getByRole('row', { name });

  await page.goto(await overviewPageOf(db, 'special protection unit'));
  await expect(row(/special protection unit for chinese nationals in islamabad/i)).toBeVisible();
  // Each row carries its chip twice, in the status column and folded under the title for phones; CSS shows one.
  await expect(
    row(/special protection unit/i)
      .getByText('In progress', { exact: true })
      .filter({ visible: true }),
  ).toBeVisible();
  // The reciprocal pair of invitations: the visits they invite to have not happened yet.
  for (const [title, name] of [
    ['invitation to Wang Xiaohong', /invitation to wang xiaohong/i],
    ['invitation to Mohsin Naqvi', /invitation to mohsin naqvi/i],
  ] as const) {
    await page.goto(await overviewPageOf(db, title));
    await expect(row(name)).toBeVisible();
    await expect(row(name).getByText('Not started', { exact: true }).filter({ visible: true })).toBeVisible();
  }
  await page.goto(await overviewPageOf(db, 'rapid-response system to counter terrorism'));
  await expect(row(/rapid-response system to counter terrorism/i)).toBeVisible();
  await page.goto(await overviewPageOf(db, 'cybercrime cooperation'));
  await expect(row(/cybercrime cooperation/i)).toContainText('Cybercrime / NCCIA support');

  // The rows are grouped under their agreement, which links to its page.
  await expect(table.getByRole('link', { name: /naqvi.+wang xiaohong meeting/i })).toBeVisible();

  // Every status has a card, and its number is what the database holds.
  const groups = await db.commitment.groupBy({
    by: ['status'],
    where: { archivedAt: null },
    _count: { _all: true },
  });
  const counts = page.getByRole('list', { name: 'Commitments by status' });
  await expect(counts.getByRole('listitem')).toHaveCount(STATUSES.length);
  for (const status of STATUSES) {
    const expected = groups.find((group) => group.status === status)?._count._all ?? 0;
    // Anchored: "Fulfilled" must not pick the "Partially fulfilled" card.
    const card = counts.getByRole('listitem').filter({ hasText: new RegExp(`^${STATUS_LABELS[status]}:`) });
    await expect(card).toContainText(`${STATUS_LABELS[status]}: ${expected} commitment`);
  }
});

test('a commitment title leads to its page, and the agreement heading to the agreement', async ({
  page,
  db,
}) => {
  const seedPage = await overviewPageOf(db, 'special protection unit');
  await page.goto(seedPage);
  await page
    .getByRole('link', { name: /special protection unit for chinese nationals in islamabad/i })
    .click();
  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: /special protection unit/i })).toBeVisible();

  await page.goto(seedPage);
  await page
    .getByRole('table', { name: /commitments with their current status/i })
    .getByRole('link', { name: /naqvi.+wang xiaohong meeting/i })
    .click();
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Naqvi.+Wang Xiaohong meeting/);
  await expect(page.getByText('Date unknown')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Parties' })).toContainText('Pakistan');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('rows fold their status into the first cell and the page never scrolls sideways', async ({
    page,
    db,
  }) => {
    await page.goto(await overviewPageOf(db, 'special protection unit'));
    const row = page
      .getByRole('table', { name: /commitments with their current status/i })
      .getByRole('row', { name: /special protection unit/i });
    await expect(row.getByText('In progress', { exact: true }).filter({ visible: true })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreements' }),
    ).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
