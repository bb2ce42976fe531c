// Outlets, which the follow-up form picks from: editing with optimistic locking (a stale form is merged three ways
// with the saved values, never overwriting silently), and archiving instead of deleting.
import { expect, test } from './support/fixtures.ts';
import { listboxOf } from './support/pickers.ts';

// Two tabs and several writes: more than the default budget on a busy two-core machine.
test.beforeEach(() => test.slow());
/** For what appears only after a write has committed and the page was rendered again. */
const AFTER_WRITE = { timeout: 20_000 };

test('a stale outlet form is merged with the saved one, and asks only where both changed a field', async ({
  page,
  context,
  db,
}) => {
  const outlet = await db.outlet.create({
    data: { name: `The Nation ${Date.now().toString(36)}`, defaultReliability: 'C' },
  });
  const other = await context.newPage();
  await Promise.all([page.goto(`/outlets/${outlet.id}`), other.goto(`/outlets/${outlet.id}`)]);

  // The other tab saves first.
  await other.getByLabel('Default reliability').selectOption('B');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible(AFTER_WRITE);

  // This tab, still on version 1, saves a different website and a different reliability.
  await page.getByLabel('Website').fill('https://nation.com.pk');
  await page.getByLabel('Default reliability').selectOption('D');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(conflict).toBeVisible(AFTER_WRITE);
  const reliabilityRow = conflict.getByRole('row', { name: /^Default reliability/ });
  await expect(reliabilityRow.getByTestId('theirs')).toHaveText('B — usually reliable');
  await expect(reliabilityRow.getByTestId('yours')).toContainText('D —');
  await expect(conflict.getByRole('row', { name: /^Website/ })).toContainText('Your change, kept');
  await expect(page.getByLabel('Website')).toHaveValue('https://nation.com.pk');
  await expect(page.getByLabel('Default reliability')).toHaveValue('D');
  expect(await db.outlet.findUniqueOrThrow({ where: { id: outlet.id } })).toMatchObject({
    defaultReliability: 'B',
    website: null,
    version: 2,
  });

  // Both changed the reliability: saving again without choosing is refused beside the choice.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(reliabilityRow.getByText('Choose which version to keep.')).toBeVisible(AFTER_WRITE);
  expect((await db.outlet.findUniqueOrThrow({ where: { id: outlet.id } })).version).toBe(2);

  // Keeping mine, knowingly, replaces theirs; the website goes with it.
  await reliabilityRow.getByRole('radio', { name: 'Keep mine' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible(AFTER_WRITE);
  expect(await db.outlet.findUniqueOrThrow({ where: { id: outlet.id } })).toMatchObject({
    defaultReliability: 'D',
    website: 'https://nation.com.pk',
    version: 3,
  });
  await expect(conflict).toHaveCount(0);
});

test('an archived outlet leaves the follow-up form but keeps its evidence', async ({ page, db }) => {
  const name = `Daily Archive ${Date.now().toString(36)}`;
  const outlet = await db.outlet.create({ data: { name, defaultReliability: 'E' } });

  await page.goto('/follow-ups/new');
  const picker = page.getByRole('combobox', { name: 'Outlet', exact: true });
  await picker.fill(name);
  await expect((await listboxOf(picker)).getByRole('option', { name: `${name} (E)` })).toHaveCount(1);

  await page.goto(`/outlets/${outlet.id}`);
  await page.getByRole('button', { name: 'Archive outlet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is archived' })).toBeVisible(AFTER_WRITE);
  await expect(page.getByRole('button', { name: 'Restore outlet' })).toBeVisible();

  await page.goto('/follow-ups/new');
  await picker.fill(name);
  // The search has answered (the picker always offers "+ Add a new outlet…"), and found nothing.
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Nothing found.' })).toBeAttached();
  await expect((await listboxOf(picker)).getByRole('option', { name: `${name} (E)` })).toHaveCount(0);
  await page.goto('/outlets?archived=1');
  await expect(page.getByRole('table', { name: 'Archived outlets' })).toContainText(name);
  expect(await db.outlet.count({ where: { id: outlet.id } })).toBe(1);
});
